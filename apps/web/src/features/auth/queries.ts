// Signing in and out, who is signed in, and accepting an invitation: the auth area's calls and their keys.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type Me = components['schemas']['TenantStaffPrincipalDto'];

export const authKeys = {
  me: (tenant: string) => ['tenant', tenant, 'me'] as const,
};

/** Who is signed in to the tenant (the shell's probe; app/route-preload starts it early on a cold load). */
export function meQuery(tenant: string) {
  return queryOptions({
    queryKey: authKeys.me(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/me', { params: { path: { tenant } }, signal })),
    // The shell decides what to do without a session; no retries for a 401 or 404.
    retry: false,
    staleTime: 60_000,
    meta: { sessionProbe: true },
  });
}

export function useMe(tenant: string) {
  return useQuery(meQuery(tenant));
}

export function useSignIn(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { email: string; password: string }) => call(api.POST('/api/t/{tenant}/login', { params: { path: { tenant } }, body })),
    onSuccess: (me) => {
      // Whatever an earlier session had cached belongs to that session.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(tenant), me);
    },
  });
}

/**
 * Signs out of a realm, then leaves for its sign-in page before forgetting the session's data: the shell must be
 * gone first, or its queries, cleared under it, would fetch again, meet a 401 and send the user to sign-in a second
 * time. The sign-in page's code may still be loading, so the sign-out stays under way (and the 401s of calls still
 * answering are its own) until that page shows.
 */
export function useRealmSignOut(signOut: () => Promise<unknown>, leave: () => void | Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { signIn: true, signOut: true },
    mutationFn: signOut,
    onSettled: async () => {
      await leave();
      queryClient.clear();
    },
  });
}

export function useSignOut(tenant: string, leave: () => void | Promise<void>) {
  return useRealmSignOut(() => call(api.POST('/api/t/{tenant}/logout', { params: { path: { tenant } } })), leave);
}

export function useAcceptInvitation(tenant: string) {
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { token: string; password: string }) => call(api.POST('/api/t/{tenant}/invitations/accept', { params: { path: { tenant } }, body })),
  });
}

/** The three realms that sign in: business staff, portal customers, platform staff. */
export type AccountRealm = 'tenant' | 'portal' | 'platform';

/** Asks for a password reset link; the API answers the same whether or not the address has an account. */
export function useRequestPasswordReset(realm: AccountRealm, tenant: string) {
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { email: string }) => {
      const params = { path: { tenant } };
      if (realm === 'platform') return call(api.POST('/api/platform/password-reset', { body }));
      if (realm === 'portal') return call(api.POST('/api/t/{tenant}/portal/password-reset', { params, body }));
      return call(api.POST('/api/t/{tenant}/password-reset', { params, body }));
    },
  });
}

/** Sets the new password from a reset link; every session of the account ends with it. */
export function useCompletePasswordReset(realm: AccountRealm, tenant: string) {
  return useMutation({
    meta: { signIn: true },
    mutationFn: (body: { token: string; password: string }) => {
      const params = { path: { tenant } };
      if (realm === 'platform') return call(api.POST('/api/platform/password-reset/complete', { body }));
      if (realm === 'portal') return call(api.POST('/api/t/{tenant}/portal/password-reset/complete', { params, body }));
      return call(api.POST('/api/t/{tenant}/password-reset/complete', { params, body }));
    },
  });
}
