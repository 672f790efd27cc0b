import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The only module that reads process.env. Validated once at start-up; a bad value stops the start
 * with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A proxy address for TRUST_PROXY: an IP, a CIDR block, or one of proxy-addr's names. */
const isProxyAddress = (a: string) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(a)) return true;
  const [ip, bits, ...rest] = a.split('/');
  const version = isIP(ip ?? '');
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};

/** off (default) | a hop count | a comma-separated list of proxy addresses/CIDRs — Fastify's trustProxy */
const trustProxy = z
  .string()
  .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
  .refine((list) => (list.length === 1 && /^(false|off|no|\d+)$/.test(list[0]!)) || list.every(isProxyAddress), {
    message: 'must be off, a hop count, or a comma-separated list of proxy IP addresses/CIDRs (never "true": any client could then forge its address)',
  })
  .transform((list): false | number | string[] => {
    if (list.length === 1 && /^(false|off|no)$/.test(list[0]!)) return false;
    if (list.length === 1 && /^\d+$/.test(list[0]!)) return Number(list[0]) || false;
    return list;
  });

const origins = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .refine((list) => list.every((o) => URL.canParse(o) && new URL(o).origin === o.replace(/\/$/, '')), {
    message: 'must be a comma-separated list of origins like https://parindex.example.gov.vn (scheme, host, optional port; no path)',
  })
  .transform((list) => list.map((o) => new URL(o).origin));

