import { CsvFileError, decode, readCsv } from './csv-file';

const win1252 = (text: string) => Uint8Array.from([...text].map((c) => ({ ä: 0xe4, ö: 0xf6, Ä: 0xc4, å: 0xe5, '€': 0x80 })[c] ?? c.charCodeAt(0)));

describe('reading an uploaded CSV file', () => {
  it('reads UTF-8 with and without a byte order mark, and Windows-1252', () => {
    expect(decode(Buffer.from('\uFEFFnimi\nMäkinen', 'utf8'))).toEqual({ text: 'nimi\nMäkinen', encoding: 'utf-8' });
    expect(decode(Buffer.from('nimi\nMäkinen', 'utf8'))).toEqual({ text: 'nimi\nMäkinen', encoding: 'utf-8' });
    expect(decode(win1252('nimi\nMäkinen Åström €'))).toEqual({ text: 'nimi\nMäkinen Åström €', encoding: 'windows-1252' });
  });

  it('takes the separator from the header line, whichever of ; and , it has more of outside quotes', () => {
    expect(readCsv(Buffer.from('a;b\n1,5;2\n')).separator).toBe(';');
    expect(readCsv(Buffer.from('a,"b;c"\n1,2\n')).separator).toBe(',');
    expect(readCsv(Buffer.from('"a";"b"\r\n"x ""y""";"line\nbreak"\r\n')).rows).toEqual([{ line: 3, cells: ['x "y"', 'line\nbreak'] }]);
  });

  it('names the line and column of what it cannot read', () => {
    const failure = (text: string) => {
      try {
        readCsv(Buffer.from(text));
      } catch (error) {
        return error instanceof CsvFileError ? [error.line, error.column, error.reason] : error;
      }
      return undefined;
    };
    expect(failure('a;b\n1;2\n1;2;3\n')).toEqual([3, 3, 'the line has 3 cells where the first line has 2']);
    expect(failure('a;b\n1;x"y\n')).toEqual([2, 2, expect.stringMatching(/quote/)]);
    expect(failure('a;b\n1;"open\n')).toEqual([2, expect.anything(), expect.stringMatching(/never closed/)]);
    expect(failure('a;;c\n1;2;3\n')).toEqual([1, 2, 'every column needs a name in the first line']);
    expect(failure('a;A\n1;2\n')).toEqual([1, 2, expect.stringMatching(/twice/)]);
    expect(failure('')).toEqual([1, 1, 'the file is empty']);
  });
});
