// util.inspect prints Buffers as <Buffer xx ..>, capped at INSPECT_MAX_BYTES.
import assert from 'node:assert';
import util from 'node:util';
import { Buffer, INSPECT_MAX_BYTES } from 'node:buffer';

assert.strictEqual(INSPECT_MAX_BYTES, 50);
assert.strictEqual(util.inspect(Buffer.from('hi')), '<Buffer 68 69>');
assert.strictEqual(util.inspect(Buffer.alloc(0)), '<Buffer >');
assert.strictEqual(util.inspect(Buffer.from([0, 15, 16, 255])), '<Buffer 00 0f 10 ff>');
assert.strictEqual(util.inspect(Buffer.alloc(50, 1)), `<Buffer ${Array(50).fill('01').join(' ')}>`);
assert.strictEqual(util.inspect(Buffer.alloc(51)),
  `<Buffer ${Array(50).fill('00').join(' ')} ... 1 more byte>`);
assert.strictEqual(util.inspect(Buffer.alloc(60)),
  `<Buffer ${Array(50).fill('00').join(' ')} ... 10 more bytes>`);
const custom = Symbol.for('nodejs.util.inspect.custom');
assert.strictEqual(typeof Buffer.prototype[custom], 'function');
assert.strictEqual(Buffer.from('ab')[custom](), '<Buffer 61 62>');
