import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { createQueryClient } from './query-client';

const unauthenticated = () => new ApiError('unauthenticated', 401, null, null);

describe('the query client and a lapsed session', () => {
  it('sends a 401 to sign-in as a lapsed session', async () => {
    const onUnauthenticated = vi.fn();
    const client = createQueryClient({ onUnauthenticated });
    await client.fetchQuery({ queryKey: ['me'], queryFn: () => Promise.reject(unauthenticated()) }).catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('takes a 401 that answers while the user signs out for the sign-out, not a lapsed session', async () => {
    const onUnauthenticated = vi.fn();
    const client = createQueryClient({ onUnauthenticated });
    let finishSignOut!: () => void;
    const signOut = client
      .getMutationCache()
      .build(client, { meta: { signIn: true, signOut: true }, mutationFn: () => new Promise<void>((done) => (finishSignOut = done)) })
      .execute(undefined);
    await client.fetchQuery({ queryKey: ['customers'], queryFn: () => Promise.reject(unauthenticated()) }).catch(() => undefined);
    expect(onUnauthenticated).not.toHaveBeenCalled();
    finishSignOut();
    await signOut;
    await client.fetchQuery({ queryKey: ['later'], queryFn: () => Promise.reject(unauthenticated()) }).catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});
