import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip, zipStream } from './zip';

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

describe('zipStream', () => {
  it('writes entries that read back byte for byte, names in UTF-8', async () => {
    const big = 'rivi;ääkköset\n'.repeat(50_000);
    async function* chunks() {
      yield 'alku\n';
      yield Buffer.from(big);
    }
    const archive = await collect(zipStream([{ name: 'tables/asiakas.csv', body: chunks() }, { name: 'tyhjä.json', body: [] }, { name: 'manifest.json', body: ['{"a":1}'] }]));
    const entries = readZip(archive);
    expect([...entries.keys()]).toEqual(['tables/asiakas.csv', 'tyhjä.json', 'manifest.json']);
    expect(entries.get('tables/asiakas.csv')!.toString()).toBe('alku\n' + big);
    expect(entries.get('tyhjä.json')!.length).toBe(0);
    expect(entries.get('manifest.json')!.toString()).toBe('{"a":1}');
  });

  it('is a ZIP the system unzip accepts, when one is installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    const file = join(dir, 'a.zip');
    writeFileSync(file, await collect(zipStream([{ name: 'a.txt', body: ['hei'] }])));
    let listing: string;
    try {
      listing = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return;
      throw error;
    }
    expect(listing).toMatch(/No errors detected/);
  });

  it('passes an error of an entry on', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'x';
      throw new Error('lähde katkesi');
    }
    await expect(collect(zipStream([{ name: 'a', body: failing() }]))).rejects.toThrow('lähde katkesi');
  });
});
