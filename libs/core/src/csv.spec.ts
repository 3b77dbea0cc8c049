import { csvCell } from './csv';

describe('csv', () => {
  it('leaves plain text alone and writes nothing for null', () => {
    expect(csvCell('Kovács Oy')).toBe('Kovács Oy');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-01T10:00:00.000Z');
  });

  it('quotes separators, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('1,5')).toBe('"1,5"');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('disarms formulas: = + - @ tab and CR first get an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+358401234567')).toBe("'+358401234567");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('-1+cmd|" /C calc"!A0')).toBe(`"'-1+cmd|"" /C calc""!A0"`);
    // A number is a number: a credit note's -1500 cents stays one.
    expect(csvCell(-1500)).toBe('-1500');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });
});
