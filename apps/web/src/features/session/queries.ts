// The signed-in session itself: when it ends, "stay signed in", and ending the user's other sessions.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { SessionStatus } from './idle';

export const sessionKeys = {
  current: (tenant: string) => ['tenant', tenant, 'session'] as const,
};

/** Asks when the session ends (the server does not count the question as activity); null when it has ended. */
export function useFetchSessionStatus(tenant: string): () => Promise<SessionStatus | null> {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      queryClient.fetchQuery({
        queryKey: sessionKeys.current(tenant),
        queryFn: async ({ signal }) => {
          try {
            return await call(api.GET('/api/t/{tenant}/sessions/current', { params: { path: { tenant } }, signal }));
          } catch (error) {
            if (error instanceof ApiError && (error.kind === 'unauthenticated' || error.kind === 'not-found')) return null;
            throw error;
          }
        },
        staleTime: 0,
        retry: false,
        meta: { sessionProbe: true },
      }),
    [queryClient, tenant],
  );
}

/** "Stay signed in": the idle timeout starts again now. Its 401 (already ended) is the warning's to handle. */
export function useExtendSession(tenant: string) {
  return useMutation({
    meta: { signIn: true },
    mutationFn: () => call(api.POST('/api/t/{tenant}/sessions/current/extend', { params: { path: { tenant } } })),
  });
}

/** Signs the user out everywhere else (a lost phone, a shared computer); answers how many sessions ended. */
export function useEndOtherSessions(tenant: string) {
  return useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/sessions/end-others', { params: { path: { tenant } } })),
  });
}
