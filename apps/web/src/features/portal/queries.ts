// The customer portal's calls and their keys: who is signed in (and everything held on them), rectifying,
// consents, requests and the export. Every call acts on the session's own customer; no id is ever sent.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { useRealmSignOut } from '../auth/queries';

export type PortalMe = components['schemas']['PortalMeDto'];
export type PortalProfile = components['schemas']['CustomerDto'];
export type ConsentState = components['schemas']['ConsentStateDto'];
export type DataSubjectRequest = components['schemas']['DataSubjectRequestDto'];
export type PortalRequestBody = components['schemas']['PortalRequestDto'];
export type RectifyBody = components['schemas']['RectifyProfileDto'];
export type Purpose = components['schemas']['ConsentPurpose'];

export const PURPOSES: readonly Purpose[] = ['marketing_email', 'marketing_sms'];

export const portalKeys = {
  all: (tenant: string) => ['portal', tenant] as const,
  me: (tenant: string) => ['portal', tenant, 'me'] as const,
};

const path = (tenant: string) => ({ params: { path: { tenant } } });

/** Everything held on the signed-in customer; the shell's probe too (a 401 here is a first visit, not a lapse). */
export function usePortalMe(tenant: string) {
  return useQuery({
    queryKey: portalKeys.me(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/portal/me', { ...path(tenant), signal })),
    retry: false,
    meta: { sessionProbe: true },
  });
}

export function usePortalSignIn(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { email: string; password: string }) => call(api.POST('/api/t/{tenant}/portal/login', { ...path(tenant), body })),
    // Whatever an earlier session had cached belongs to that session.
    onSuccess: () => queryClient.clear(),
  });
}

export function usePortalSignOut(tenant: string, leave: () => void | Promise<void>) {
  return useRealmSignOut(() => call(api.POST('/api/t/{tenant}/portal/logout', path(tenant))), leave);
}

export function useEndOtherSessions(tenant: string) {
  return useMutation({ mutationFn: () => call(api.POST('/api/t/{tenant}/portal/sessions/end-others', path(tenant))) });
}

export function useAcceptPortalInvitation(tenant: string) {
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { token: string; password: string }) => call(api.POST('/api/t/{tenant}/portal/invitations/accept', { ...path(tenant), body })),
  });
}

export function useRectify(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RectifyBody) => call(api.PATCH('/api/t/{tenant}/portal/me', { ...path(tenant), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.me(tenant) }),
  });
}

export function useSetConsent(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ purpose, granted, lang }: { purpose: Purpose; granted: boolean; lang: 'fi' | 'en' }) =>
      call(api.PUT('/api/t/{tenant}/portal/me/consents/{purpose}', { params: { path: { tenant, purpose } }, body: { granted, lang } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.me(tenant) }),
  });
}

export function useSubmitRequest(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalRequestBody) => call(api.POST('/api/t/{tenant}/portal/requests', { ...path(tenant), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.me(tenant) }),
  });
}

/** The export of a completed access request, as a download (a link: the browser saves the file itself). */
export function exportHref(tenant: string, requestId: string, format: 'json' | 'csv' | 'html'): string {
  return `/api/t/${encodeURIComponent(tenant)}/portal/requests/${encodeURIComponent(requestId)}/export?format=${format}`;
}

/** An unpaid invoice as the API lists it when it refuses an erasure (problem extension `unpaidInvoices`). */
export interface UnpaidInvoice {
  id: string;
  number: number;
  dueDate: string;
  outstandingCents: number;
  overdue: boolean;
}

export function unpaidInvoicesOf(problem: Record<string, unknown> | null | undefined): UnpaidInvoice[] {
  const list = problem?.unpaidInvoices;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (i): i is UnpaidInvoice => typeof i === 'object' && i !== null && typeof i.number === 'number' && typeof i.dueDate === 'string' && typeof i.outstandingCents === 'number',
  );
}
