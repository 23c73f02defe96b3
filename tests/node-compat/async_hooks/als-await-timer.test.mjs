// An async function inside run() still sees its store after awaiting a timer-based sleep.
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';

const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const results = await Promise.all([1, 2, 3].map((id) => als.run({ id }, async () => {
  await sleep(5 * (4 - id));
  return als.getStore().id;
})));
assert.deepStrictEqual(results, [1, 2, 3]);
