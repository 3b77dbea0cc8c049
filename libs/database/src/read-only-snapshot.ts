// A consistent view for a long read (the register's CSV export, a leaving tenant's archive): one pooled
// connection in a repeatable-read, read-only transaction, so every page or table read from it sees the same
// moment, whatever commits meanwhile. The caller releases it when the read ends or fails; `release` is idempotent.
import type { Pool, PoolClient } from 'pg';

export interface ReadOnlySnapshot {
  client: PoolClient;
  release: () => Promise<void>;
}

/** Takes a connection (a busy pool throws before anything is sent) and opens the snapshot on it. */
export async function openReadOnlySnapshot(pool: Pool): Promise<ReadOnlySnapshot> {
  const client = await pool.connect();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await client.query('rollback').catch(() => undefined);
    client.release();
  };
  try {
    await client.query('begin isolation level repeatable read read only');
  } catch (error) {
    // The connection is in an unknown state: destroy it rather than return it to the pool.
    released = true;
    client.release(error as Error);
    throw error;
  }
  return { client, release };
}
