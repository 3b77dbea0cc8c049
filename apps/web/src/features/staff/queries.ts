// The business's staff (owners only).
import { useQuery } from '@tanstack/react-query';
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
