import { register } from 'node:module';
register('./node-polyfill-hooks.mjs', import.meta.url);
