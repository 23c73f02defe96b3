// setEncoding makes 'data' strings and keeps multi-byte characters whole across chunks.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';

const r = new Readable({ read() {} });
r.setEncoding('utf8');
assert.strictEqual(r.readableEncoding, 'utf8');
const euro = Buffer.from('€€');
const got = [];
r.on('data', (c) => got.push(c));
r.on('end', () => {
  assert.ok(got.every((c) => typeof c === 'string'));
  assert.strictEqual(got.join(''), '€€');
});
r.push(euro.subarray(0, 2));
r.push(euro.subarray(2, 4));
r.push(euro.subarray(4));
r.push(null);
