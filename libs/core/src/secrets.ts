// Outside production a missing SESSION_SECRET is generated once and kept in the data folder,
// so sessions survive restarts without anyone having to invent a secret.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './config';

export function resolveSessionSecret(config: AppConfig): void {
  if (config.sessionSecret) return;
  if (config.isProduction) throw new Error('SESSION_SECRET is required in production');
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  config.sessionSecret = readFileSync(file, 'utf8').trim();
}
