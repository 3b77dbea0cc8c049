// Finding customers as people write them: names without their accents ("Kovacs" finds "Kovács", "makinen" finds
// "Mäkinen") and business IDs with or without the hyphen. One folding function, used both by the stored search
// key and by the query (so the two can never disagree), and a trigram index over the key. Phones are already
// stored as E.164 (the service turns "040 123 4567" into "+358401234567" and looks for numbers starting so).
import type { MigrationContext, SchemaMigration } from '@app/database';

/** Accented Latin letters (Finnish, Swedish, Hungarian, Czech, Polish, Baltic, French, German, Spanish...) and their plain ones. */
const FOLDS: Record<string, string> = {
  a: 'àáâãäåāăąǎ', c: 'çćĉċč', d: 'ďđ', e: 'èéêëēĕėęě', g: 'ĝğġģ', h: 'ĥħ', i: 'ìíîïĩīĭįı', j: 'ĵ', k: 'ķ',
  l: 'ĺļľŀł', n: 'ñńņň', o: 'òóôõöøōŏő', r: 'ŕŗř', s: 'śŝşšș', t: 'ţťŧț', u: 'ùúûüũūŭůűų', w: 'ŵ', y: 'ýÿŷ', z: 'źżž',
};

export const tenantCustomerSearch: SchemaMigration = {
  name: '0013-customer-search',
  async up(db: MigrationContext) {
    // Upper-case letters too: lower() leaves non-ASCII letters alone when the database's ctype is C.
    const from = Object.values(FOLDS).join('') + Object.values(FOLDS).join('').toUpperCase();
    const to = Object.entries(FOLDS).map(([plain, accented]) => plain.repeat([...accented].length)).join('').repeat(2);
    if ([...from].length !== to.length) throw new Error('0013-customer-search: the fold table is uneven');
    await db.execute(`create function search_fold(value text) returns text language sql immutable strict parallel safe
      return translate(lower(value), '${from}', '${to}')`);
    await db.execute(`
      alter table customer add column search_key text generated always as (search_fold(
        coalesce(company_name, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(billing_first_name, '') || ' ' ||
        coalesce(billing_last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' ||
        coalesce(business_id, '') || ' ' || replace(coalesce(business_id, ''), '-', ''))) stored`);
    await db.execute(`create index customer_search_key_idx on customer using gin (search_key public.gin_trgm_ops)`);
    // A phone typed from its start ("040 123", "+358 40 123 45") is a prefix of the stored E.164 number: a b-tree
    // range, where trigrams would read every number sharing "+35840" (bench/README.md, customer search).
    await db.execute(`create index customer_phone_prefix_idx on customer (phone text_pattern_ops)`);
    // The key replaces the accent-sensitive search text of 0002 and its index (one index fewer to write).
    await db.execute(`alter table customer drop column search_text`);
  },
};
