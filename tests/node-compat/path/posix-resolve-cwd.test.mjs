// path.resolve with relative input (or none) starts from process.cwd()
import assert from 'node:assert';
import path from 'node:path';

const cwd = globalThis.process.cwd();
assert.strictEqual(path.resolve(), cwd);
assert.strictEqual(path.resolve(''), cwd);
assert.strictEqual(path.resolve('.'), cwd);
assert.strictEqual(path.resolve('a', 'b'), cwd === '/' ? '/a/b' : `${cwd}/a/b`);
assert.strictEqual(path.posix.resolve('a/../..'), path.posix.dirname(cwd));
assert.strictEqual(path.relative('', cwd), '');
assert.strictEqual(path.relative(cwd, ''), '');
