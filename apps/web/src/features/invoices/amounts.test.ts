import { describe, expect, it } from 'vitest';
import { centsToInput, formatPercent, formatQuantity, parseEuros, parseQuantity, quantityToInput } from './amounts';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('parseEuros', () => {
  it.each([
    ['60,00', 6000],
    ['60', 6000],
    ['60,5', 6050],
    ['0,05', 5],
    [',50', 50],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['60.00', 6000],
    ['60,00 €', 6000],
    ['  12,90 ', 1290],
    ['-5,00', -500],
    ['\u22125,00', -500],
    ['1 000 000', 100000000],
  ])('reads %p as %p cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(['', 'abc', '60,001', '1,234', '1.2.3', '12,3,4', '€', '-', '1,23.45,6', '60e2', '0x10'])('refuses %p', (text) => {
    expect(parseEuros(text)).toBeNull();
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    ['1,5', 1.5],
    ['0.25', 0.25],
    ['2,125', 2.125],
    ['0', 0],
    ['-1', -1],
  ])('reads %p as %p', (text, quantity) => {
    expect(parseQuantity(text)).toBe(quantity);
  });

  it.each(['', 'x', '1,2345', '1,', ',5', '1/2'])('refuses %p', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe('showing amounts back', () => {
  it('writes cents for editing the Finnish way, without grouping', () => {
    expect(centsToInput(123456, 'fi')).toBe('1234,56');
    expect(centsToInput(6000, 'fi')).toBe('60,00');
    expect(plain(centsToInput(-500, 'fi'))).toBe('−5,00');
    expect(centsToInput(6000, 'en')).toBe('60.00');
  });
  it('round-trips what it writes', () => {
    for (const cents of [0, 5, 6000, 123456, -1999]) expect(parseEuros(centsToInput(cents, 'fi'))).toBe(cents);
    for (const q of [1, 1.5, 2.125, 1000]) expect(parseQuantity(quantityToInput(q, 'fi'))).toBe(q);
  });
  it('writes quantities and VAT rates as Finns do', () => {
    expect(formatQuantity(1.5, 'fi')).toBe('1,5');
    expect(plain(formatQuantity(1000, 'fi'))).toBe('1 000');
    expect(plain(formatPercent(25.5, 'fi'))).toBe('25,5 %');
    expect(plain(formatPercent(14, 'fi'))).toBe('14 %');
    expect(formatPercent(13.5, 'en')).toBe('13.5%');
  });
});
