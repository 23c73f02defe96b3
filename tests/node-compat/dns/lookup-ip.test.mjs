// An IP literal never needs a resolver (nor --allow-net); family/all options apply.
import assert from 'node:assert';
import dns from 'node:dns';

dns.lookup('127.0.0.1', (err, address, family) => {
  assert.ifError(err);
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 4);
});
dns.lookup('::1', { all: true }, (err, list) => {
  assert.ifError(err);
  assert.deepStrictEqual(list, [{ address: '::1', family: 6 }]);
});
const r = await dns.promises.lookup('127.0.0.1', { family: 4 });
assert.deepStrictEqual(r, { address: '127.0.0.1', family: 4 });
