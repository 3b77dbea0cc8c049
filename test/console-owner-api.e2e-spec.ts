// What the console's owner pages read from the API: a member of staff's status in words the console can say
// (invited, active, disabled), and the privacy statement's JSON as its OpenAPI schema describes it.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

interface StaffItem {
  id: string;
  email: string;
  active: boolean;
  status: string;
}

describe('console owner API', () => {
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

  describe("a member of staff's status", () => {
    const statusOf = async (agent: Agent, email: string) => ((await agent.get(`${t}/staff`).expect(200)).body as StaffItem[]).find((m) => m.email === email);

    it('is invited until the password is set, active after, disabled once disabled', async () => {
      const invited = await owner.post(`${t}/staff`).send({ email: 'uusi@status.test', name: 'Uusi Työntekijä', role: 'staff' }).expect(201);
      expect(invited.body).toMatchObject({ status: 'invited', active: true });
      expect(await statusOf(owner, 'uusi@status.test')).toMatchObject({ status: 'invited', active: true });

      const token = (invited.body.invitationUrl as string).split('#token=')[1];
      await ctx.http().post(`${t}/invitations/accept`).send({ token, password: 'a good passphrase for the status test' }).expect(204);
      expect(await statusOf(owner, 'uusi@status.test')).toMatchObject({ status: 'active', active: true });
      expect(await statusOf(owner, tenant.owner.email)).toMatchObject({ status: 'active' });

      const disabled = await owner.post(`${t}/staff/${invited.body.id}/disable`).expect(200);
      expect(disabled.body).toMatchObject({ status: 'disabled', active: false });
      expect(await statusOf(owner, 'uusi@status.test')).toMatchObject({ status: 'disabled', active: false });
      // Disabling again changes nothing and says the same.
      expect((await owner.post(`${t}/staff/${invited.body.id}/disable`).expect(200)).body).toMatchObject({ status: 'disabled' });
    });

    it('says disabled for a member disabled before setting a password', async () => {
      const invited = await owner.post(`${t}/staff`).send({ email: 'peruttu@status.test', name: 'Peruttu', role: 'staff' }).expect(201);
      expect((await owner.post(`${t}/staff/${invited.body.id}/disable`).expect(200)).body).toMatchObject({ status: 'disabled' });
    });

    it('is shown to owners only, and only of their own tenant', async () => {
      const member = await ctx.newTenantStaff(tenant, 'staff');
      problemOf(await (await ctx.loginTenant(tenant, member)).get(`${t}/staff`).expect(403));
      const other = await ctx.newTenant();
      const otherOwner = await ctx.loginTenant(other, other.owner);
      const theirs = (await otherOwner.get(`/api/t/${other.slug}/staff`).expect(200)).body as StaffItem[];
      expect(theirs.map((m) => m.email)).toEqual([other.owner.email]);
      // A session of another business is no session here: not found, as for any stranger.
      problemOf(await otherOwner.get(`${t}/staff`).expect(404));
    });
  });

  describe('the privacy statement as JSON', () => {
    it('has the shape its OpenAPI schema gives: numbered sections of paragraph, list and facts blocks', async () => {
      const doc = (await ctx.http().get('/api/docs-json').expect(200)).body;
      const content = doc.paths['/api/t/{tenant}/privacy-notice'].get.responses['200'].content;
      expect(content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PrivacyNoticeDto' });
      const schemas = doc.components.schemas;
      expect(Object.keys(schemas.PrivacyNoticeDto.properties).sort()).toEqual(['facts', 'language', 'noticeVersion', 'recipients', 'sections', 'subtitle', 'tenant', 'title', 'updatedAt', 'versionLine']);
      expect(schemas.NoticeSectionDto.properties.blocks.items.oneOf).toHaveLength(3);

      for (const lang of ['fi', 'en']) {
        const notice = (await ctx.http().get(`${t}/privacy-notice?lang=${lang}`).set('Accept', 'application/json').expect(200)).body;
        expect(Object.keys(notice).sort()).toEqual(Object.keys(schemas.PrivacyNoticeDto.properties).sort());
        expect(Object.keys(notice.facts).sort()).toEqual(Object.keys(schemas.NoticeKeyFactsDto.properties).sort());
        expect(notice.language).toBe(lang);
        notice.sections.forEach((section: { number: number; key: string; heading: string; blocks: { kind: string }[] }, index: number) => {
          expect(section.number).toBe(index + 1);
          expect(schemas.NoticeSectionDto.properties.key.enum ?? schemas.NoticeSectionKey.enum).toContain(section.key);
          for (const block of section.blocks) {
            const schema = { paragraph: schemas.NoticeParagraphDto, list: schemas.NoticeListDto, facts: schemas.NoticeFactsDto }[block.kind];
            expect(schema).toBeDefined();
            expect(Object.keys(block).sort()).toEqual(Object.keys(schema!.properties).sort());
          }
        });
      }
    });
  });
});
