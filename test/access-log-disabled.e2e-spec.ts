// ACCESS_LOG_ENABLED=false (for measuring what logging costs): no request is recorded; reading stays guarded and audited.
import { loadConfig } from '@app/core';
import { AccessLogService } from '@app/access-log';
import { TestContext } from '@app/testing';

describe('IP access log switched off', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ accessLogEnabled: false });
  });
  afterAll(() => ctx.close());

  it('reads its switch and retention from the environment, and refuses a bad retention at boot', () => {
    expect(loadConfig({})).toMatchObject({ accessLogEnabled: true, accessLogRetentionDays: 90 });
    expect(loadConfig({ ACCESS_LOG_ENABLED: 'false', ACCESS_LOG_RETENTION_DAYS: '30' })).toMatchObject({ accessLogEnabled: false, accessLogRetentionDays: 30 });
    expect(() => loadConfig({ ACCESS_LOG_RETENTION_DAYS: '0' })).toThrow(/ACCESS_LOG_RETENTION_DAYS/);
  });

  it('records no request, while searches are still for investigators only and still audited', async () => {
    const res = await ctx.http().get('/api/health').expect(200);
    await ctx.get(AccessLogService).flush();
    expect(await ctx.sql('select 1 from platform.access_log where request_id = ?', [res.headers['x-request-id']])).toEqual([]);

    const body = { filters: { ip: '127.0.0.1' }, justification: 'Confirming nothing is logged while switched off.' };
    await (await ctx.newPlatformAdminAgent()).post('/api/platform/access-log/searches').send(body).expect(403);
    const investigator = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
    const search = await investigator.post('/api/platform/access-log/searches').send(body).expect(201);
    expect(search.body.rowCount).toBe(0);
    expect(await ctx.sql('select row_count from platform.access_log_search where id = ?', [search.body.id])).toEqual([{ row_count: 0 }]);
  });
});
