// toJSON shape and JSON round trip.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const b = Buffer.from([1, 2, 255]);
assert.deepStrictEqual(b.toJSON(), { type: 'Buffer', data: [1, 2, 255] });
assert.deepStrictEqual(Buffer.alloc(0).toJSON(), { type: 'Buffer', data: [] });
const json = JSON.stringify(b);
assert.strictEqual(json, '{"type":"Buffer","data":[1,2,255]}');
assert.ok(Buffer.from(JSON.parse(json)).equals(b));
