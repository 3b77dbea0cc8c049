import { describe, expect, it } from 'vitest';
import en from './en.json';
import fi from './fi.json';

describe('message catalogs', () => {
  it('have the same keys in Finnish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fi).sort());
  });
  it('have no empty messages', () => {
    for (const catalog of [fi, en]) for (const [key, text] of Object.entries(catalog)) expect({ key, text }).toEqual({ key, text: expect.stringMatching(/\S/) });
  });
});
