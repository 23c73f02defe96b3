// Promise reactions (then/catch/finally) run with the store of the code that registered them.
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';

const als = new AsyncLocalStorage();
const seen = [];
let resolveOutside;
const outside = new Promise((r) => { resolveOutside = r; });
als.run('X', () => {
  outside.then(() => seen.push(['then', als.getStore()]));
  Promise.reject(new Error('e')).catch(() => seen.push(['catch', als.getStore()]));
  Promise.resolve().finally(() => seen.push(['finally', als.getStore()]));
});
resolveOutside();
setTimeout(() => {
  assert.deepStrictEqual(seen.sort(), [['catch', 'X'], ['finally', 'X'], ['then', 'X']]);
}, 5);
