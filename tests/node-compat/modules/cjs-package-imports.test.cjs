// package.json "imports" (#specifiers) with conditions and patterns.
const assert = require('node:assert');
assert.deepStrictEqual(require('./fixtures/imports/main.js'), { dep: 'node', util: 'lib-util' });
