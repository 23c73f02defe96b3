// atob: forgiving-base64 decode, whitespace stripped, InvalidCharacterError on bad input
import assert from 'node:assert';

assert.strictEqual(atob('aGVsbG8='), 'hello');
assert.strictEqual(atob('aGVsbG8'), 'hello');
assert.strictEqual(atob(' aG Vs\tbG\n8=\r\f'), 'hello');
assert.strictEqual(atob(''), '');
assert.strictEqual(atob('AB=='), '\u0000');
assert.strictEqual(atob('/w=='), '\u00ff');
assert.strictEqual(atob(null), '\u009e\u00e9e');
for (const bad of ['A', 'A=', 'ABCDE', 'a===', 'AB=C', 'ab=', '*', 'é', 'AB\vCD', 'ABC-']) {
  assert.throws(() => atob(bad), (err) => {
    assert.ok(err instanceof DOMException);
    assert.strictEqual(err.name, 'InvalidCharacterError');
    assert.strictEqual(err.code, 5);
    return true;
  }, bad);
}
assert.throws(() => atob(), { name: 'TypeError' });
