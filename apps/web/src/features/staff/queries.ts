// The business's staff (owners only).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type StaffMember = components['schemas']['StaffMemberDto'];

export const staffKeys = {
  all: (tenant: string) => ['tenant', tenant, 'staff'] as const,
};

export function useStaff(tenant: string) {
  return useQuery({
    queryKey: staffKeys.all(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/staff', { params: { path: { tenant } }, signal })),
  });
}

export type StaffInvitation = components['schemas']['InviteStaffDto'];

/** Invites a member: the API e-mails them the link to set a password. */
export function useInviteStaff(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffInvitation) => call(api.POST('/api/t/{tenant}/staff', { params: { path: { tenant } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: staffKeys.all(tenant) }),
  });
}

/** Makes a member owner or staff; the API keeps at least one owner who can sign in (409 `last-owner`). */
export function useChangeRole(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: StaffMember['role'] }) => call(api.PUT('/api/t/{tenant}/staff/{id}/role', { params: { path: { tenant, id } }, body: { role } })),
    // The signed-in owner may have changed their own role: who they are is asked again too.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tenant', tenant] }),
  });
}

/** Disables a member: they can no longer sign in, and their sessions end at once. */
export function useDisableStaff(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/t/{tenant}/staff/{id}/disable', { params: { path: { tenant, id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: staffKeys.all(tenant) }),
  });
}
