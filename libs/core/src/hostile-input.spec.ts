import { jsonNestsDeeperThan, nulFields } from './hostile-input';

const deeper = (text: string, max: number) => jsonNestsDeeperThan(Buffer.from(text, 'utf8'), max);

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['a flat object', '{"a":1,"b":"x"}', 1, false],
    ['an object in an object', '{"a":{"b":1}}', 1, true],
    ['an object in an object, at the limit', '{"a":{"b":1}}', 2, false],
    ['siblings do not add up', '[[],[],[],{}]', 2, false],
    ['arrays and objects count alike', '[{"a":[{}]}]', 3, true],
    ['brackets inside a string', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash before the closing quote', '{"a":"\\\\","b":[[1]]}', 2, true],
    ['multi-byte characters around brackets', '{"ä":"[ö]","å":[["€"]]}', 2, true],
    ['a scalar', '"[[["', 0, false],
  ])('%s', (_name, text, max, expected) => {
    expect(deeper(text, max)).toBe(expected);
  });

  it('scans 100 KB of nesting at once', () => {
    expect(deeper('['.repeat(50_000) + ']'.repeat(50_000), 32)).toBe(true);
  });
});

describe('nulFields', () => {
  it('names every field holding U+0000, the way validation names fields', () => {
    expect(nulFields({ a: 'ok', b: 'x\u0000', lines: [{ description: '\u0000' }, 'fine'], n: 1, z: null }, '(body)')).toEqual(['b', 'lines.0.description']);
  });

  it('reports a key with NUL at its parent, never echoing it', () => {
    expect(nulFields({ nested: { ['k\u0000']: 1 } }, '(body)')).toEqual(['nested']);
    expect(nulFields({ ['k\u0000']: 1 }, '(body)')).toEqual(['(body)']);
  });

  it('finds nothing in clean input', () => {
    expect(nulFields({ a: ['b', { c: 'd' }], e: 2 }, '(body)')).toEqual([]);
    expect(nulFields('plain', '(body)')).toEqual([]);
  });
});
