// pipeline accepts async generator functions as transforms and as the source.
import assert from 'node:assert';
import { pipeline, Writable } from 'node:stream';

const out = [];
pipeline(
  async function* source() { yield 'x'; yield 'y'; },
  async function* upper(src) {
    for await (const chunk of src) yield String(chunk).toUpperCase();
  },
  new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } }),
  (err) => {
    assert.ifError(err);
    assert.deepStrictEqual(out, ['X', 'Y']);
  },
);
