import { Readable } from 'node:stream';
import { countRows, lines } from './backup-format';
import { inDependencyOrder } from './tenant-tables';

describe('backup format', () => {
  const collect = async (chunks: string[]) => {
    const out: string[] = [];
    for await (const line of lines(Readable.from(chunks.map((c) => Buffer.from(c))))) out.push(line.toString());
    return out;
  };

  it('splits lines across chunk boundaries, keeping empty lines and a last line without a newline', async () => {
    expect(await collect(['a\tb', '\nc', '', '\n\nd\\', '.\nlast'])).toEqual(['a\tb', 'c', '', 'd\\.', 'last']);
    expect(await collect(['one\n'])).toEqual(['one']);
    expect(await collect([])).toEqual([]);
  });

  it('counts COPY rows by their newlines', () => {
    expect(countRows(Buffer.from('a\\nb\tc\nd\n'))).toBe(2);
    expect(countRows(Buffer.alloc(0))).toBe(0);
  });

  it('orders tables parents first, by name among equals, and survives a cycle', () => {
    const t = (name: string) => ({ name, columns: ['id'] });
    const order = (refs: [string, string][]) =>
      inDependencyOrder([t('payment'), t('invoice'), t('customer'), t('audit')], refs.map(([child, parent]) => ({ child, parent }))).map((x) => x.name);
    expect(order([['invoice', 'customer'], ['payment', 'invoice']])).toEqual(['audit', 'customer', 'invoice', 'payment']);
    expect(order([['customer', 'payment'], ['payment', 'customer']])).toEqual(['audit', 'invoice', 'customer', 'payment']);
  });
});
