import { toPositional } from './sql-executor';

describe('toPositional', () => {
  it.each([
    ['select ?', 'select $1'],
    ['insert into t (a, b) values (?, ?)', 'insert into t (a, b) values ($1, $2)'],
    [`select '?', "a?b", ? -- what?\n, ?`, `select '?', "a?b", $1 -- what?\n, $2`],
    [`select 'it''s ?', ?`, `select 'it''s ?', $1`],
    ['select $$ ? $$, $fn$ ? $fn$, ? /* ? */', 'select $$ ? $$, $fn$ ? $fn$, $1 /* ? */'],
    ['select $1::int', 'select $1::int'],
  ])('%s', (input, expected) => {
    expect(toPositional(input)).toBe(expected);
  });
});
