// Application configuration: read once from the environment, validated, and refused at boot when wrong.
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1');

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  nodeEnv: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  port = 3000;

  /** PostgreSQL connection string; when absent the embedded PostgreSQL under dataDir is used. */
  @IsOptional() @IsString()
  databaseUrl?: string;

  @IsString()
  dataDir = '.data';

  /** The built web console (`npm run build` writes it), served at `/`; without an index.html there, only the API is served. */
  @IsString()
  webDir = 'dist/web';

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  embeddedPostgresPort = 5433;

  /** Connections per pool and process (the ORM's, and the plain one for sessions and the hot reads). */
  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  databasePoolSize = 10;

  /** Longest a request waits for a pooled database connection before it answers 503. */
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  databaseAcquireTimeoutMs = 3_000;

  /** Longest one SQL statement of a request may run (PostgreSQL's statement_timeout). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000)
  databaseStatementTimeoutMs = 30_000;

  /** Longest a statement waits for a lock (PostgreSQL's lock_timeout) before the request answers 503. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  databaseLockTimeoutMs = 3_000;

  /** Secret for signing session cookies and tokens; generated and kept in dataDir when absent outside production. */
  @IsOptional() @IsString() @MinLength(32)
  sessionSecret?: string;

  /** Express `trust proxy` value: a hop count or a list of addresses/subnets; never plain `true`. */
  @IsOptional() @IsString() @Matches(/^(?!true$).+/, { message: 'TRUST_PROXY must name the proxies (addresses, subnets or a hop count), not "true"' })
  trustProxy?: string;

  /** The public origin (scheme://host[:port]) that browsers use; state-changing requests must come from it. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  publicOrigin?: string;

  /** HTTP worker processes sharing the port (node:cluster); one per core uses the machine. */
  @Transform(toInt) @IsInt() @Min(1) @Max(64)
  apiWorkers = 1;

  @Transform(toInt) @IsInt() @Min(1)
  sessionIdleMinutes = 30;

  @Transform(toInt) @IsInt() @Min(1)
  sessionAbsoluteHours = 12;

  /** Failed logins to one account from one address (an IPv6 /64) per window before 429. */
  @Transform(toInt) @IsInt() @Min(1)
  loginMaxFailuresPerAccountAndAddress = 5;

  /** Failed logins to one account from all addresses together per window: the ceiling for a distributed guess. */
  @Transform(toInt) @IsInt() @Min(1)
  loginMaxFailuresPerAccount = 100;

  /** Failed logins from one address (an IPv6 /64) to any accounts per window; successful ones never count. */
  @Transform(toInt) @IsInt() @Min(1)
  loginMaxFailuresPerAddress = 50;

  @Transform(toInt) @IsInt() @Min(1)
  loginThrottleWindowSeconds = 900;

  @Transform(toInt) @IsInt() @Min(1024)
  argon2MemoryKib = 19456;

  @Transform(toInt) @IsInt() @Min(2)
  argon2TimeCost = 2;

  @IsOptional() @IsEmail()
  platformAdminEmail?: string;

  @IsOptional() @IsString() @MinLength(12)
  platformAdminPassword?: string;

  @IsOptional() @IsString()
  smtpUrl?: string;

  @IsEmail({ require_tld: false })
  mailFrom = 'rekisteri@localhost';

  /** Where the accessibility statement's feedback form sends (EN 301 549, Finnish Act on Digital Services); absent, feedback is refused with 503. */
  @IsOptional() @IsEmail({ require_tld: false })
  accessibilityFeedbackEmail?: string;

  /** Feedback messages one address (an IPv6 /64) may send per hour. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  accessibilityFeedbackPerHour = 5;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  @Transform(toBool) @IsBoolean()
  secureCookies = false;

  /** Record every request in the IP access log; off only to measure what logging costs. */
  @Transform(toBool) @IsBoolean()
  accessLogEnabled = true;

  /** Days the IP access log is kept; whole days are dropped once every row in them is older. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  accessLogRetentionDays = 90;

  /** Run job workers (the e-mail outbox, schedules) in this process; off, jobs are still queued but only run when driven. */
  @Transform(toBool) @IsBoolean()
  jobsEnabled = true;

  /** Migrated, empty tenant schemas kept ready for onboarding to claim (issue 18); 0 turns the pool off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(50)
  spareTenantSchemas = 3;

  /** How often an idle worker looks for new jobs, in seconds. */
  @Transform(toNumber) @IsNumber() @Min(0.5) @Max(300)
  jobsPollingSeconds = 2;

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}

