import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect(new Date(0)), '1970-01-01T00:00:00.000Z');
assert.strictEqual(util.inspect(new Date(NaN)), 'Invalid Date');
assert.strictEqual(util.inspect(/ab+c/gi), '/ab+c/gi');
assert.strictEqual(util.inspect(Object.assign(/x/, { k: 1 })), '/x/ { k: 1 }');
assert.strictEqual(util.inspect([Object(1), Object('ab'), Object(true), Object(2n), Object(Symbol('s'))]),
  "[\n  [Number: 1],\n  [String: 'ab'],\n  [Boolean: true],\n  [BigInt: 2n],\n  [Symbol: Symbol(s)]\n]");
assert.strictEqual(util.inspect(new String('xy')), "[String: 'xy']");
