// The platform console's calls and their keys: who is signed in, tenants, platform staff, the access log.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { useRealmSignOut } from '../auth/queries';

export type PlatformMe = components['schemas']['PlatformPrincipalDto'];
export type Tenant = components['schemas']['TenantDto'];
export type OnboardTenant = components['schemas']['OnboardTenantDto'];
export type UpdateTenant = components['schemas']['UpdateTenantDto'];
export type OnboardingResult = components['schemas']['OnboardingResultDto'];
export type PlatformStaffMember = components['schemas']['PlatformStaffListItemDto'];
export type PlatformRole = PlatformMe['roles'][number];
export type AccessLogSearch = components['schemas']['SearchAccessLogDto'];
export type AccessLogResult = components['schemas']['SearchResultDto'];
export type SearchAuditEntry = components['schemas']['SearchAuditEntryDto'];
export type TenantStatus = 'active' | 'suspended' | 'left';

export const platformKeys = {
  all: ['platform'] as const,
  me: () => ['platform', 'me'] as const,
  tenants: () => ['platform', 'tenants'] as const,
  tenantList: (search: { q: string; status: string }) => ['platform', 'tenants', 'list', search] as const,
  tenant: (slug: string) => ['platform', 'tenants', 'one', slug] as const,
  staff: () => ['platform', 'staff'] as const,
  audit: () => ['platform', 'access-log', 'audit'] as const,
};

// Signing in and out

export function usePlatformMe() {
  return useQuery({
    queryKey: platformKeys.me(),
    queryFn: ({ signal }) => call(api.GET('/api/platform/me', { signal })),
    retry: false,
    staleTime: 60_000,
    meta: { sessionProbe: true },
  });
}

export function usePlatformSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { email: string; password: string }) => call(api.POST('/api/platform/login', { body })),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(platformKeys.me(), me);
    },
  });
}

export function usePlatformSignOut(leave: () => void | Promise<void>) {
  return useRealmSignOut(() => call(api.POST('/api/platform/logout')), leave);
}

export function useAcceptPlatformInvitation() {
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { token: string; password: string }) => call(api.POST('/api/platform/invitations/accept', { body })),
  });
}

// Tenants

/** The API lists by slug, 200 at most a call; the console asks for one page of 200 and says when there are more. */
export const TENANT_PAGE = 200;

export function useTenants(search: { q: string; status: string }) {
  return useQuery({
    queryKey: platformKeys.tenantList(search),
    queryFn: ({ signal }) =>
      call(
        api.GET('/api/platform/tenants', {
          params: { query: { limit: TENANT_PAGE, q: search.q || undefined, status: (search.status || undefined) as TenantStatus | undefined } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useTenant(slug: string) {
  return useQuery({
    queryKey: platformKeys.tenant(slug),
    queryFn: ({ signal }) => call(api.GET('/api/platform/tenants/{slug}', { params: { path: { slug } }, signal })),
  });
}

export function useOnboardTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OnboardTenant) => call(api.POST('/api/platform/tenants', { body })),
    onSuccess: (result) => {
      queryClient.setQueryData(platformKeys.tenant(result.tenant.slug), result.tenant);
      void queryClient.invalidateQueries({ queryKey: [...platformKeys.tenants(), 'list'] });
    },
  });
}

export function useUpdateTenant(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTenant) => call(api.PATCH('/api/platform/tenants/{slug}', { params: { path: { slug } }, body })),
    onSuccess: (tenant) => {
      queryClient.setQueryData(platformKeys.tenant(slug), tenant);
      void queryClient.invalidateQueries({ queryKey: [...platformKeys.tenants(), 'list'] });
    },
  });
}

/** The latest version from the server, read after a conflict (bypassing the cache). */
export function useFetchLatestTenant(slug: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.fetchQuery({
      queryKey: platformKeys.tenant(slug),
      queryFn: () => call(api.GET('/api/platform/tenants/{slug}', { params: { path: { slug } } })),
      staleTime: 0,
    });
}

export function useSetTenantStatus(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'suspend' | 'resume') =>
      call(
        action === 'suspend'
          ? api.POST('/api/platform/tenants/{slug}/suspend', { params: { path: { slug } } })
          : api.POST('/api/platform/tenants/{slug}/resume', { params: { path: { slug } } }),
      ),
    onSuccess: (tenant) => {
      queryClient.setQueryData(platformKeys.tenant(slug), tenant);
      void queryClient.invalidateQueries({ queryKey: [...platformKeys.tenants(), 'list'] });
    },
  });
}

// Platform staff

export function usePlatformStaff() {
  return useQuery({
    queryKey: platformKeys.staff(),
    // 200 is the API's page; a platform has a handful of staff.
    queryFn: ({ signal }) => call(api.GET('/api/platform/staff', { params: { query: { limit: 200 } }, signal })),
  });
}

function useStaffMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: platformKeys.staff() }),
  });
}

export function useInvitePlatformStaff() {
  return useStaffMutation((body: { email: string; name: string; roles: PlatformRole[] }) => call(api.POST('/api/platform/staff', { body })));
}

export function useSetPlatformRoles() {
  return useStaffMutation(({ id, roles }: { id: string; roles: PlatformRole[] }) =>
    call(api.PUT('/api/platform/staff/{id}/roles', { params: { path: { id } }, body: { roles } })),
  );
}

export function useApproveGrant() {
  return useStaffMutation(({ id, grantId }: { id: string; grantId: string }) =>
    call(api.POST('/api/platform/staff/{id}/role-grants/{grantId}/approve', { params: { path: { id, grantId } } })),
  );
}

export function useDisablePlatformStaff() {
  return useStaffMutation((id: string) => call(api.POST('/api/platform/staff/{id}/disable', { params: { path: { id } } })));
}

// The access log

export function useSearchAccessLog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AccessLogSearch) => call(api.POST('/api/platform/access-log/searches', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: platformKeys.audit() }),
  });
}

export function useSearchAudit() {
  return useQuery({
    queryKey: platformKeys.audit(),
    queryFn: ({ signal }) => call(api.GET('/api/platform/access-log/audit', { params: { query: { limit: 100 } }, signal })),
  });
}

/** The platform's record of processing activities as a processor (GDPR Art. 30(2)), generated on each read. */
export function usePlatformProcessingRecord(lang: 'fi' | 'en') {
  return useQuery({
    queryKey: ['platform', 'processing-record', lang] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/platform/processing-record', { params: { query: { lang } }, headers: { Accept: 'application/json' }, signal })) as Promise<components['schemas']['ProcessingRecordDto']>,
  });
}
