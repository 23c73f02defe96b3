import assert from 'node:assert';
import util from 'node:util';

// Objects longer than breakLength (80) go one property per line.
assert.strictEqual(
  util.inspect({ aaaaaaaa: 1, bbbbbbbbbbb: 'x'.repeat(20), ccccccccc: [1, 2, 3], ddddddd: { e: 1 }, fffff: null }),
  "{\n  aaaaaaaa: 1,\n  bbbbbbbbbbb: 'xxxxxxxxxxxxxxxxxxxx',\n  ccccccccc: [ 1, 2, 3 ],\n  ddddddd: { e: 1 },\n  fffff: null\n}");
// Short entries of up to 6 items are never grouped and stay on one line.
assert.strictEqual(util.inspect([{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }]),
  '[ { a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 } ]');
// breakLength option
assert.strictEqual(util.inspect({ a: 'x'.repeat(30), b: 'y'.repeat(30) }, { breakLength: 40 }),
  `{\n  a: '${'x'.repeat(30)}',\n  b: '${'y'.repeat(30)}'\n}`);
// compact: 3 keeps up to three inner levels on one line
assert.strictEqual(util.inspect({ a: { b: { c: {} } } }), '{ a: { b: { c: {} } } }');
assert.strictEqual(util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 5 }),
  '{\n  a: { b: { c: { d: 1 } } }\n}');
