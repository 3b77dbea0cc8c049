// The customer register's calls and their query keys.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type Customer = components['schemas']['CustomerDto'];
export type CustomerInput = components['schemas']['CreateCustomerDto'];
export type CustomerChanges = components['schemas']['UpdateCustomerDto'];

export type CustomerSort = components['schemas']['CustomerSort'];
export type CustomerAuditEntry = components['schemas']['AuditEntryDto'];

export const PAGE_SIZE = 50;
export const SUGGESTIONS = 8;

export interface CustomerListSearch {
  q?: string;
  cursor?: string;
  sort?: CustomerSort;
}

export const customerKeys = {
  all: (tenant: string) => ['tenant', tenant, 'customers'] as const,
  list: (tenant: string, search: CustomerListSearch) => [...customerKeys.all(tenant), 'list', search] as const,
  one: (tenant: string, id: string) => [...customerKeys.all(tenant), 'one', id] as const,
  audit: (tenant: string, id: string) => [...customerKeys.all(tenant), 'one', id, 'audit'] as const,
  suggestions: (tenant: string, q: string) => [...customerKeys.all(tenant), 'suggestions', q] as const,
};

/** A page of the register (app/route-preload starts the first one early on a cold load of the customers page). */
export function customerListQuery(tenant: string, search: CustomerListSearch) {
  return queryOptions({
    queryKey: customerKeys.list(tenant, search),
    queryFn: ({ signal }) =>
      call(
        api.GET('/api/t/{tenant}/customers', {
          params: { path: { tenant }, query: { limit: PAGE_SIZE, q: search.q || undefined, cursor: search.cursor, sort: search.sort === '-created' ? undefined : search.sort } },
          signal,
        }),
      ),
  });
}

export function useCustomers(tenant: string, search: CustomerListSearch) {
  return useQuery({
    ...customerListQuery(tenant, search),
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
      void queryClient.invalidateQueries({ queryKey: customerKeys.audit(tenant, id) });
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

/** A few customers matching what is typed in the command palette (by name, e-mail, phone); off under two characters. */
export function useCustomerSuggestions(tenant: string, q: string) {
  return useQuery({
    queryKey: customerKeys.suggestions(tenant, q),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customers', { params: { path: { tenant }, query: { limit: SUGGESTIONS, q, sort: 'name' } }, signal })),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** Who did what to the customer, oldest first (owners only: the API answers 403 to staff). */
export function useCustomerAudit(tenant: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: customerKeys.audit(tenant, id),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customers/{id}/audit', { params: { path: { tenant, id } }, signal })),
    enabled,
  });
}

/** The owner lifts a restriction of processing (Art. 18(3)); the API tells the person first, with the reason. */
export function useLiftRestriction(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['LiftRestrictionDto']) => call(api.POST('/api/t/{tenant}/customers/{id}/restriction/lift', { params: { path: { tenant, id } }, body })),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.one(tenant, id), customer);
      void queryClient.invalidateQueries({ queryKey: [...customerKeys.all(tenant), 'list'] });
      void queryClient.invalidateQueries({ queryKey: customerKeys.audit(tenant, id) });
    },
  });
}