const ENV_NAMES: Record<string, keyof AppConfig> = {
  NODE_ENV: 'nodeEnv',
  PORT: 'port',
  DATABASE_URL: 'databaseUrl',
  DATA_DIR: 'dataDir',
  WEB_DIR: 'webDir',
  EMBEDDED_POSTGRES_PORT: 'embeddedPostgresPort',
  DATABASE_POOL_SIZE: 'databasePoolSize',
  DATABASE_ACQUIRE_TIMEOUT_MS: 'databaseAcquireTimeoutMs',
  DATABASE_STATEMENT_TIMEOUT_MS: 'databaseStatementTimeoutMs',
  DATABASE_LOCK_TIMEOUT_MS: 'databaseLockTimeoutMs',
  SESSION_SECRET: 'sessionSecret',
  TRUST_PROXY: 'trustProxy',
  PUBLIC_ORIGIN: 'publicOrigin',
  API_WORKERS: 'apiWorkers',
  SESSION_IDLE_MINUTES: 'sessionIdleMinutes',
  SESSION_ABSOLUTE_HOURS: 'sessionAbsoluteHours',
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: 'loginMaxFailuresPerAccountAndAddress',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: 'loginMaxFailuresPerAccount',
  LOGIN_MAX_FAILURES_PER_ADDRESS: 'loginMaxFailuresPerAddress',
  LOGIN_THROTTLE_WINDOW_SECONDS: 'loginThrottleWindowSeconds',
  ARGON2_MEMORY_KIB: 'argon2MemoryKib',
  ARGON2_TIME_COST: 'argon2TimeCost',
  PLATFORM_ADMIN_EMAIL: 'platformAdminEmail',
  PLATFORM_ADMIN_PASSWORD: 'platformAdminPassword',
  SMTP_URL: 'smtpUrl',
  MAIL_FROM: 'mailFrom',
  ACCESSIBILITY_FEEDBACK_EMAIL: 'accessibilityFeedbackEmail',
  ACCESSIBILITY_FEEDBACK_PER_HOUR: 'accessibilityFeedbackPerHour',
  LOG_LEVEL: 'logLevel',
  SECURE_COOKIES: 'secureCookies',
  ACCESS_LOG_ENABLED: 'accessLogEnabled',
  ACCESS_LOG_RETENTION_DAYS: 'accessLogRetentionDays',
  JOBS_ENABLED: 'jobsEnabled',
  JOBS_POLLING_SECONDS: 'jobsPollingSeconds',
  SPARE_TENANT_SCHEMAS: 'spareTenantSchemas',
};

export class ConfigError extends Error {}

/** Builds the configuration from environment variables (and overrides, for tests); throws listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_NAMES)) {
    if (env[name] !== undefined && env[name] !== '') raw[key] = env[name];
  }
  const config = plainToInstance(AppConfig, raw);
  Object.assign(config, overrides);
  if (config.nodeEnv === 'production' && env.SECURE_COOKIES === undefined) config.secureCookies = true;
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (config.isProduction && !config.sessionSecret) {
    throw new ConfigError('SESSION_SECRET is required in production');
  }
  if (errors.length > 0) {
    const envName = (key: string) => Object.entries(ENV_NAMES).find(([, k]) => k === key)?.[0] ?? key;
    const lines = errors.map((e) => `${envName(e.property)}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
