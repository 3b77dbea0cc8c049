// Refuses input that would hurt before it reaches validation or the database: JSON nested deeper than any
// of our bodies (recursing through it costs time and stack), and the NUL character, which PostgreSQL text
// cannot hold (it would surface as a 500).
import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { type FieldError, ProblemException, ValidationProblem } from './problem';

/** Our bodies nest a few levels (a settings object of localized texts, invoice lines); 32 leaves room and no more. */
export const MAX_JSON_DEPTH = 32;

export class JsonTooDeepProblem extends ProblemException {
  constructor(limit: number) {
    super(HttpStatus.BAD_REQUEST, 'json-too-deep', 'The body nests too deeply', `JSON bodies may nest at most ${limit} arrays or objects deep.`);
  }
}

export class JsonCharsetProblem extends ProblemException {
  constructor() {
    super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'json-charset', 'JSON must be UTF-8', 'Send JSON bodies in UTF-8 (RFC 8259).');
  }
}

export class NulInAddressProblem extends ProblemException {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'nul-character', 'The address contains a NUL character', 'No path of this API contains the NUL character (%00).');
  }
}

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the UTF-8 JSON text opens more than `max` arrays or objects inside each other. One pass over the
 * bytes, no parsing: brackets inside strings do not count, and every structural character is ASCII, which no
 * byte of a multi-byte UTF-8 sequence can be. The answer for text that is not JSON does not matter: parsing
 * refuses it next.
 */
export function jsonNestsDeeperThan(body: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** express.json's `verify` hook: runs on the raw bytes before JSON.parse, so a hostile body costs one scan. */
export function verifyJsonBody(max = MAX_JSON_DEPTH) {
  return (_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void => {
    // The scan reads bytes as UTF-8; RFC 8259 asks for nothing else between systems.
    if (encoding && encoding.toLowerCase() !== 'utf-8') throw new JsonCharsetProblem();
    if (jsonNestsDeeperThan(body, max)) throw new JsonTooDeepProblem(max);
  };
}

/**
 * Where in a parsed value a string (or a key) holds U+0000, named like validation errors name fields
 * (`lines.0.description`); the value itself is `root`.
 */
export function nulFields(value: unknown, root: string, path = '', found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || root);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulFields(item, root, path ? `${path}.${index}` : String(index), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A key with NUL in it is reported at its parent: echoing it would put the NUL in the answer.
      if (key.includes('\u0000')) found.push(path || root);
      else nulFields(item, root, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * After body parsing, before sessions and routes: a NUL in the path, the query or the body answers 400, on
 * every route, signed in or not. The path is checked in its raw form (%00), since routes decode it later.
 */
export function refuseNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const queryStart = req.originalUrl.indexOf('?');
  const rawPath = queryStart === -1 ? req.originalUrl : req.originalUrl.slice(0, queryStart);
  if (/%00/i.test(rawPath)) return next(new NulInAddressProblem());
  const fields: FieldError[] = [];
  if (queryStart !== -1 && /%00/i.test(req.originalUrl.slice(queryStart))) {
    const found = nulFields(req.query as unknown, '(query)');
    fields.push(...(found.length ? found : ['(query)']).map((field) => ({ field, message: `${field} ${NUL_MESSAGE}` })));
  }
  if (req.body !== undefined) fields.push(...nulFields(req.body, '(body)').map((field) => ({ field, message: `${field} ${NUL_MESSAGE}` })));
  next(fields.length ? new ValidationProblem(fields) : undefined);
}