/** CSP frame-ancestors sources: 'none', 'self', or origins (https://host[:port], a leading *. for subdomains) */
const frameAncestors = z
  .string()
  .transform((v) => v.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && (
    (list.length === 1 && /^'?none'?$/.test(list[0]!)) ||
    list.every((s) => /^'?self'?$/.test(s) || /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i.test(s))
  ), { message: "must be 'none', or 'self' and/or origins like https://cong.example.gov.vn or https://*.example.gov.vn (comma-separated; no path)" })
  .transform((list) => list.map((s) => (/^'?(none|self)'?$/.test(s) ? `'${s.replace(/'/g, '')}'` : s.toLowerCase())));

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
  /** failed logins per client IP per minute (successful ones do not count) */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** failed logins per account (and per account from one IP) before each further attempt must wait */
  LOGIN_BACKOFF_FREE_FAILURES: z.coerce.number().int().nonnegative().default(5),
  /** the first wait after the free failures (s); it doubles with each further failure */
  LOGIN_BACKOFF_BASE_SECONDS: z.coerce.number().positive().max(3600).default(1),
  /** the longest wait (s) */
  LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().positive().max(24 * 3600).default(300),
  /** which proxies may set X-Forwarded-For: off (default: the client IP is the socket's), a hop count, or addresses/CIDRs */
  TRUST_PROXY: trustProxy.optional(),
  /** origins besides PUBLIC_URL's from which browsers may send state-changing requests (comma-separated) */
  ALLOWED_ORIGINS: origins.optional(),
  /** who may embed the public results pages (/cong-khai/) in a frame, e.g. a province portal; default 'self', as every other page */
  PUBLIC_FRAME_ANCESTORS: frameAncestors.optional(),
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
  /** requests to the public results API (/api/public: figures, CSV, XLSX) per IP per minute */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** SIPAS results (default options) fetch the codes grouped by unit × level from this many accepted forms on (same core, same figures); 0: always */
  RESULTS_IN_DATABASE_FROM_FORMS: z.coerce.number().int().nonnegative().default(20000),
  /** key of the sealed leadership answer pool (base64 of 32 bytes); absent: a key file made once in DATA_DIR */
  /** XLSX imports (read in a worker thread): largest file, largest inflated content, most rows, longest reading (ms), worker heap (MB) */
  XLSX_MAX_BYTES: z.coerce.number().int().positive().max(10 * 1024 * 1024).default(5 * 1024 * 1024),
  XLSX_MAX_INFLATED_BYTES: z.coerce.number().int().positive().max(512 * 1024 * 1024).default(20 * 1024 * 1024),
  XLSX_MAX_ROWS: z.coerce.number().int().positive().max(2000).default(2000),
  XLSX_TIME_LIMIT_MS: z.coerce.number().int().positive().default(10_000),
  XLSX_WORKER_MEMORY_MB: z.coerce.number().int().min(32).default(256),
  /** days before a self-assessment phase closes when officers whose part is incomplete are reminded, e.g. "3,1" */
  ASSESSMENT_REMINDER_DAYS: z.string().regex(/^\d{1,3}(,\d{1,3})*$/, 'comma-separated whole days, e.g. 3,1').default('3,1')
    .transform((v) => [...new Set(v.split(',').map(Number))].filter((d) => d > 0).sort((x, y) => y - x)),
  /** evidence documents (issue 11): largest file (bytes) and where the files are kept (default DATA_DIR/evidence) */
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().max(1024 * 1024 * 1024).default(25 * 1024 * 1024),
  EVIDENCE_DIR: z.string().min(1).optional(),
  ANSWER_POOL_KEY: z.string().refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)').optional(),
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
  /** per-account exponential backoff of failed logins (see features/auth/throttle.ts) */
  loginBackoff: { freeFailures: number; baseSeconds: number; maxSeconds: number };
  /** Fastify's trustProxy: false = the socket's address is the client's */
  trustProxy: false | number | string[];
  /** origins allowed to send state-changing requests: PUBLIC_URL's and ALLOWED_ORIGINS */
  allowedOrigins: string[];
  /** CSP frame-ancestors of the public results pages (PUBLIC_FRAME_ANCESTORS); the rest of the app is never framed */
  publicFrameAncestors: string[];
  logLevel: string;
  demoData: boolean;
  webDist: string;
  mail: { smtpUrl: string | null; from: string; publicUrl: string; senderIntervalMs: number };
  respondRateLimitPerMinute: number;
  publicRateLimitPerMinute: number;
  resultsInDatabaseFromForms: number;
  /** base64 key sealing leadership answers while they wait in the pool; null: `${dataDir}/answer-pool.key` */
  answerPoolKey: string | null;
  /** self-assessment deadline reminders: days before a phase closes, largest first */
  assessment: { reminderDays: number[] };
  /** limits of an XLSX import (server/features/content-scores/xlsx-reader.ts) */
  xlsx: { maxBytes: number; maxInflatedBytes: number; maxRows: number; timeLimitMs: number; workerMemoryMb: number };
  /** evidence documents (server/features/evidence): largest file in bytes, the storage folder */
  evidence: { maxBytes: number; dir: string };
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
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: `${e.DATA_DIR}/pglite` },
    dataDir: e.DATA_DIR,
    cookieSecure: e.COOKIE_SECURE,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    enumeratorSessionTtlHours: e.ENUMERATOR_SESSION_TTL_HOURS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginBackoff: { freeFailures: e.LOGIN_BACKOFF_FREE_FAILURES, baseSeconds: e.LOGIN_BACKOFF_BASE_SECONDS, maxSeconds: e.LOGIN_BACKOFF_MAX_SECONDS },
    trustProxy: e.TRUST_PROXY ?? false,
    allowedOrigins: [...new Set([new URL(publicUrl).origin, ...(e.ALLOWED_ORIGINS ?? [])])],
    publicFrameAncestors: e.PUBLIC_FRAME_ANCESTORS ?? ["'self'"],
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA,
    webDist: e.WEB_DIST,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      publicUrl,
      senderIntervalMs: e.MAIL_SENDER_INTERVAL_MS,
    },
    respondRateLimitPerMinute: e.RESPOND_RATE_LIMIT_PER_MINUTE,
    publicRateLimitPerMinute: e.PUBLIC_RATE_LIMIT_PER_MINUTE,
    resultsInDatabaseFromForms: e.RESULTS_IN_DATABASE_FROM_FORMS,
    answerPoolKey: e.ANSWER_POOL_KEY ?? null,
    assessment: { reminderDays: e.ASSESSMENT_REMINDER_DAYS },
    xlsx: {
      maxBytes: e.XLSX_MAX_BYTES, maxInflatedBytes: e.XLSX_MAX_INFLATED_BYTES, maxRows: e.XLSX_MAX_ROWS,
      timeLimitMs: e.XLSX_TIME_LIMIT_MS, workerMemoryMb: e.XLSX_WORKER_MEMORY_MB,
    },
    evidence: { maxBytes: e.EVIDENCE_MAX_BYTES, dir: e.EVIDENCE_DIR ?? `${e.DATA_DIR}/evidence` },
  };
}
