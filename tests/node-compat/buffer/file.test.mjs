// File from node:buffer: name, lastModified, inherits Blob.
import assert from 'node:assert';
import { Blob, File } from 'node:buffer';

const f = new File(['abc'], 'a.txt', { type: 'text/plain', lastModified: 42 });
assert.ok(f instanceof Blob);
assert.strictEqual(f.name, 'a.txt');
assert.strictEqual(f.lastModified, 42);
assert.strictEqual(f.size, 3);
assert.strictEqual(f.type, 'text/plain');
assert.strictEqual(await f.text(), 'abc');
assert.strictEqual(Object.prototype.toString.call(f), '[object File]');
const now = Date.now();
const g = new File([], 'b');
assert.ok(Math.abs(g.lastModified - now) < 10000);
assert.throws(() => new File(['x']), { code: 'ERR_MISSING_ARGS' });
