import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STAMP_FILE, webBuildIsCurrent, webSourcesHash } from '../../server/cli/web-sources';

/** `npm start` rebuilds the web app only when its inputs changed: the hash it compares, on a small tree of its own. */
describe('web build stamp (npm start skips an up-to-date build)', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function tree() {
    root = mkdtempSync(join(tmpdir(), 'parindex-web-'));
    mkdirSync(join(root, 'web/features'), { recursive: true });
    writeFileSync(join(root, 'web/main.tsx'), 'export const a = 1;\n');
    writeFileSync(join(root, 'web/features/Page.tsx'), 'export const b = 2;\n');
    writeFileSync(join(root, 'vite.config.ts'), 'export default {};\n');
    return ['web', 'vite.config.ts'];
  }

  it('changes when a source, its name or the build config changes, and only then', () => {
    const inputs = tree();
    const first = webSourcesHash(root, inputs);
    expect(webSourcesHash(root, inputs)).toBe(first);

    writeFileSync(join(root, 'web/features/Page.test.tsx'), 'test file\n'); // tests are not built
    writeFileSync(join(root, 'web/.DS_Store'), 'x');
    expect(webSourcesHash(root, inputs)).toBe(first);

    writeFileSync(join(root, 'web/features/Page.tsx'), 'export const b = 3;\n');
    const edited = webSourcesHash(root, inputs);
    expect(edited).not.toBe(first);

    rmSync(join(root, 'web/features/Page.tsx'));
    writeFileSync(join(root, 'web/features/Renamed.tsx'), 'export const b = 3;\n');
    expect(webSourcesHash(root, inputs)).not.toBe(edited);

    const beforeConfig = webSourcesHash(root, inputs);
    writeFileSync(join(root, 'vite.config.ts'), 'export default { base: "/x/" };\n');
    expect(webSourcesHash(root, inputs)).not.toBe(beforeConfig);
  });

  it('a build is current only with its index.html and a stamp equal to the sources hash', () => {
    const inputs = tree();
    const hash = webSourcesHash(root, inputs);
    const out = join(root, 'dist/web');
    mkdirSync(out, { recursive: true });
    expect(webBuildIsCurrent(out, hash)).toBe(false); // nothing built
    writeFileSync(join(out, 'index.html'), '<!doctype html>');
    expect(webBuildIsCurrent(out, hash)).toBe(false); // built, but from unknown sources
    writeFileSync(join(out, STAMP_FILE), `${hash}\n`);
    expect(webBuildIsCurrent(out, hash)).toBe(true);
    writeFileSync(join(root, 'web/main.tsx'), 'export const a = 2;\n');
    expect(webBuildIsCurrent(out, webSourcesHash(root, inputs))).toBe(false);
  });
});
