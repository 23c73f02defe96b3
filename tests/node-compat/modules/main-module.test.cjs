// process.mainModule is the CommonJS entry module, already while it runs, and require.main.
'use strict';
const assert = require('assert');
assert.strictEqual(require.main, module);
assert.strictEqual(process.mainModule, module);
assert.strictEqual(module.id, '.');
assert.ok(process.mainModule.filename.endsWith('main-module.test.cjs'));
setTimeout(() => {
  assert.strictEqual(process.mainModule, module);
  const d = Object.getOwnPropertyDescriptor(process, 'mainModule');
  assert.strictEqual(d.writable, true);
}, 1);
