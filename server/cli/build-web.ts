import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { STAMP_FILE, webBuildIsCurrent, webSourcesHash } from './web-sources';

/**
 * `npm start`'s first step: builds the web app (vite) only when its sources changed since the last build, so a
 * second start goes straight to the server. `--force` builds anyway.
 */
const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'dist/web');
const hash = webSourcesHash(root);
if (!process.argv.includes('--force') && webBuildIsCurrent(outDir, hash)) {
  console.log('Web app: up to date (sources unchanged since the last build).');
} else {
  console.log('Web app: building…');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(join(outDir, STAMP_FILE), `${hash}\n`);
}
