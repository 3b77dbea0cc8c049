// The register settings (what the privacy statement says) and the statement itself, in Finnish and English.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type RegisterSettings = components['schemas']['RegisterSettingsDto'];
export type RegisterSettingsChanges = components['schemas']['UpdateRegisterSettingsDto'];
export type PrivacyNotice = components['schemas']['PrivacyNoticeDto'];
export type NoticeLanguage = 'fi' | 'en';

export const settingsKeys = {
  settings: (tenant: string) => ['tenant', tenant, 'register-settings'] as const,
  notices: (tenant: string) => ['tenant', tenant, 'privacy-notice'] as const,
  notice: (tenant: string, lang: NoticeLanguage) => [...settingsKeys.notices(tenant), lang] as const,
};

export function useRegisterSettings(tenant: string) {
  return useQuery({
    queryKey: settingsKeys.settings(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/register', { params: { path: { tenant } }, signal })),
  });
}

/** The public statement as JSON (the client asks for JSON), structured: sections of paragraphs, lists and facts. */
export function usePrivacyNotice(tenant: string, lang: NoticeLanguage) {
  return useQuery({
    queryKey: settingsKeys.notice(tenant, lang),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/privacy-notice', { params: { path: { tenant }, query: { lang } }, signal })) as Promise<PrivacyNotice>,
  });
}

/** Saves the changed fields under the version read; a stale version answers 409 (stale-version). */
export function useUpdateRegisterSettings(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterSettingsChanges) => call(api.PUT('/api/t/{tenant}/register', { params: { path: { tenant } }, body })),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.settings(tenant), settings);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.notices(tenant) });
    },
  });
}

/** The settings as they are now on the server (after a conflict), bypassing the cache. */
export function useFetchLatestSettings(tenant: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.fetchQuery({
      queryKey: settingsKeys.settings(tenant),
      queryFn: () => call(api.GET('/api/t/{tenant}/register', { params: { path: { tenant } } })),
      staleTime: 0,
    });
}
