// buffer.constants / kMaxLength / kStringMaxLength are consistent.
import assert from 'node:assert';
import buffer, { constants, kMaxLength, kStringMaxLength } from 'node:buffer';

assert.strictEqual(constants.MAX_LENGTH, kMaxLength);
assert.strictEqual(constants.MAX_STRING_LENGTH, kStringMaxLength);
assert.ok(Number.isSafeInteger(kMaxLength) && kMaxLength >= 2 ** 31 - 1);
assert.ok(Number.isSafeInteger(kStringMaxLength) && kStringMaxLength >= 2 ** 28);
assert.strictEqual(buffer.constants, constants);
assert.strictEqual(buffer.kMaxLength, kMaxLength);
assert.throws(() => buffer.Buffer.alloc(kMaxLength + 1), { code: 'ERR_OUT_OF_RANGE' });
