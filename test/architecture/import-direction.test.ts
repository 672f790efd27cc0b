import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every import points down (issue 12, point 15): the layers below never import the ones above them. The source files
// are read as text; each import's target is resolved to a path from the repository root (without its extension).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Import { from: string; to: string }

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const SPECIFIERS = [
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, // import … from '…', export … from '…'
  /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g, // import '…' (side effects)
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
];

/** The relative imports of the files under `dir`, as paths from the repository root without extension. */
function importsUnder(dir: string): Import[] {
  return sourceFiles(dir).flatMap((from) => {
    const text = readFileSync(join(ROOT, from), 'utf8');
    const specs = SPECIFIERS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
    return [...new Set(specs)].filter((s) => s.startsWith('.')).map((s) => ({
      from,
      to: relative(ROOT, resolve(ROOT, dirname(from), s)).split(sep).join('/').replace(/\.(ts|tsx|js)$/, ''),
    }));
  });
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.to}`);

const server = importsUnder('server');
const web = importsUnder('web');

describe('every import points down', () => {
  it('reads the imports (the scanner sees what is there)', () => {
    expect(server.length).toBeGreaterThan(500);
    expect(server).toContainEqual({ from: 'server/app.ts', to: 'server/plugins/app/mailer' });
    expect(server).toContainEqual({ from: 'server/main.ts', to: 'server/seeding/demo-data' });
    expect(web).toContainEqual({ from: 'web/enumerator/main.tsx', to: 'web/enumerator/components/App' });
    expect(web).toContainEqual({ from: 'web/enumerator/components/App.tsx', to: 'web/enumerator/navigation' });
  });

  it('server/db, the floor, imports no feature, no seeding, no plugin', () => {
    const up = server.filter((i) => under(i.from, 'server/db') && ['server/features', 'server/seeding', 'server/plugins', 'server/cli', 'server/app', 'server/main'].some((d) => under(i.to, d)));
    expect(show(up)).toEqual([]);
  });

  it('only main.ts (and tests, tools) import server/seeding: features, plugins, http and db never do', () => {
    const up = server.filter((i) => under(i.to, 'server/seeding') && !under(i.from, 'server/seeding') && i.from !== 'server/main.ts');
    expect(show(up)).toEqual([]);
  });

  it('server/plugins import from the features only the mail layer and auth\'s sessions, never a service', () => {
    const up = server.filter((i) => under(i.from, 'server/plugins') && under(i.to, 'server/features'))
      .filter((i) => !(under(i.to, 'server/features/mail') || under(i.to, 'server/features/auth')) || /service$/.test(i.to));
    expect(show(up)).toEqual([]);
  });

  it('the layers below the features (mail, survey-codes) import no other feature', () => {
    const up = server.filter((i) => ['mail', 'survey-codes'].some((low) => under(i.from, `server/features/${low}`)))
      .filter((i) => under(i.to, 'server/features') && i.to.split('/')[2] !== i.from.split('/')[2]);
    expect(show(up)).toEqual([]);
  });

  it('fieldwork (where forms come in) does not reach into results (what is made of them)', () => {
    const up = server.filter((i) => under(i.from, 'server/features/fieldwork') && under(i.to, 'server/features/results'));
    expect(show(up)).toEqual([]);
  });

  it('no enumerator screen imports App; the modules below the screens import no component (main.tsx renders App)', () => {
    const screens = web.filter((i) => under(i.from, 'web/enumerator/components') && i.to === 'web/enumerator/components/App');
    expect(show(screens)).toEqual([]);
    const below = web.filter((i) => under(i.from, 'web/enumerator') && !under(i.from, 'web/enumerator/components') && i.from !== 'web/enumerator/main.tsx')
      .filter((i) => under(i.to, 'web/enumerator/components'));
    expect(show(below)).toEqual([]);
  });

  it('only App imports an enumerator screen: what two screens share lives in a module below them (names.ts, navigation.ts)', () => {
    const screenToScreen = web.filter((i) => under(i.from, 'web/enumerator') && /Screen$/.test(i.to) && i.from !== 'web/enumerator/components/App.tsx');
    expect(show(screenToScreen)).toEqual([]);
    expect(web).toContainEqual({ from: 'web/enumerator/components/FormScreen.tsx', to: 'web/enumerator/names' });
  });

  it('web features do not import each other (shared code lives in web/shared); web/shared imports no feature', () => {
    const featureOf = (path: string) => (under(path, 'web/features') ? path.split('/')[2] : null);
    const across = web.filter((i) => featureOf(i.from) && featureOf(i.to) && featureOf(i.from) !== featureOf(i.to));
    expect(show(across)).toEqual([]);
    // the unit tree both the units page and the user form draw (it was the last exception)
    expect(web).toContainEqual({ from: 'web/features/users/components/UserForm.tsx', to: 'web/shared/units/unitTree' });
    const sharedUp = web.filter((i) => under(i.from, 'web/shared') && (under(i.to, 'web/features') || under(i.to, 'web/app')));
    expect(show(sharedUp)).toEqual([]);
  });
});
