// Inviting a customer to the customer portal: the API e-mails them a link to set a password.
import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../api/client';

export function useInviteToPortal(tenant: string, customerId: string) {
  return useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/customers/{id}/portal-invitation', { params: { path: { tenant, id: customerId } } })),
  });
}
