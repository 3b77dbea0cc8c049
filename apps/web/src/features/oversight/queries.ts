// The owner's oversight of the register: platform staff's searches of the IP log that touched this business,
// the incidents that concern it, and the customers the retention run flagged for review.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type TransparencyEntry = components['schemas']['TransparencyEntryDto'];
export type TenantIncident = components['schemas']['TenantIncidentDto'];
export type ReviewItem = components['schemas']['ReviewItemDto'];

export const PAGE_SIZE = 50;

// What platform staff and the retention run did is changed by others, never by the owner here: opening a page
// shows it as it is now, not as it was when last seen (the console's default is 15 s).
const ALWAYS_FETCH = 0;

export const oversightKeys = {
  transparency: (tenant: string, cursor?: string) => ['tenant', tenant, 'access-transparency', cursor ?? null] as const,
  incidents: (tenant: string) => ['tenant', tenant, 'incidents'] as const,
  retention: (tenant: string, cursor?: string) => ['tenant', tenant, 'retention-review', cursor ?? null] as const,
};

export function useAccessTransparency(tenant: string, cursor?: string) {
  return useQuery({
    queryKey: oversightKeys.transparency(tenant, cursor),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/access-transparency', { params: { path: { tenant }, query: { limit: PAGE_SIZE, cursor } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: ALWAYS_FETCH,
  });
}

export function useTenantIncidents(tenant: string) {
  return useQuery({
    queryKey: oversightKeys.incidents(tenant),
    // An incident is rare; the most recent hundred is every one a business will have.
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/incidents', { params: { path: { tenant }, query: { limit: 100 } }, signal })),
    staleTime: ALWAYS_FETCH,
  });
}

export function useRetentionReview(tenant: string, cursor?: string) {
  return useQuery({
    queryKey: oversightKeys.retention(tenant, cursor),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/retention/review', { params: { path: { tenant }, query: { limit: PAGE_SIZE, cursor } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: ALWAYS_FETCH,
  });
}

export type TenantNotice = components['schemas']['TenantNoticeDto'];

export function useTenantNotice(tenant: string, noticeId: string) {
  return useQuery({
    queryKey: [...oversightKeys.incidents(tenant), 'notice', noticeId],
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/incidents/notices/{noticeId}', { params: { path: { tenant, noticeId } }, signal })),
    staleTime: ALWAYS_FETCH,
  });
}

/** Approves or rejects a notice; the notice and the incidents are read again either way (a conflict included). */
export function useDecideNotice(tenant: string, noticeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: { approve: true; version: number } | { approve: false; version: number; reason: string }) =>
      decision.approve
        ? call(api.POST('/api/t/{tenant}/incidents/notices/{noticeId}/approve', { params: { path: { tenant, noticeId } }, body: { version: decision.version } }))
        : call(api.POST('/api/t/{tenant}/incidents/notices/{noticeId}/reject', { params: { path: { tenant, noticeId } }, body: { version: decision.version, reason: decision.reason } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: oversightKeys.incidents(tenant) }),
  });
}
