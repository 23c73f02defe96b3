// getRandomValues (node:crypto and globalThis.crypto): integer arrays up to 65536 bytes.
import assert from 'node:assert';
import crypto from 'node:crypto';

const u8 = new Uint8Array(65536);
assert.strictEqual(globalThis.crypto.getRandomValues(u8), u8);
assert.ok(u8.some((b) => b !== 0));
const i32 = crypto.getRandomValues(new Int32Array(8));
assert.ok(i32 instanceof Int32Array);
assert.ok(crypto.webcrypto.getRandomValues(new BigUint64Array(2)) instanceof BigUint64Array);

assert.throws(() => globalThis.crypto.getRandomValues(new Uint8Array(65537)), (err) => {
  assert.strictEqual(err.name, 'QuotaExceededError');
  assert.strictEqual(err.code, 22);
  return true;
});
assert.throws(() => globalThis.crypto.getRandomValues(new Float64Array(2)), (err) => {
  assert.strictEqual(err.name, 'TypeMismatchError');
  assert.strictEqual(err.code, 17);
  return true;
});
assert.ok(globalThis.crypto instanceof globalThis.Crypto);
assert.strictEqual(globalThis.crypto, crypto.webcrypto);
