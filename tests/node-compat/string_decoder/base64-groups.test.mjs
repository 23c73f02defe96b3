// base64/base64url carry partial 3-byte groups between writes; end() pads the rest.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

const d = new StringDecoder('base64');
assert.strictEqual(d.write(Buffer.from([1])), '');
assert.strictEqual(d.lastNeed, 2);
assert.strictEqual(d.write(Buffer.from([2, 3, 4])), 'AQID');
assert.strictEqual(d.end(), 'BA==');

const u = new StringDecoder('base64url');
assert.strictEqual(u.write(Buffer.from([0xff, 0xfe, 0xfd, 0xfc])), '__79');
assert.strictEqual(u.end(), '_A');

const all = Buffer.from('hello world, this is base64');
const d3 = new StringDecoder('base64');
let s = '';
for (let i = 0; i < all.length; i += 5) s += d3.write(all.subarray(i, i + 5));
s += d3.end();
assert.strictEqual(s, all.toString('base64'));
