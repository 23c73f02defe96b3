// stream/promises pipeline rejects with AbortError when its signal aborts, destroying streams.
import assert from 'node:assert';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const ac = new AbortController();
const src = new Readable({ read() {} });
const dest = new Writable({ write(c, e, cb) { cb(); } });
setTimeout(() => ac.abort(), 5);
await assert.rejects(pipeline(src, dest, { signal: ac.signal }), { name: 'AbortError', code: 'ABORT_ERR' });
assert.strictEqual(src.destroyed, true);
assert.strictEqual(dest.destroyed, true);

// And resolves when everything finishes.
const got = [];
await pipeline(Readable.from([1, 2]), new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb(); } }));
assert.deepStrictEqual(got, [1, 2]);
