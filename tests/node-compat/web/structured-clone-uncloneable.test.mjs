// structuredClone throws a DataCloneError DOMException for functions, symbols, WeakMaps, Promises
import assert from 'node:assert';

for (const bad of [() => {}, Symbol('s'), new WeakMap(), new WeakSet(), Promise.resolve(), { f() {} }, [Symbol.iterator]]) {
  assert.throws(() => structuredClone(bad), (err) => {
    assert.ok(err instanceof DOMException);
    assert.strictEqual(err.name, 'DataCloneError');
    assert.strictEqual(err.code, 25);
    assert.match(err.message, /could not be cloned/);
    return true;
  });
}
assert.throws(() => structuredClone(), { name: 'TypeError', code: 'ERR_MISSING_ARGS' });
