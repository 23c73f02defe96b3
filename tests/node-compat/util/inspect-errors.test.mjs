import assert from 'node:assert';
import util from 'node:util';

// Errors print their stack; a stack without frames is wrapped in brackets.
const e1 = new Error('boom');
e1.stack = 'Error: boom';
e1.code = 'X';
assert.strictEqual(util.inspect(e1), "[Error: boom] { code: 'X' }");

const e2 = new RangeError('r');
e2.stack = 'RangeError: r\n    at foo (x.js:1:1)';
assert.strictEqual(util.inspect({ e: e2 }), '{\n  e: RangeError: r\n      at foo (x.js:1:1)\n}');

// Subclass names are shown when the stack does not mention them.
class MyErr extends Error {}
const e3 = new MyErr('x');
e3.stack = 'Error: x\n    at a (b:1:1)';
assert.strictEqual(util.inspect(e3), 'MyErr [Error]: x\n    at a (b:1:1)');

// cause is printed as a hidden property.
const e4 = new Error('outer', { cause: 'why' });
e4.stack = 'Error: outer\n    at z (q:1:1)';
assert.strictEqual(util.inspect(e4), "Error: outer\n    at z (q:1:1) {\n  [cause]: 'why'\n}");

// The default stack starts with the name and message.
assert.ok(util.inspect(new TypeError('tt')).startsWith('TypeError: tt\n'));
