import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.stripVTControlCharacters('\u001b[31mred\u001b[39m'), 'red');
assert.strictEqual(util.toUSVString('a\ud800b'), 'a\ufffdb');
assert.strictEqual(util.getSystemErrorName(-2), 'ENOENT');
assert.strictEqual(util.getSystemErrorName(-13), 'EACCES');
assert.strictEqual(util.isArray([]), true);
assert.deepStrictEqual([...new util.TextEncoder().encode('hi')], [104, 105]);
assert.strictEqual(new util.TextDecoder().decode(new Uint8Array([104, 105])), 'hi');
assert.deepStrictEqual(util.getSystemErrorMap().get(-2), ['ENOENT', 'no such file or directory']);
