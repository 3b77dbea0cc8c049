// One QueryClient: retries only what a retry can fix, and sends a lapsed session to sign-in (and back).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';

export interface QueryClientHooks {
  /** A call answered 401: the session ended (idle timeout, signed out elsewhere, account disabled). */
  onUnauthenticated(): void;
}

export function createQueryClient(hooks: QueryClientHooks): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.kind === 'unauthenticated') hooks.onUnauthenticated();
  };
  return new QueryClient({
    // The shell's own "who am I" probe decides for itself (a first visit is not a lapsed session).
    queryCache: new QueryCache({ onError: (error, query) => (query.meta?.sessionProbe ? undefined : onError(error)) }),
    mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => (mutation.meta?.signIn ? undefined : onError(error)) }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.kind === 'network' || error.kind === 'server'),
        staleTime: 15_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { signIn?: boolean };
    queryMeta: { sessionProbe?: boolean };
  }
}
