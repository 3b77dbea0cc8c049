// One QueryClient: retries only what a retry can fix, and sends a lapsed session to sign-in (and back).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';

export interface QueryClientHooks {
  /** A call answered 401: the session ended (idle timeout, signed out elsewhere, account disabled). */
  onUnauthenticated(): void;
}

export function createQueryClient(hooks: QueryClientHooks): QueryClient {
  // A call that was under way when the user signed out answers 401 too: that is the sign-out, not a lapsed
  // session, and must not send the user to "your session ended" instead of "you signed out".
  const signingOut = () => client.isMutating({ predicate: (mutation) => mutation.meta?.signOut === true }) > 0;
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.kind === 'unauthenticated' && !signingOut()) hooks.onUnauthenticated();
  };
  const client: QueryClient = new QueryClient({
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
  return client;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { signIn?: boolean; signOut?: boolean };
    queryMeta: { sessionProbe?: boolean };
  }
}
