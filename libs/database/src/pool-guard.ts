// Every connection checked out of a pg pool goes back exactly once, even when it dies in the borrower's hands.
//
// Why: Kysely 0.29's controlled transactions (which MikroORM 7's `transactional()` uses) release their connection
// only after a successful COMMIT or ROLLBACK. A connection that dies at BEGIN is never released, and one that dies
// at COMMIT fails the ROLLBACK that follows too (MikroORM logs and swallows that failure). Each such death leaks
// a pool slot for good; after a couple of PostgreSQL restarts under load every slot is gone and every request
// waits forever. Guarding the pool fixes this for any borrower: when a checked-out connection ends or errors,
// it is handed back at once (with the error, so the pool destroys it), and the borrower's own later release,
// if it ever comes, is a no-op.
import type { Pool, PoolClient } from 'pg';

const GUARDED = Symbol('rekisteri.pool-guard');

export function guardCheckouts(pool: Pool): Pool {
  const tagged = pool as Pool & { [GUARDED]?: true };
  if (tagged[GUARDED]) return pool;
  tagged[GUARDED] = true;
  const connect = pool.connect.bind(pool) as (callback?: unknown) => Promise<PoolClient> | void;
  // pool.query() checks out with a callback and releases correctly on every path: only promise checkouts are guarded.
  (pool as { connect: unknown }).connect = (callback?: unknown) => {
    if (typeof callback === 'function') return connect(callback);
    return (connect() as Promise<PoolClient>).then(guardClient);
  };
  return pool;
}

const ignore = () => undefined;

function guardClient(client: PoolClient): PoolClient {
  const release = client.release;
  let returned = false;
  const giveBack = (error?: Error | boolean) => {
    if (returned) return;
    returned = true;
    client.removeListener('end', onLost);
    client.removeListener('error', onLost);
    release.call(client, error);
  };
  const onLost = (error?: Error) => giveBack(error ?? new Error('connection ended while checked out'));
  client.once('end', onLost);
  client.once('error', onLost);
  // A dead connection can emit more than one error; none may go unheard (that would crash the process).
  if (!client.listeners('error').includes(ignore)) client.on('error', ignore);
  client.release = giveBack;
  return client;
}
