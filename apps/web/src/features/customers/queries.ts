// The customer register's calls and their query keys.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type Customer = components['schemas']['CustomerDto'];
export type CustomerInput = components['schemas']['CreateCustomerDto'];
export type CustomerChanges = components['schemas']['UpdateCustomerDto'];

export const PAGE_SIZE = 50;

export const customerKeys = {
  all: (tenant: string) => ['tenant', tenant, 'customers'] as const,
  list: (tenant: string, search: { q?: string; cursor?: string }) => [...customerKeys.all(tenant), 'list', search] as const,
  one: (tenant: string, id: string) => [...customerKeys.all(tenant), 'one', id] as const,
};

export function useCustomers(tenant: string, search: { q?: string; cursor?: string }) {
  return useQuery({
    queryKey: customerKeys.list(tenant, search),
    queryFn: ({ signal }) =>
      call(api.GET('/api/t/{tenant}/customers', { params: { path: { tenant }, query: { limit: PAGE_SIZE, q: search.q || undefined, cursor: search.cursor } }, signal })),
    // While the next page or a new search loads, the rows on screen stay (marked as updating).
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(tenant: string, id: string) {
  return useQuery({
    queryKey: customerKeys.one(tenant, id),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customers/{id}', { params: { path: { tenant, id } }, signal })),
  });
}

export function useCreateCustomer(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerInput) => call(api.POST('/api/t/{tenant}/customers', { params: { path: { tenant } }, body })),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.one(tenant, customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: [...customerKeys.all(tenant), 'list'] });
    },
  });
}

export function useUpdateCustomer(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerChanges) => call(api.PATCH('/api/t/{tenant}/customers/{id}', { params: { path: { tenant, id } }, body })),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.one(tenant, id), customer);
      void queryClient.invalidateQueries({ queryKey: [...customerKeys.all(tenant), 'list'] });
    },
  });
}

/** The latest version from the server, read after a conflict (bypassing the cache). */
export function useFetchLatestCustomer(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.fetchQuery({
      queryKey: customerKeys.one(tenant, id),
      queryFn: () => call(api.GET('/api/t/{tenant}/customers/{id}', { params: { path: { tenant, id } } })),
      staleTime: 0,
    });
}
