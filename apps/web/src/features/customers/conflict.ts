// Someone else saved the customer while this user edited it (409 stale-version). Three-way merge of the
// version the user started from (base), what the user typed (mine) and what is stored now (theirs).
import { CUSTOMER_FIELDS, type CustomerField, type CustomerValues } from './customer-fields';

export interface TheirChange {
  field: CustomerField;
  before: string;
  after: string;
}

export interface Clash {
  field: CustomerField;
  mine: string;
  theirs: string;
}

export interface Merge {
  /** What the form shows next: their version, with the user's own edits kept where they did not clash. */
  values: CustomerValues;
  /** What the other person changed, for "what changed". */
  theirChanges: TheirChange[];
  /** Fields both changed, differently: the form shows theirs, the user decides whether to redo theirs. */
  clashes: Clash[];
}

const same = (a: string, b: string) => a.trim() === b.trim();

export function mergeConflict(base: CustomerValues, mine: CustomerValues, theirs: CustomerValues): Merge {
  const values = { ...theirs };
  const theirChanges: TheirChange[] = [];
  const clashes: Clash[] = [];
  for (const field of CUSTOMER_FIELDS) {
    const iChanged = !same(mine[field], base[field]);
    const theyChanged = !same(theirs[field], base[field]);
    if (theyChanged) theirChanges.push({ field, before: base[field], after: theirs[field] });
    if (iChanged && !theyChanged) values[field] = mine[field];
    else if (iChanged && theyChanged && !same(mine[field], theirs[field])) clashes.push({ field, mine: mine[field], theirs: theirs[field] });
  }
  return { values, theirChanges, clashes };
}
