// Leaving the platform (owner): the state of the request, asking to leave and cancelling during the grace period.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type LeaveStatus = components['schemas']['LeaveStatusDto'];
export type LeaveRequest = components['schemas']['RequestLeaveDto'];

export const leaveKey = (tenant: string) => ['tenant', tenant, 'leave'] as const;

export function useLeaveStatus(tenant: string) {
  return useQuery({
    queryKey: leaveKey(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/register/leave', { params: { path: { tenant } }, signal })),
  });
}

export function useRequestLeave(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LeaveRequest) => call(api.POST('/api/t/{tenant}/register/leave', { params: { path: { tenant } }, body })),
    onSuccess: (status) => queryClient.setQueryData(leaveKey(tenant), status),
  });
}

export function useCancelLeave(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/t/{tenant}/register/leave', { params: { path: { tenant } } })),
    onSuccess: (status) => queryClient.setQueryData(leaveKey(tenant), status),
  });
}
