// The seller on the tenant's invoices: legal identity, IBAN and BIC (staff read, the owner changes).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type Seller = components['schemas']['SellerDto'];
export type SellerChanges = components['schemas']['UpdateSellerDto'];

export const sellerKey = (tenant: string) => ['tenant', tenant, 'seller'] as const;

export function useSeller(tenant: string) {
  return useQuery({
    queryKey: sellerKey(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/seller', { params: { path: { tenant } }, signal })),
  });
}

export function useUpdateSeller(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SellerChanges) => call(api.PUT('/api/t/{tenant}/seller', { params: { path: { tenant } }, body })),
    onSuccess: (seller) => queryClient.setQueryData(sellerKey(tenant), seller),
  });
}
