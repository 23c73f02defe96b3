// equal/notEqual use == (NaN equals NaN) and report with `==`/`!=`.
import assert from 'node:assert';

assert.equal(1, '1');
assert.equal(null, undefined);
assert.equal(NaN, NaN);
assert.notEqual(1, 2);
assert.throws(() => assert.equal(1, 2), { message: '1 == 2', operator: '==' });
assert.throws(() => assert.notEqual(1, '1'), { message: "1 != '1'", operator: '!=' });
assert.throws(() => assert.equal(1), {
  name: 'TypeError',
  code: 'ERR_MISSING_ARGS',
  message: 'The "actual" and "expected" arguments must be specified',
});
