// fs callbacks and fs streams started inside run() see its store when they fire later.
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const als = new AsyncLocalStorage();
const file = fileURLToPath(import.meta.url);
const seen = [];
const done = new Promise((resolve) => {
  let left = 3;
  const tick = () => { if (--left === 0) resolve(); };
  als.run('readFile', () => fs.readFile(file, (err) => {
    assert.ifError(err);
    seen.push(['readFile', als.getStore()]);
    tick();
  }));
  als.run('stat', () => fs.stat(file, () => {
    seen.push(['stat', als.getStore()]);
    tick();
  }));
  als.run('stream', () => {
    const chunks = [];
    fs.createReadStream(file)
      .on('data', () => chunks.push(als.getStore()))
      .on('end', () => {
        seen.push(['stream', [...new Set(chunks)].join(','), als.getStore()]);
        tick();
      });
  });
});
assert.strictEqual(als.getStore(), undefined);
await done;
seen.sort((a, b) => a[0].localeCompare(b[0]));
assert.deepStrictEqual(seen, [
  ['readFile', 'readFile'],
  ['stat', 'stat'],
  ['stream', 'stream', 'stream'],
]);
