// PassThrough forwards chunks unchanged, objects included in objectMode.
import assert from 'node:assert';
import { PassThrough, Transform, Duplex } from 'node:stream';

const pt = new PassThrough({ objectMode: true });
assert.ok(pt instanceof Transform);
assert.ok(pt instanceof Duplex);
const got = [];
pt.on('data', (o) => got.push(o));
pt.on('end', () => assert.deepStrictEqual(got, [{ a: 1 }, [2], 'three']));
pt.write({ a: 1 });
pt.write([2]);
pt.end('three');
