import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect([]), '[]');
assert.strictEqual(util.inspect([1, 2, 3]), '[ 1, 2, 3 ]');
assert.strictEqual(util.inspect([, 1, , , 2]), '[ <1 empty item>, 1, <2 empty items>, 2 ]');
assert.strictEqual(util.inspect(Object.assign([1, 2], { foo: 'bar' })), "[ 1, 2, foo: 'bar' ]");
// More than 100 items
const big = util.inspect(new Array(120).fill(0));
assert.ok(big.endsWith('... 20 more items\n]'), big);
assert.strictEqual(util.inspect([1, 2, 3, 4, 5], { maxArrayLength: 2 }), '[ 1, 2, ... 3 more items ]');
// Numbers are grouped in right-aligned columns.
assert.strictEqual(util.inspect(Array.from({ length: 30 }, (_, i) => i * 100)), [
  '[',
  '     0,  100,  200,  300,  400,  500,',
  '   600,  700,  800,  900, 1000, 1100,',
  '  1200, 1300, 1400, 1500, 1600, 1700,',
  '  1800, 1900, 2000, 2100, 2200, 2300,',
  '  2400, 2500, 2600, 2700, 2800, 2900',
  ']',
].join('\n'));
// Strings are grouped left-aligned.
assert.strictEqual(util.inspect('the quick brown fox jumps over the lazy dog and then some more words here'.split(' ')), [
  '[',
  "  'the',  'quick', 'brown',",
  "  'fox',  'jumps', 'over',",
  "  'the',  'lazy',  'dog',",
  "  'and',  'then',  'some',",
  "  'more', 'words', 'here'",
  ']',
].join('\n'));
