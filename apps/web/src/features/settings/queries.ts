// The register settings (what the privacy statement says) and the statement itself, in Finnish and English.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
      // The versions and the records generated from them (the settings query itself was just set).
      void queryClient.invalidateQueries({ queryKey: settingsKeys.settings(tenant), predicate: (q) => q.queryKey.length > 3 });
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

export type RegisterSettingsPreview = components['schemas']['RegisterSettingsPreviewDto'];
export type ProcessingRecord = components['schemas']['ProcessingRecordDto'];
export type SettingsWarning = components['schemas']['SettingsWarningDto'];

/**
 * The statement as the unsaved edits would make it (POST privacy-notice/preview: validated like a save, nothing
 * stored). Off while there is nothing to preview; the last preview stays on screen while the next one loads.
 */
export function useNoticePreview(tenant: string, draft: Omit<RegisterSettingsChanges, 'version'> | null) {
  return useQuery({
    queryKey: [...settingsKeys.notices(tenant), 'preview', draft] as const,
    queryFn: ({ signal }) => call(api.POST('/api/t/{tenant}/privacy-notice/preview', { params: { path: { tenant } }, body: draft!, signal })),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** The saved versions of the settings, newest first. */
export function useSettingsVersions(tenant: string) {
  return useQuery({
    queryKey: [...settingsKeys.settings(tenant), 'versions'] as const,
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/register/versions', { params: { path: { tenant } }, signal })),
  });
}

/** The record of processing activities (GDPR Art. 30(1)) generated from settings version `version` (default: the current one). */
export function useProcessingRecord(tenant: string, lang: NoticeLanguage, version: number | undefined) {
  return useQuery({
    queryKey: [...settingsKeys.settings(tenant), 'record', lang, version ?? 'current'] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/t/{tenant}/register/record', { params: { path: { tenant }, query: { lang, version } }, headers: { Accept: 'application/json' }, signal })) as Promise<ProcessingRecord>,
  });
}
