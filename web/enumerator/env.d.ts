/// <reference types="vite/client" />

/** The app's version (package.json), set by vite.config.ts `define`; sent as `paradata.appVersion`. */
declare const __APP_VERSION__: string;
