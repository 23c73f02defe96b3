// base64 output has padding, base64url has none; sizes 0..5 and a large buffer.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const cases = [
  ['', '', ''],
  ['f', 'Zg==', 'Zg'],
  ['fo', 'Zm8=', 'Zm8'],
  ['foo', 'Zm9v', 'Zm9v'],
  ['foob', 'Zm9vYg==', 'Zm9vYg'],
  ['fooba', 'Zm9vYmE=', 'Zm9vYmE'],
  ['foobar', 'Zm9vYmFy', 'Zm9vYmFy'],
];
for (const [raw, b64, b64url] of cases) {
  assert.strictEqual(Buffer.from(raw).toString('base64'), b64);
  assert.strictEqual(Buffer.from(raw).toString('base64url'), b64url);
  assert.strictEqual(Buffer.from(b64, 'base64').toString(), raw);
  assert.strictEqual(Buffer.from(b64url, 'base64url').toString(), raw);
}
assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64'), '+/8=');
assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64url'), '-_8');

const big = Buffer.alloc(300000);
for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 255;
const enc = big.toString('base64');
assert.strictEqual(enc.length, 400000);
assert.ok(Buffer.from(enc, 'base64').equals(big));
