import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// Two pages: the web app (web/index.html) and the enumerator's offline app (web/enumerator/index.html, an
// installable PWA whose service worker is scoped to /enumerator/). The server serves the built files from dist/web.

const here = fileURLToPath(new URL('.', import.meta.url));
const webRoot = resolve(here, 'web');
const pkg = JSON.parse(readFileSync(resolve(here, 'package.json'), 'utf8')) as { version: string };

/** The enumerator app's JavaScript (entry + static imports), gzipped (level 9), may not exceed this many bytes. */
const ENUMERATOR_JS_LIMIT = 200_000;
const THEME = '#1d3b6f';
const ICONS = ['icon.svg', 'icon-192.png', 'icon-512.png', 'maskable-512.png', 'apple-touch-icon.png'];

/** Files (relative to dist/web) the enumerator page loads; its service worker precaches exactly these. */
const enumeratorFiles = new Set<string>();

type Chunk = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; facadeModuleId: string | null; imports: string[]; dynamicImports: string[]; viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } };
type Output = Chunk | { type: 'asset'; fileName: string };

/**
 * Prints the gzipped JavaScript each HTML page loads before it runs (entry chunk + static imports; lazy chunks
 * listed apart) and fails the build when the enumerator page's exceeds ENUMERATOR_JS_LIMIT. Also records the
 * enumerator page's files (static and lazy chunks, CSS, assets) for the service worker's precache list.
 */
function reportEntrySizes(): Plugin {
  let sizeFailure: string | undefined;
  return {
    name: 'parindex:entry-sizes',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, Output>;
      const chunk = (name: string) => {
        const c = files[name];
        return c?.type === 'chunk' ? c : undefined;
      };
      const gz = (name: string) => gzipSync(chunk(name)?.code ?? '', { level: 9 }).length;
      const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
      const lines: string[] = [];
      let failure: string | undefined;
      enumeratorFiles.clear();
      for (const entry of Object.values(files)) {
        if (entry.type !== 'chunk' || !entry.isEntry || !entry.facadeModuleId?.endsWith('.html')) continue;
        const page = relative(webRoot, entry.facadeModuleId).replaceAll('\\', '/');
        const statics = new Set<string>();
        const walk = (name: string) => {
          if (statics.has(name)) return;
          statics.add(name);
          for (const i of chunk(name)?.imports ?? []) walk(i);
        };
        walk(entry.fileName);
        const lazy = new Set<string>();
        const walkLazy = (name: string) => {
          for (const d of chunk(name)?.dynamicImports ?? []) {
            if (statics.has(d) || lazy.has(d)) continue;
            lazy.add(d);
            for (const i of chunk(d)?.imports ?? []) if (!statics.has(i)) lazy.add(i);
            walkLazy(d);
          }
        };
        for (const s of statics) walkLazy(s);
        const size = [...statics].reduce((sum, f) => sum + gz(f), 0);
        const lazySize = [...lazy].reduce((sum, f) => sum + gz(f), 0);
        lines.push(`  ${page.padEnd(22)} ${kB(size).padStart(9)} gzipped JS in ${statics.size} file(s)` + (lazy.size ? `, + ${kB(lazySize)} lazy in ${lazy.size}` : ''));
        if (page === 'enumerator/index.html') {
          enumeratorFiles.add(page);
          for (const f of [...statics, ...lazy]) {
            enumeratorFiles.add(f);
            for (const css of chunk(f)?.viteMetadata?.importedCss ?? []) enumeratorFiles.add(css);
            for (const asset of chunk(f)?.viteMetadata?.importedAssets ?? []) enumeratorFiles.add(asset);
          }
          if (size > ENUMERATOR_JS_LIMIT) {
            failure = `The enumerator app loads ${kB(size)} of gzipped JavaScript; the limit is ${kB(ENUMERATOR_JS_LIMIT)} (cheap phones, slow networks).`;
          }
        }
      }
      if (!enumeratorFiles.has('enumerator/index.html')) failure = 'The build has no enumerator page (web/enumerator/index.html): its service worker would precache nothing.';
      console.log(`\nJavaScript per page (gzip -9):\n${lines.join('\n')}\n`);
      sizeFailure = failure;
    },
    // failing here (files written, service worker not yet generated) keeps this message the build's error
    writeBundle() {
      if (sizeFailure) this.error(sizeFailure);
    },
  };
}

/**
 * The enumerator app's icons (fixed names under /enumerator/icons/, listed by the web manifest) and its head tags;
 * the web manifest link vite-plugin-pwa adds to every page is kept on the enumerator page only.
 */
function enumeratorPageAssets(): Plugin {
  return {
    name: 'parindex:enumerator-assets',
    apply: 'build',
    enforce: 'post', // after vite-plugin-pwa's (also 'post') head tags
    generateBundle() {
      for (const icon of ICONS) {
        this.emitFile({ type: 'asset', fileName: `enumerator/icons/${icon}`, source: readFileSync(resolve(webRoot, 'enumerator/icons', icon)) });
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const isEnumerator = ctx.filename.replaceAll('\\', '/').endsWith('/enumerator/index.html');
        if (!isEnumerator) return html.replace(/<link rel="manifest"[^>]*>/g, '');
        return html.replace(
          '</head>',
          '<link rel="icon" href="/enumerator/icons/icon.svg" type="image/svg+xml">' +
            '<link rel="apple-touch-icon" href="/enumerator/icons/apple-touch-icon.png"></head>',
        );
      },
    },
  };
}

export default defineConfig({
  root: 'web',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt', // the app shows "Cập nhật" (answers are in IndexedDB: reloading loses nothing)
      injectRegister: false, // web/enumerator/pwa.ts registers it with workbox-window
      filename: 'enumerator/sw.js',
      scope: '/enumerator/',
      manifestFilename: 'enumerator/manifest.webmanifest',
      includeManifestIcons: false,
      // the plugin lists the web manifest again with a relative URL (it would resolve under /enumerator/enumerator/);
      // the glob below finds it already
      integration: {
        beforeBuildServiceWorker(options) {
          options.workbox.additionalManifestEntries = [];
        },
      },
      manifest: {
        id: '/enumerator/',
        name: 'ParIndex – Điều tra viên',
        short_name: 'ParIndex ĐTV',
        description: 'Phiếu khảo sát SIPAS cho điều tra viên, dùng được khi không có mạng',
        lang: 'vi',
        start_url: '/enumerator/',
        scope: '/enumerator/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME,
        background_color: '#ffffff',
        icons: [
          { src: '/enumerator/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/enumerator/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/enumerator/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/enumerator/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // only the enumerator page's own files, as absolute URLs (the worker lives in /enumerator/)
        manifestTransforms: [
          async (entries) => ({
            manifest: entries
              .filter((e) => enumeratorFiles.has(e.url) || (e.url.startsWith('enumerator/') && !e.url.startsWith('enumerator/sw.js') && !/^enumerator\/workbox-/.test(e.url)))
              .map((e) => ({ ...e, url: `/${e.url}` })),
            warnings: [],
          }),
        ],
        navigateFallback: '/enumerator/index.html',
        navigateFallbackAllowlist: [/^\/enumerator\//],
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [], // nothing else is cached: /api answers live in IndexedDB, never in the SW cache
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    enumeratorPageAssets(),
    reportEntrySizes(),
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      input: {
        main: resolve(webRoot, 'index.html'),
        enumerator: resolve(webRoot, 'enumerator/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
