import assert from 'node:assert';
import os from 'node:os';

// Under node these always work; under atoll without a bare --allow-env they are denied with
// Node's permission-model error (see polyfills/node/os.js).
const gated = ['hostname', 'userInfo', 'networkInterfaces'];
for (const name of gated) {
  let value;
  try {
    value = os[name]();
  } catch (err) {
    assert.ok(process.versions.atoll, `${name} threw under node`);
    assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
    assert.strictEqual(err.permission, 'Env');
    assert.match(err.message, /--allow-env/);
    continue;
  }
  assert.ok(value !== undefined);
}
