import { Writable } from 'node:stream';
import pino from 'pino';
import type { AppConfig } from './config';
import { loggableError, loggerParams } from './logger';

/** A database error as the ORM throws it: the statement, its parameters and the conflicting value in it. */
function uniqueViolation(): Error {
  const error = new Error(`insert into "t"."customer" ("email") values ('maija@example.fi') - duplicate key value violates unique constraint "customer_email_key"`);
  return Object.assign(error, { name: 'UniqueConstraintViolationException', code: '23505', detail: 'Key (email)=(maija@example.fi) already exists.', params: ['maija@example.fi'] });
}

describe('what a log line keeps of an error', () => {
  it('keeps the type, the code and the frames of a database error, never its message or fields', () => {
    const kept = loggableError(uniqueViolation());
    expect(kept).toMatchObject({ type: 'Error', code: '23505' });
    expect(kept.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(kept)).not.toContain('maija@example.fi');
  });

  it("keeps a language error's message, which names code", () => {
    expect(loggableError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toMatchObject({ type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')" });
  });

  it('is what the app logger writes for an `err`', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    const { serializers } = loggerParams({ logLevel: 'info' } as AppConfig).pinoHttp as { serializers: pino.LoggerOptions['serializers'] };
    pino({ serializers }, sink).error({ err: uniqueViolation() }, 'retention run failed for a tenant');
    expect(lines.join('')).toContain('"code":"23505"');
    expect(lines.join('')).not.toContain('maija@example.fi');
  });
});
