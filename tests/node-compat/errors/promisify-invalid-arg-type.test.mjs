import assert from 'node:assert';
import util from 'node:util';

assert.throws(() => util.promisify(1), (err) => {
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.ok(err instanceof TypeError);
  assert.strictEqual(err.message, 'The "original" argument must be of type function. Received type number (1)');
  assert.strictEqual(err.toString(), `TypeError [ERR_INVALID_ARG_TYPE]: ${err.message}`);
  assert.ok(err.stack.startsWith(`TypeError [ERR_INVALID_ARG_TYPE]: ${err.message}`));
  assert.ok(Object.keys(err).includes('code'));
  assert.ok(!Object.keys(err).includes('message'));
  return true;
});
