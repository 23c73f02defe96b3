// btoa: Latin-1 strings to base64 with padding; code units > 0xFF throw InvalidCharacterError
import assert from 'node:assert';

assert.strictEqual(btoa(''), '');
assert.strictEqual(btoa('f'), 'Zg==');
assert.strictEqual(btoa('fo'), 'Zm8=');
assert.strictEqual(btoa('foo'), 'Zm9v');
assert.strictEqual(btoa('\u0000\u00ff\u0080'), 'AP+A');
assert.strictEqual(btoa(12), 'MTI=');
assert.strictEqual(btoa(undefined), 'dW5kZWZpbmVk');
assert.strictEqual(atob(btoa('round\u00e9trip')), 'round\u00e9trip');
assert.throws(() => btoa('\u0100'), { name: 'InvalidCharacterError', code: 5 });
assert.throws(() => btoa('\u{1F600}'), (err) => err instanceof DOMException);
assert.throws(() => btoa(), { name: 'TypeError' });
