// Data-subject requests: the inbox, one customer's requests, one request, and the decisions on it. Query keys live
// here; every change refreshes the lists and the request.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { customerKeys } from '../customers/queries';

export type DataSubjectRequest = components['schemas']['DataSubjectRequestDto'];
export type RequestType = components['schemas']['RequestType'];
export type RequestState = components['schemas']['RequestState'];
export type RecordRequestBody = components['schemas']['RecordRequestDto'];

/** What the inbox shows: the API's filter and state, as one choice. */
export const INBOX_VIEWS = ['open', 'overdue', 'due_soon', 'received', 'verified', 'completed', 'rejected', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export function isInboxView(value: string | null): value is InboxView {
  return (INBOX_VIEWS as readonly string[]).includes(value ?? '');
}

function queryOf(view: InboxView): { filter?: 'open' | 'due_soon' | 'overdue' | 'all'; state?: RequestState } {
  if (view === 'open' || view === 'overdue' || view === 'due_soon' || view === 'all') return { filter: view };
  return { state: view };
}

export const INBOX_PAGE = 50;

export const requestKeys = {
  all: (tenant: string) => ['tenant', tenant, 'requests'] as const,
  inbox: (tenant: string, view: InboxView) => [...requestKeys.all(tenant), 'inbox', view] as const,
  ofCustomer: (tenant: string, customerId: string) => [...requestKeys.all(tenant), 'customer', customerId] as const,
  one: (tenant: string, id: string) => [...requestKeys.all(tenant), 'one', id] as const,
  mails: (tenant: string, id: string) => [...requestKeys.all(tenant), 'one', id, 'mails'] as const,
};

export type RequestMail = components['schemas']['RequestMailDto'];

/** The mails queued about a request (to the person, to the owners and staff) and how delivery went. */
export function useRequestMails(tenant: string, id: string) {
  return useQuery({
    queryKey: requestKeys.mails(tenant, id),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/requests/{id}/mails', { params: { path: { tenant, id } }, signal })),
  });
}

export function useInbox(tenant: string, view: InboxView) {
  return useInfiniteQuery({
    queryKey: requestKeys.inbox(tenant, view),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/t/{tenant}/requests', { params: { path: { tenant }, query: { ...queryOf(view), limit: INBOX_PAGE, cursor: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** A customer's requests, all of them (a person has a handful). */
export function useCustomerRequests(tenant: string, customerId: string) {
  return useQuery({
    queryKey: requestKeys.ofCustomer(tenant, customerId),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/requests', { params: { path: { tenant }, query: { customerId, filter: 'all', limit: 200 } }, signal })),
  });
}

export function useRequest(tenant: string, id: string) {
  return useQuery({
    queryKey: requestKeys.one(tenant, id),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/requests/{id}', { params: { path: { tenant, id } }, signal })),
  });
}

/** The address of the export download (a link the browser follows with the session cookie). */
export type StaffCheckMethod = components['schemas']['StaffCheckMethod'];
export type RepeatDecisionBody = components['schemas']['RepeatAccessDecisionDto'];

export function exportHref(tenant: string, id: string, format: 'json' | 'csv' | 'html'): string {
  return `/api/t/${encodeURIComponent(tenant)}/requests/${encodeURIComponent(id)}/export?format=${format}`;
}

function useSettle(tenant: string) {
  const queryClient = useQueryClient();
  return (request: DataSubjectRequest) => {
    queryClient.setQueryData(requestKeys.one(tenant, request.id), request);
    void queryClient.invalidateQueries({ queryKey: requestKeys.mails(tenant, request.id) });
    void queryClient.invalidateQueries({ queryKey: [...requestKeys.all(tenant), 'inbox'] });
    if (request.customerId) void queryClient.invalidateQueries({ queryKey: requestKeys.ofCustomer(tenant, request.customerId) });
  };
}

export function useRecordRequest(tenant: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (body: RecordRequestBody) => call(api.POST('/api/t/{tenant}/requests', { params: { path: { tenant } }, body })),
    onSuccess: settle,
  });
}

export function useVerifyRequest(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (body: { method: StaffCheckMethod; note?: string }) => call(api.POST('/api/t/{tenant}/requests/{id}/verify', { params: { path: { tenant, id } }, body })),
    onSuccess: settle,
  });
}

/** Sends a one-time code to the address on record; the request stays "received" until the person enters it. */
export function useSendCode(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/requests/{id}/verification-code', { params: { path: { tenant, id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: requestKeys.mails(tenant, id) }),
  });
}

export function useRepeatAccessDecision(tenant: string, id: string) {
  const settle = useSettle(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RepeatDecisionBody) => call(api.POST('/api/t/{tenant}/requests/{id}/repeat-access', { params: { path: { tenant, id } }, body })),
    onSuccess: (request) => {
      settle(request);
      if (request.feeInvoiceId) void queryClient.invalidateQueries({ queryKey: ['invoices'] });
    },
  });
}

export function useObjectionDecision(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (body: { decision: 'upheld' | 'rejected'; reason: string }) => call(api.POST('/api/t/{tenant}/requests/{id}/objection-decision', { params: { path: { tenant, id } }, body })),
    onSuccess: (request) => settle(request),
  });
}

export function useCompleteRequest(tenant: string, id: string) {
  const settle = useSettle(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/requests/{id}/complete', { params: { path: { tenant, id } } })),
    onSuccess: (request) => {
      settle(request);
      // An erasure removes the customer, a restriction marks them: what was cached of them goes too.
      if (request.type === 'erasure' || request.type === 'restriction') void queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) });
    },
  });
}

export function useRejectRequest(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (reason: string) => call(api.POST('/api/t/{tenant}/requests/{id}/reject', { params: { path: { tenant, id } }, body: { reason } })),
    onSuccess: settle,
  });
}

export function useExtendRequest(tenant: string, id: string) {
  const settle = useSettle(tenant);
  return useMutation({
    mutationFn: (reason: string) => call(api.POST('/api/t/{tenant}/requests/{id}/extend', { params: { path: { tenant, id } }, body: { reason } })),
    onSuccess: settle,
  });
}
