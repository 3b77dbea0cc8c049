// Hostile input on every route, signed in or not: deeply nested JSON and the NUL character answer 400
// problem+json before validation or the database see them, and change nothing.
import { MAX_JSON_DEPTH } from '@app/core';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

/** About 100 KB of arrays inside arrays: JSON.parse copes, recursing validation does not. */
const deepArrays = '['.repeat(50_000) + ']'.repeat(50_000);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

describe('hostile input', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  const customerCount = async () => Number((await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".customer`))[0].n);

  describe('deeply nested JSON', () => {
    it.each([`/api/t/{slug}/invitations/accept`, `/api/t/{slug}/portal/invitations/accept`, '/api/platform/invitations/accept'])(
      'is refused with 400 before parsing at the unauthenticated %s',
      async (route) => {
        const res = await ctx.http().post(route.replace('{slug}', tenant.slug)).set('Content-Type', 'application/json').send(deepArrays);
        expect(res.status).toBe(400);
        expect(problemOf(res).type).toMatch(/json-too-deep$/);
        expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|RangeError|stack/i);
      },
    );

    it(`is refused on a signed-in route past ${MAX_JSON_DEPTH} levels, objects as well as arrays, and writes nothing`, async () => {
      const before = await customerCount();
      const res = await owner.post(`${t}/customers`).set('Content-Type', 'application/json').send(`{"contactName":"Deep","x":${nestedObjects(MAX_JSON_DEPTH)}}`);
      expect(problemOf(res)).toMatchObject({ status: 400 });
      expect(res.body.type).toMatch(/json-too-deep$/);
      expect(await customerCount()).toBe(before);
    });

    it('lets a body as deep as the limit through to validation, and counts no brackets inside strings', async () => {
      const atLimit = await owner.post(`${t}/customers`).set('Content-Type', 'application/json').send(`{"contactName":"Deep","x":${nestedObjects(MAX_JSON_DEPTH - 1)}}`);
      expect(problemOf(atLimit).type).toMatch(/validation$/);
      expect(atLimit.body.errors.map((e: { field: string }) => e.field)).toEqual(['x']);
      // Escaped quotes and backslashes do not end the string early for the scan either.
      const text = '[{\\"'.repeat(40);
      const brackets = await owner.post(`${t}/customers`).send({ contactName: text }).expect(201);
      expect(brackets.body.contactName).toBe(text);
    });

    it('refuses JSON in a charset other than UTF-8', async () => {
      const body = Buffer.from(JSON.stringify({ contactName: 'UTF-16' }), 'utf16le');
      const res = await owner.post(`${t}/customers`).set('Content-Type', 'application/json; charset=utf-16le').send(body);
      expect(problemOf(res).status).toBe(415);
    });

    it('keeps /api/health answering while deep bodies arrive', async () => {
      const flood = Array.from({ length: 10 }, () => ctx.http().post(`${t}/invitations/accept`).set('Content-Type', 'application/json').send(deepArrays));
      const health = await ctx.http().get('/api/health');
      expect(health.status).toBe(200);
      for (const res of await Promise.all(flood)) expect(res.status).toBe(400);
    });
  });

  describe('the NUL character', () => {
    it('in a string field answers 400 naming the field, and writes nothing', async () => {
      const before = await customerCount();
      const res = await owner.post(`${t}/customers`).send({ contactName: 'Nul\u0000Person', streetAddress: 'Tie 1' });
      expect(problemOf(res).status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'contactName', message: expect.stringMatching(/NUL/) }]);
      const nested = await owner.post(`${t}/invoices`).send({ customerId: '00000000-0000-4000-8000-000000000000', lines: [{ description: 'x\u0000' }] });
      expect(problemOf(nested).errors).toEqual([{ field: 'lines.0.description', message: expect.stringMatching(/NUL/) }]);
      const key = await owner.post(`${t}/customers`).send({ contactName: 'Key', ['evil\u0000key']: 'x' });
      expect(problemOf(key).status).toBe(400);
      expect(JSON.stringify(key.body)).not.toContain('\\u0000');
      expect(await customerCount()).toBe(before);
    });

    it('in an unauthenticated body answers 400', async () => {
      const login = await ctx.http().post(`${t}/login`).send({ email: tenant.owner.email, password: 'pass\u0000word' });
      expect(problemOf(login).errors?.map((e) => e.field)).toEqual(['password']);
      const accept = await ctx.http().post(`${t}/invitations/accept`).send({ token: 'x'.repeat(30) + '\u0000', password: 'a sound passphrase here' });
      expect(problemOf(accept).errors?.map((e) => e.field)).toEqual(['token']);
    });

    it('in the query answers 400 naming the parameter', async () => {
      const res = await owner.get(`${t}/customers?q=a%00b`);
      expect(problemOf(res).status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'q', message: expect.stringMatching(/NUL/) }]);
      problemOf(await ctx.http().get(`${t}/privacy-notice?lang=fi%00`).expect(400));
    });

    it.each([
      ['post', '/api/t/tenant%00a/login'],
      ['get', '/api/t/tenant%00a/privacy-notice'],
      ['get', '/api/unsubscribe/abc%00def'],
      ['post', '/api/unsubscribe/abc%00def'],
    ] as const)('in the path (%s %s) answers 400, signed in or not', async (method, path) => {
      const res = await ctx.http()[method](path).send({ email: 'a@b.fi', password: 'whatever it is' });
      expect(res.status).toBe(400);
      expect(problemOf(res).type).toMatch(/nul-character$/);
    });

    it('in a signed-in path answers 400', async () => {
      expect(problemOf(await owner.get(`${t}/customers/abc%00`).expect(400)).type).toMatch(/nul-character$/);
    });
  });
});
