import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect(1), '1');
assert.strictEqual(util.inspect(-0), '-0');
assert.strictEqual(util.inspect(NaN), 'NaN');
assert.strictEqual(util.inspect(10n), '10n');
assert.strictEqual(util.inspect(true), 'true');
assert.strictEqual(util.inspect(undefined), 'undefined');
assert.strictEqual(util.inspect(null), 'null');
assert.strictEqual(util.inspect('abc'), "'abc'");
assert.strictEqual(util.inspect(Symbol('x')), 'Symbol(x)');
assert.strictEqual(util.inspect(Symbol()), 'Symbol()');
assert.strictEqual(util.inspect([1.5, -0, NaN, Infinity, 1e21]), '[ 1.5, -0, NaN, Infinity, 1e+21 ]');
