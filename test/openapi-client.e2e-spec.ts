// The web console's typed client is generated from the OpenAPI document the app serves. This test builds the
// document from the real app and fails when the committed copy (and the types made from it) fell behind.
// `npm run api:generate` runs this file with UPDATE_API_CLIENT=1, which writes the files instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestContext } from '@app/testing';

const API_DIR = resolve(__dirname, '../apps/web/src/api');
const DOCUMENT = join(API_DIR, 'openapi.json');
const TYPES = join(API_DIR, 'schema.d.ts');
const update = process.env.UPDATE_API_CLIENT === '1';

function typesFor(documentText: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rekisteri-openapi-'));
  const input = join(dir, 'openapi.json');
  const output = join(dir, 'schema.d.ts');
  writeFileSync(input, documentText);
  const cli = resolve(__dirname, '../node_modules/openapi-typescript/bin/cli.js');
  execFileSync(process.execPath, [cli, input, '--output', output, '--default-non-nullable', 'false'], { stdio: 'pipe' });
  return readFileSync(output, 'utf8');
}

describe('the web console API client', () => {
  let ctx: TestContext;
  beforeAll(async () => (ctx = await TestContext.create()));
  afterAll(() => ctx.close());

  it('is generated from the OpenAPI document the app serves today (npm run api:generate)', async () => {
    const res = await ctx.http().get('/api/docs-json').expect(200);
    const documentText = JSON.stringify(res.body, null, 2) + '\n';
    const types = typesFor(documentText);
    if (update) {
      writeFileSync(DOCUMENT, documentText);
      writeFileSync(TYPES, types);
      return;
    }
    expect(readFileSync(DOCUMENT, 'utf8')).toBe(documentText);
    expect(readFileSync(TYPES, 'utf8')).toBe(types);
  });

  it('names every schema once: two classes of one name would silently share a schema', () => {
    // @nestjs/swagger keys schemas by class name, so the second class of a name overwrites the first.
    const libs = resolve(__dirname, '../libs');
    const seen = new Map<string, string[]>();
    for (const file of readdirSync(libs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const [, name] of readFileSync(join(libs, file), 'utf8').matchAll(/^export class (\w+Dto)\b/gm)) seen.set(name, [...(seen.get(name) ?? []), file]);
    }
    expect([...seen].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('describes a response body for every route that answers with one', async () => {
    const res = await ctx.http().get('/api/docs-json').expect(200);
    const missing: string[] = [];
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        // 204 has no body by definition; a 202 without content is an acceptance that says nothing (password reset
        // answers the same whether or not the address has an account).
        const described = success.some(([status, response]) => status === '204' || status === '202' || response.content !== undefined);
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
