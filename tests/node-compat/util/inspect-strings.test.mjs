import assert from 'node:assert';
import util from 'node:util';

// Quote choice: single by default, double if the string has a single quote,
// backtick if it has both.
assert.strictEqual(util.inspect("it's"), `"it's"`);
assert.strictEqual(util.inspect(`a'b"c`), '`a\'b"c`');
assert.strictEqual(util.inspect('a\'b"c`'), `'a\\'b"c\`'`);
// Escapes of control characters.
assert.strictEqual(util.inspect('a\nb\t'), "'a\\nb\\t'");
assert.strictEqual(util.inspect('\x01\x7f\u0085'), "'\\x01\\x7F\\x85'");
assert.strictEqual(util.inspect('\\'), "'\\\\'");
// Lone surrogates.
assert.strictEqual(util.inspect('\ud83d x'), "'\\ud83d x'");
// maxStringLength
assert.strictEqual(util.inspect('abcdefgh', { maxStringLength: 3 }), "'abc'... 5 more characters");
// Long multi-line strings inside objects are split at newlines.
const s = 'line one is long enough\nline two is also quite long\nthree and some more text';
assert.strictEqual(util.inspect({ a: s }),
  "{\n  a: 'line one is long enough\\n' +\n    'line two is also quite long\\n' +\n    'three and some more text'\n}");
