// assert.throws validating by object: properties (message/name/code), RegExp values, diffs.
import assert from 'node:assert';

const err = Object.assign(new TypeError('bad thing'), { code: 'E_BAD', info: { n: 1 } });
assert.throws(() => { throw err; }, { name: 'TypeError', message: 'bad thing', code: 'E_BAD' });
assert.throws(() => { throw err; }, { message: /bad/, info: { n: 1 } });

assert.throws(() => assert.throws(() => { throw new Error('a'); }, { message: 'b' }), (e) => {
  assert.strictEqual(e.code, 'ERR_ASSERTION');
  assert.strictEqual(e.operator, 'throws');
  assert.strictEqual(e.message, 'Expected values to be strictly deep-equal:\n' +
    "+ actual - expected\n\n  Comparison {\n+   message: 'a'\n-   message: 'b'\n  }");
  return true;
});
// An Error instance as expectation compares name and message too.
assert.throws(() => assert.throws(() => { throw new TypeError('x'); }, new RangeError('x')), /RangeError/);
assert.throws(() => assert.throws(() => { throw new Error('a'); }, {}), {
  code: 'ERR_INVALID_ARG_VALUE',
});
