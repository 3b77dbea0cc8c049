// A customer's marketing consents, one purpose (purpose and channel in one: e-mail, SMS) at a time, with its
// ledger; staff record a grant or a withdrawal on the customer's written request.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type ConsentPurpose = components['schemas']['ConsentPurpose'];
export type ConsentWithHistory = components['schemas']['ConsentWithHistoryDto'];

export const consentKeys = {
  one: (tenant: string, customerId: string, purpose: ConsentPurpose) => ['tenant', tenant, 'consents', customerId, purpose] as const,
};

export function useConsent(tenant: string, customerId: string, purpose: ConsentPurpose) {
  return useQuery({
    queryKey: consentKeys.one(tenant, customerId, purpose),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customers/{id}/consents/{purpose}', { params: { path: { tenant, id: customerId, purpose } }, signal })),
  });
}

export function useSetConsent(tenant: string, customerId: string, purpose: ConsentPurpose) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { granted: boolean; evidence?: string }) => call(api.PUT('/api/t/{tenant}/customers/{id}/consents/{purpose}', { params: { path: { tenant, id: customerId, purpose } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consentKeys.one(tenant, customerId, purpose) }),
  });
}
