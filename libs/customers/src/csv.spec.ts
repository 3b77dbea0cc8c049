import { csvCell, csvRow } from './csv';

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
  });

  it('disarms formulas: = + - @ tab and CR first get an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+358401234567')).toBe("'+358401234567");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends a row with CRLF', () => {
    expect(csvRow(['a', null, 'b;c'])).toBe('a;;"b;c"\r\n');
  });
});
