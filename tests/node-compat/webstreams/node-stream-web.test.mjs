// node:stream/web exports the global classes; Readable.toWeb / Readable.fromWeb round trip
import assert from 'node:assert';
import * as web from 'node:stream/web';
import { Readable } from 'node:stream';

assert.strictEqual(web.ReadableStream, globalThis.ReadableStream);
assert.strictEqual(web.WritableStream, globalThis.WritableStream);
assert.strictEqual(web.TransformStream, globalThis.TransformStream);
const out = [];
for await (const c of Readable.toWeb(Readable.from(['a', 'b'], { objectMode: true }))) out.push(c);
assert.deepStrictEqual(out, ['a', 'b']);
const back = [];
for await (const c of Readable.fromWeb(ReadableStream.from(['x', 'y']), { objectMode: true })) back.push(c);
assert.deepStrictEqual(back, ['x', 'y']);
