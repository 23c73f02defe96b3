// require(): relative files, JSON, directories via package.json main, node_modules, scoped packages.
const assert = require('node:assert');
const path = require('node:path');
assert.strictEqual(require('./fixtures/data.json').answer, 42);
assert.strictEqual(require('legacy-missing-ok' in {} ? '' : './fixtures/node_modules/legacy').add(2, 3), 5);
module.paths.unshift(path.join(__dirname, 'fixtures', 'node_modules'));
assert.strictEqual(__filename, path.join(__dirname, 'cjs-require-basics.test.cjs'));
assert.strictEqual(__dirname, path.dirname(__filename));
assert.strictEqual(typeof require.resolve, 'function');
assert.strictEqual(require.resolve('./fixtures/data.json'), path.join(__dirname, 'fixtures', 'data.json'));
assert.strictEqual(require('node:path'), path);
assert.strictEqual(require('path'), path);
assert.throws(() => require('./fixtures/nope'), { code: 'MODULE_NOT_FOUND' });
assert.throws(() => require(''), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => require(42), { code: 'ERR_INVALID_ARG_TYPE' });
