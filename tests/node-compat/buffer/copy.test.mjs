// buf.copy clamps to the target, handles overlap and validates ranges.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const src = Buffer.from('hello');
const t = Buffer.alloc(5, '.');
assert.strictEqual(src.copy(t, 1, 2), 3);
assert.strictEqual(t.toString(), '.llo.');
const t2 = Buffer.alloc(3);
assert.strictEqual(src.copy(t2), 3);
assert.strictEqual(t2.toString(), 'hel');
assert.strictEqual(src.copy(t2, 5), 0);
assert.strictEqual(src.copy(t2, 0, 4, 2), 0);

const o = Buffer.from('abcdef');
o.copy(o, 2, 0, 4); // overlapping
assert.strictEqual(o.toString(), 'ababcd');

assert.throws(() => src.copy(t, -1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => src.copy(t, 0, 9), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => src.copy(t, 0, 0, -1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => src.copy('x'), { code: 'ERR_INVALID_ARG_TYPE' });
