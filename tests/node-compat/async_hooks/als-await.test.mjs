// The store survives `await`: after awaiting plain values, settled and pending promises,
// thenables, native I/O, timers/promises, in nested async functions, Promise.all/race and
// async generators; interleaved run()s keep their own stores; the store does not leak out.
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep, setImmediate as immediate } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();

async function inner(tag) {
  await null;
  assert.strictEqual(als.getStore(), tag);
  await sleep(1);
  return als.getStore();
}

async function* gen() {
  for (let i = 0; i < 3; i++) {
    await sleep(1);
    yield als.getStore();
  }
}

const seen = await als.run('outer', async () => {
  const out = [];
  await 1;
  out.push(als.getStore());
  await Promise.resolve();
  out.push(als.getStore());
  await new Promise((resolve) => setTimeout(resolve, 2));
  out.push(als.getStore());
  await { then(resolve) { resolve(); } };
  out.push(als.getStore());
  await readFile(fileURLToPath(import.meta.url));
  out.push(als.getStore());
  await sleep(1);
  await immediate();
  out.push(als.getStore());
  out.push(await inner('outer'));
  const all = await Promise.all([inner('outer'), sleep(2).then(() => als.getStore())]);
  out.push(...all);
  out.push(await Promise.race([sleep(1).then(() => als.getStore()), new Promise(() => {})]));
  for await (const v of gen()) out.push(v);
  await other.run('other', async () => {
    await sleep(1);
    out.push(`${als.getStore()}+${other.getStore()}`);
  });
  out.push(other.getStore());
  try {
    await Promise.reject(new Error('boom'));
  } catch {
    out.push(als.getStore());
  }
  return out;
});
assert.deepStrictEqual(seen, [
  'outer', 'outer', 'outer', 'outer', 'outer', 'outer', 'outer', 'outer', 'outer', 'outer',
  'outer', 'outer', 'outer', 'outer+other', undefined, 'outer',
]);
assert.strictEqual(als.getStore(), undefined);

// Interleaved flows: each continuation resumes in its own store, whatever order they finish in.
const order = [];
await Promise.all([30, 10, 20].map((ms) => als.run(ms, async () => {
  await sleep(ms);
  order.push([ms, als.getStore()]);
  await null;
  assert.strictEqual(als.getStore(), ms);
})));
assert.deepStrictEqual(order, [[10, 10], [20, 20], [30, 30]]);

// exit() inside a flow, and enterWith() after an await, stay inside that continuation.
await als.run('flow', async () => {
  await als.exit(async () => {
    await null;
    assert.strictEqual(als.getStore(), undefined);
  });
  assert.strictEqual(als.getStore(), 'flow');
  await (async () => {
    await null;
    als.enterWith('entered');
    await null;
    assert.strictEqual(als.getStore(), 'entered');
  })();
  assert.strictEqual(als.getStore(), 'flow');
});
assert.strictEqual(als.getStore(), undefined);
