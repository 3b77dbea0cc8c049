// Someone else saved the customer while this user edited it (409 stale-version): the three-way merge of ui/merge.ts
// over the customer's fields (ConflictPanel shows it).
import { type Clash as AnyClash, type Merge as AnyMerge, mergeFields, type TheirChange as AnyTheirChange } from '../../ui/merge';
import { CUSTOMER_FIELDS, type CustomerField, type CustomerValues } from './customer-fields';

export type TheirChange = AnyTheirChange<CustomerField>;
export type Clash = AnyClash<CustomerField>;
export type Merge = AnyMerge<CustomerField, CustomerValues>;

export function mergeConflict(base: CustomerValues, mine: CustomerValues, theirs: CustomerValues): Merge {
  return mergeFields(CUSTOMER_FIELDS, base, mine, theirs);
}
