import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { testConfig } from './test-config';

/** Is R with the survey package usable? (null = yes, else the reason it is not) */
function rProblem(): string | null {
  if (!testConfig.rInstalled) return `${testConfig.rscriptPath} not installed (apt-get install -y r-cran-survey)`;
  const r = spawnSync(testConfig.rscriptPath, ['-e', 'suppressMessages(library(survey))'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return `R's survey package does not load (apt-get install -y r-cran-survey): ${(r.stderr || String(r.error ?? '')).trim()}`;
  return null;
}

const problem = rProblem();

/**
 * A suite that needs Debian's R and its `survey` package: under CI=true their absence fails the run,
 * elsewhere the suite is skipped and says why (as describeBrowser and describeEachDb do).
 */
export function describeWithR(name: string, body: () => void) {
  if (!problem) {
    describe(name, body);
  } else if (testConfig.ci) {
    describe(name, () => {
      it('needs R with the survey package under CI', () => {
        throw new Error(`CI=true but ${problem}. .ci/run must install Debian's r-cran-survey.`);
      });
    });
  } else {
    describe.skip(`${name} — SKIPPED: ${problem}`, body);
  }
}

/** Runs an R script file with arguments; throws with R's stderr when it fails. */
export function runRscript(script: string, args: readonly string[]): string {
  const r = spawnSync(testConfig.rscriptPath, ['--vanilla', script, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`Rscript ${script} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
