import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the web build reads: its own sources, the shared code it imports, and the build's configuration. */
export const WEB_BUILD_INPUTS = ['web', 'survey-forms/src', 'analytics/src', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json'];

/** The stamp the build leaves in its output folder: the hash of the inputs it was built from. */
export const STAMP_FILE = '.source-hash';

const skipped = (name: string) => name === 'node_modules' || name.startsWith('.') || /\.test\.tsx?$/.test(name);

function files(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).filter((name) => !skipped(name)).flatMap((name) => files(root, join(path, name)));
}

/** sha256 over every input file's path and bytes, in a fixed order: it changes exactly when an input changes. */
export function webSourcesHash(root: string, inputs: readonly string[] = WEB_BUILD_INPUTS): string {
  const hash = createHash('sha256');
  const all = inputs.flatMap((input) => files(root, input)).map((p) => relative(root, join(root, p)).replaceAll('\\', '/')).sort();
  for (const path of all) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(root, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Is the build in outDir the one of these sources (its stamp equals the sources' hash)? */
export function webBuildIsCurrent(outDir: string, sourcesHash: string): boolean {
  const stamp = join(outDir, STAMP_FILE);
  return existsSync(join(outDir, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourcesHash;
}
