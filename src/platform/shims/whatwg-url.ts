// node-fetch 2 imports whatwg-url (with tr46's ~290 KB of Unicode tables) only as a
// fallback for runtimes without `url.URL`. Every Node that runs VS Code has it, so
// esbuild points the import here instead (see esbuild.js).
export { URL } from 'node:url';
