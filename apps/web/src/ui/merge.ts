// Someone else saved a record while this user edited it (409 stale-version). Three-way merge of the version the
// user started from (base), what the user typed (mine) and what is stored now (theirs); ConflictPanel shows it.

export interface TheirChange<F extends string> {
  field: F;
  before: string;
  after: string;
}

export interface Clash<F extends string> {
  field: F;
  mine: string;
  theirs: string;
}

export interface Merge<F extends string, V extends Record<F, string>> {
  /** What the form shows next: their version, with the user's own edits kept where they did not clash. */
  values: V;
  /** What the other person changed, for "what changed". */
  theirChanges: TheirChange<F>[];
  /** Fields both changed, differently: the form shows theirs, the user decides whether to redo theirs. */
  clashes: Clash<F>[];
}

const same = (a: string, b: string) => a.trim() === b.trim();

/** The three-way merge of any form's fields (the customer's, a tenant's on the platform console). */
export function mergeFields<F extends string, V extends Record<F, string>>(fields: readonly F[], base: V, mine: V, theirs: V): Merge<F, V> {
  const values = { ...theirs };
  const theirChanges: TheirChange<F>[] = [];
  const clashes: Clash<F>[] = [];
  for (const field of fields) {
    const iChanged = !same(mine[field], base[field]);
    const theyChanged = !same(theirs[field], base[field]);
    if (theyChanged) theirChanges.push({ field, before: base[field], after: theirs[field] });
    if (iChanged && !theyChanged) values[field] = mine[field];
    else if (iChanged && theyChanged && !same(mine[field], theirs[field])) clashes.push({ field, mine: mine[field], theirs: theirs[field] });
  }
  return { values, theirChanges, clashes };
}

