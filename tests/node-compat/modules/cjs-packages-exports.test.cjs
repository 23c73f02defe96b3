// node_modules lookup and package.json "exports" with the "require" condition.
const assert = require('node:assert');
const got = require('./fixtures/use-packages.js');
assert.deepStrictEqual(got, { dual: 'cjs', feature: 'feature-x', legacy: 'legacy', scoped: 'scoped', hiddenCode: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
