// The public pages' calls: what an unsubscribe link withdraws (and withdrawing it), a business's privacy
// statement, and feedback on the accessibility statement. No session is needed for any of them.
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { ApiError } from '../../api/problem';

export type UnsubscribeDescription = components['schemas']['UnsubscribeDescriptionDto'];
export type AccessibilityFeedback = components['schemas']['AccessibilityFeedbackDto'];

/** The privacy statement as the API's JSON gives it (privacy-notice.document.ts in libs/privacy-notice). */
export type NoticeBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; items: { label: string; value: string }[] };

export interface PrivacyNotice {
  tenant: string;
  language: 'fi' | 'en';
  title: string;
  subtitle: string;
  versionLine: string;
  noticeVersion: number;
  updatedAt: string;
  sections: { number: number; key: string; heading: string; blocks: NoticeBlock[] }[];
}

export const publicKeys = {
  unsubscribe: (token: string) => ['public', 'unsubscribe', token] as const,
  privacy: (tenant: string, lang: string) => ['public', 'privacy', tenant, lang] as const,
};

export function useUnsubscribeDescription(token: string) {
  return useQuery({
    queryKey: publicKeys.unsubscribe(token),
    queryFn: ({ signal }) => call(api.GET('/api/unsubscribe/{token}', { params: { path: { token } }, signal })),
    retry: false,
  });
}

export function useUnsubscribe(token: string) {
  return useMutation({
    mutationFn: () => call(api.POST('/api/unsubscribe/{token}', { params: { path: { token } } })),
  });
}

export function usePrivacyNotice(tenant: string, lang: 'fi' | 'en') {
  return useQuery({
    queryKey: publicKeys.privacy(tenant, lang),
    queryFn: async ({ signal }) =>
      (await call(api.GET('/api/t/{tenant}/privacy-notice', { params: { path: { tenant }, query: { lang } }, signal }))) as unknown as PrivacyNotice,
    retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.kind === 'network' || error.kind === 'server'),
    staleTime: 5 * 60_000,
  });
}

export function useSendAccessibilityFeedback() {
  return useMutation({
    mutationFn: (body: AccessibilityFeedback) => call(api.POST('/api/accessibility-feedback', { body })),
  });
}

/** The person's answer to a verification code (the page /t/:tenant/verify). */
export function useEnterCode(tenant: string) {
  return useMutation({
    mutationFn: (body: components['schemas']['EnterCodeDto']) => call(api.POST('/api/t/{tenant}/verify', { params: { path: { tenant } }, body })),
  });
}
