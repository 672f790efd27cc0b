import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * The test suite's only reader of process.env (validated once). `CI=true` makes missing real parts
 * (PostgreSQL, Chromium, R) fail the run instead of skipping.
 */
const Schema = z.object({
  CI: z.string().optional().transform((v) => v === 'true' || v === '1'),
  TEST_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Debian's Rscript (apt-get install r-cran-survey), for the cross-check against R's survey package */
  RSCRIPT_PATH: z.string().default('/usr/bin/Rscript'),
  /** replays a fuzz run (test/api/fuzz-submissions.test.ts prints the seed of a failing run) */
  FUZZ_SEED: z.coerce.number().int().optional(),
});

const parsed = Schema.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));

export const testConfig = {
  ci: parsed.CI,
  testDatabaseUrl: parsed.TEST_DATABASE_URL,
  chromiumPath: parsed.CHROMIUM_PATH,
  chromiumInstalled: existsSync(parsed.CHROMIUM_PATH),
  rscriptPath: parsed.RSCRIPT_PATH,
  rInstalled: existsSync(parsed.RSCRIPT_PATH),
  fuzzSeed: parsed.FUZZ_SEED,
};
