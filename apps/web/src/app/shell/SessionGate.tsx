// The three realms' shells (a business's staff, its customers' portal, platform staff) start alike: while the
// signed-in principal loads, a loading page; without a session, or with one this realm refuses, sign-in here and
// back to the page asked for; any other failure, the error with a retry. Only then the realm's own shell.
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, type ApiErrorKind } from '../../api/problem';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { StandalonePage } from './StandalonePage';

interface SessionGateProps<Principal> {
  me: UseQueryResult<Principal>;
  loadingLabel: string;
  /** The realm's sign-in page, returning to `returnTo` afterwards. */
  signIn: (returnTo: string) => string;
  /** Besides no session at all: the answer that means "a session, but not one for this realm or business". */
  refusedAs: ApiErrorKind;
  children: (me: Principal) => ReactNode;
}

export function SessionGate<Principal>({ me, loadingLabel, signIn, refusedAs, children }: SessionGateProps<Principal>) {
  const location = useLocation();
  if (me.isPending) {
    return (
      <StandalonePage>
        <Loading label={loadingLabel} />
      </StandalonePage>
    );
  }
  if (me.error) {
    if (me.error instanceof ApiError && (me.error.kind === 'unauthenticated' || me.error.kind === refusedAs)) {
      return <Navigate to={signIn(location.pathname + location.search)} replace />;
    }
    return (
      <StandalonePage>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </StandalonePage>
    );
  }
  return <>{children(me.data)}</>;
}

/** Where a realm's sign-out lands: its sign-in page, saying the person signed out. */
export function useLeaveAfterSignOut(signInPage: string): () => void {
  const navigate = useNavigate();
  return () => navigate(`${signInPage}?reason=signed-out`, { replace: true, flushSync: true });
}
