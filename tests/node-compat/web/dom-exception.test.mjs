// DOMException: name/message/code, options object, legacy constants, instanceof Error
import assert from 'node:assert';

const e = new DOMException('msg', 'NotFoundError');
assert.strictEqual(e.name, 'NotFoundError');
assert.strictEqual(e.message, 'msg');
assert.strictEqual(e.code, 8);
assert.ok(e instanceof Error);
assert.ok(e instanceof DOMException);
assert.strictEqual(String(e), 'NotFoundError: msg');
assert.strictEqual(Object.prototype.toString.call(e), '[object DOMException]');

const d = new DOMException();
assert.strictEqual(d.name, 'Error');
assert.strictEqual(d.message, '');
assert.strictEqual(d.code, 0);

assert.strictEqual(new DOMException('x', 'CustomName').code, 0);
assert.strictEqual(new DOMException('x', 'AbortError').code, 20);
assert.strictEqual(new DOMException('x', 'DataCloneError').code, 25);
assert.strictEqual(new DOMException('x', 'TimeoutError').code, 23);
assert.strictEqual(new DOMException(undefined, undefined).name, 'Error');
assert.strictEqual(new DOMException(null, null).message, 'null');

const c = new DOMException('m', { name: 'SyntaxError', cause: 42 });
assert.strictEqual(c.name, 'SyntaxError');
assert.strictEqual(c.code, 12);
assert.strictEqual(c.cause, 42);

assert.strictEqual(DOMException.INDEX_SIZE_ERR, 1);
assert.strictEqual(DOMException.ABORT_ERR, 20);
assert.strictEqual(DOMException.DATA_CLONE_ERR, 25);
assert.strictEqual(e.INVALID_CHARACTER_ERR, 5);
assert.strictEqual(typeof e.stack, 'string');
