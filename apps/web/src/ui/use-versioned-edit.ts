// Editing a record that carries a version (a customer, a tenant). The form builds on the version it loaded; when
// someone else saved first (409 stale-version), `rebase` fetches what is stored now, merges three ways (ui/merge.ts)
// and builds on that, so the user sees what changed and redoes only what clashed.
import { useState } from 'react';
import { ApiError } from '../api/problem';
import type { Merge } from './merge';

export const isStaleVersion = (error: unknown): boolean => error instanceof ApiError && error.code === 'stale-version';

export function useVersionedEdit<F extends string, V extends Record<F, string>, R extends { version: number }>(options: {
  record: R;
  valuesOf: (record: R) => V;
  merge: (base: V, mine: V, theirs: V) => Merge<F, V>;
  fetchLatest: () => Promise<R>;
}) {
  const { valuesOf, merge: mergeValues, fetchLatest } = options;
  // The version and values this edit builds on; after a conflict, the latest ones.
  const [base, setBase] = useState(() => ({ version: options.record.version, values: valuesOf(options.record) }));
  const [values, setValues] = useState<V>(base.values);
  const [merge, setMerge] = useState<Merge<F, V> | null>(null);
  const [latestError, setLatestError] = useState<unknown>(null);

  const setField = (field: keyof V, value: string) => setValues((current) => ({ ...current, [field]: value }));

  /** After a stale-version answer: build on the stored version, the user's own edits kept where they do not clash. */
  const rebase = async (onRebased?: () => void) => {
    setLatestError(null);
    const latest = await fetchLatest().catch((error: unknown) => {
      setLatestError(error);
      return null;
    });
    if (!latest) return;
    const theirs = valuesOf(latest);
    const result = mergeValues(base.values, values, theirs);
    setMerge(result);
    setBase({ version: latest.version, values: theirs });
    setValues(result.values);
    onRebased?.();
  };

  return { base, values, setField, merge, latestError, rebase };
}
