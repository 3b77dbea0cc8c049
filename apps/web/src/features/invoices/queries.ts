// Invoices: a customer's history and balance, one invoice, the VAT rates, live pricing of a draft, and the
// changes (draft, edit, issue, payment, credit note). Query keys live here.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import type { DraftBody, LineInput } from './draft';
import { apiQueryOf, type InvoiceFilters } from './invoice-filters';

export type Invoice = components['schemas']['InvoiceDetailDto'];
export type InvoiceSummary = components['schemas']['InvoiceDto'];
export type Balance = components['schemas']['CustomerBalanceDto'];
export type Totals = components['schemas']['InvoiceTotalsDto'];
export type VatRate = components['schemas']['VatRateDto'];

export type InvoiceListRow = components['schemas']['InvoiceSummaryDto'];

export const HISTORY_PAGE = 20;
export const LIST_PAGE = 50;

export const invoiceKeys = {
  all: (tenant: string) => ['tenant', tenant, 'invoices'] as const,
  one: (tenant: string, id: string) => [...invoiceKeys.all(tenant), 'one', id] as const,
  /** Everything shown of one customer's billing (history and balance): refreshed together after a change. */
  ofCustomer: (tenant: string, customerId: string) => [...invoiceKeys.all(tenant), 'customer', customerId] as const,
  history: (tenant: string, customerId: string) => [...invoiceKeys.ofCustomer(tenant, customerId), 'history'] as const,
  balance: (tenant: string, customerId: string) => [...invoiceKeys.ofCustomer(tenant, customerId), 'balance'] as const,
  vatRates: (tenant: string) => [...invoiceKeys.all(tenant), 'vat-rates'] as const,
  price: (tenant: string, lines: LineInput[]) => [...invoiceKeys.all(tenant), 'price', lines] as const,
  list: (tenant: string, filters: InvoiceFilters) => [...invoiceKeys.all(tenant), 'list', filters] as const,
};

/** Invoices across customers, filtered as the URL says, overdue first, with the sums of all that match. */
export function useInvoiceList(tenant: string, filters: InvoiceFilters) {
  return useQuery({
    queryKey: invoiceKeys.list(tenant, filters),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/invoices', { params: { path: { tenant }, query: apiQueryOf(filters, LIST_PAGE) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerInvoices(tenant: string, customerId: string) {
  return useInfiniteQuery({
    queryKey: invoiceKeys.history(tenant, customerId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/t/{tenant}/customers/{id}/invoices', { params: { path: { tenant, id: customerId }, query: { limit: HISTORY_PAGE, cursor: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCustomerBalance(tenant: string, customerId: string) {
  return useQuery({
    queryKey: invoiceKeys.balance(tenant, customerId),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customers/{id}/balance', { params: { path: { tenant, id: customerId } }, signal })),
  });
}

export function useInvoice(tenant: string, id: string) {
  return useQuery({
    queryKey: invoiceKeys.one(tenant, id),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/invoices/{id}', { params: { path: { tenant, id } }, signal })),
  });
}

/** The rates in force today, as the server's clock says. */
export function useVatRates(tenant: string) {
  return useQuery({
    queryKey: invoiceKeys.vatRates(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/vat-rates', { params: { path: { tenant } }, signal })),
    staleTime: 10 * 60_000,
  });
}

/** What the lines come to, as the API computes it; null lines (not readable yet) ask nothing. */
export function useDraftPrice(tenant: string, lines: LineInput[] | null) {
  return useQuery({
    queryKey: invoiceKeys.price(tenant, lines ?? []),
    queryFn: ({ signal }) => call(api.POST('/api/t/{tenant}/invoices/preview', { params: { path: { tenant } }, body: { lines: lines! }, signal })),
    enabled: lines !== null && lines.length > 0,
    // While new totals are computed, the last ones stay on screen (marked as updating).
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** After a change: the invoice as the server answered, and the customer's history and balance refreshed. */
function useSettle(tenant: string) {
  const queryClient = useQueryClient();
  return (invoice: Invoice) => {
    queryClient.setQueryData(invoiceKeys.one(tenant, invoice.id), invoice);
    if (invoice.creditedInvoiceId) void queryClient.invalidateQueries({ queryKey: invoiceKeys.one(tenant, invoice.creditedInvoiceId) });
    if (invoice.customerId) void queryClient.invalidateQueries({ queryKey: invoiceKeys.ofCustomer(tenant, invoice.customerId) });
  };
}

export function useCreateDraft(tenant: string, customerId: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (body: DraftBody) =>
      call(api.POST('/api/t/{tenant}/invoices', { params: { path: { tenant } }, body: { customerId, lines: body.lines, paymentTermDays: body.paymentTermDays, notes: body.notes ?? undefined } })),
    onSuccess: settle,
  });
}

export function useUpdateDraft(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (body: DraftBody & { version: number }) => call(api.PATCH('/api/t/{tenant}/invoices/{id}', { params: { path: { tenant, id } }, body })),
    onSuccess: settle,
  });
}

export function useIssueInvoice(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/invoices/{id}/issue', { params: { path: { tenant, id } }, body: {} })),
    onSuccess: settle,
  });
}

export function useRecordPayment(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (body: components['schemas']['RecordPaymentDto']) => call(api.POST('/api/t/{tenant}/invoices/{id}/payments', { params: { path: { tenant, id } }, body })),
    onSuccess: settle,
  });
}

export function useReversePayment(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: ({ paymentId, reason }: { paymentId: string; reason: string }) =>
      call(api.POST('/api/t/{tenant}/invoices/{id}/payments/{paymentId}/reverse', { params: { path: { tenant, id, paymentId } }, body: { reason } })),
    onSuccess: settle,
  });
}

export function useCreditInvoice(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (reason: string) => call(api.POST('/api/t/{tenant}/invoices/{id}/credit', { params: { path: { tenant, id } }, body: { reason } })),
    onSuccess: settle,
  });
}

/** The latest version of an invoice from the server (after a conflict), bypassing the cache. */
export function useFetchLatestInvoice(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.fetchQuery({
      queryKey: invoiceKeys.one(tenant, id),
      queryFn: () => call(api.GET('/api/t/{tenant}/invoices/{id}', { params: { path: { tenant, id } } })),
      staleTime: 0,
    });
}
