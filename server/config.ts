import { z } from 'zod';

/**
 * The only module that reads process.env. Validated once at start-up; a bad value stops the start
 * with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  COOKIE_SECURE: bool.default(true),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** enumerators work offline for days: their session must outlive a trip to the mountains */
  ENUMERATOR_SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(24 * 30),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: bool.default(true),
  WEB_DIST: z.string().min(1).default('./dist/web'),
  /** smtp://user:pass@host:port or smtps://…; absent: e-mail is delivered to an outbox table an admin reads in the app */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('ParIndex <no-reply@parindex.local>'),
  /** the address people reach the app at, for links in e-mails; default http://localhost:PORT */
  PUBLIC_URL: z.string().url().optional(),
  /** how often the background sender looks for due e-mail (ms); 0 turns it off (tests drive it themselves) */
  MAIL_SENDER_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** link opens and answer submissions per IP per minute */
  RESPOND_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** SIPAS results are computed in the database (grouped sums) from this many accepted forms on; 0: always */
  RESULTS_IN_DATABASE_FROM_FORMS: z.coerce.number().int().nonnegative().default(20000),
});

export type Env = z.input<typeof EnvSchema>;

export interface AppConfig {
  port: number;
  host: string;
  /** where the data lives: a real PostgreSQL server, or embedded PGlite (a directory, or 'memory' for tests) */
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | 'memory' };
  dataDir: string;
  cookieSecure: boolean;
  sessionTtlHours: number;
  enumeratorSessionTtlHours: number;
  loginRateLimitPerMinute: number;
  logLevel: string;
  demoData: boolean;
  webDist: string;
  mail: { smtpUrl: string | null; from: string; publicUrl: string; senderIntervalMs: number };
  respondRateLimitPerMinute: number;
  resultsInDatabaseFromForms: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // empty strings count as "not set", as in most shells' `VAR= npm start`
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration / Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: `${e.DATA_DIR}/pglite` },
    dataDir: e.DATA_DIR,
    cookieSecure: e.COOKIE_SECURE,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    enumeratorSessionTtlHours: e.ENUMERATOR_SESSION_TTL_HOURS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA,
    webDist: e.WEB_DIST,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      senderIntervalMs: e.MAIL_SENDER_INTERVAL_MS,
    },
    respondRateLimitPerMinute: e.RESPOND_RATE_LIMIT_PER_MINUTE,
    resultsInDatabaseFromForms: e.RESULTS_IN_DATABASE_FROM_FORMS,
  };
}
