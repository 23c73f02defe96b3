// console.time/timeEnd print "label: N.NNNms"; console.dir ignores custom inspect and honours depth.
import assert from 'node:assert';
import { capture } from './_capture.mjs';
const { c, out } = capture();
c.time('t');
c.timeEnd('t');
assert.match(out[0], /^t: \d+(\.\d+)?ms\n$/);
const obj = { [Symbol.for('nodejs.util.inspect.custom')]: () => 'custom', a: { b: { c: {} } } };
c.dir(obj, { depth: 0 });
assert.strictEqual(out[1], '{\n  a: [Object],\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}\n');
