// console.log formats like util.format: %s/%d/%j/%o, objects via inspect, extra args joined.
import assert from 'node:assert';
import { capture } from './_capture.mjs';
const { c, text } = capture();
c.log('a %s b %d c %j', 'x', 42, { k: 1 }, 'extra');
c.log({ a: 1, nested: { deep: { deeper: { deepest: 1 } } } }, [1, 'two']);
c.log(new Map([['k', 1]]), new Set([1]), null, undefined, 5n, Symbol('s'));
assert.strictEqual(text(), [
  "a x b 42 c {\"k\":1} extra\n",
  "{ a: 1, nested: { deep: { deeper: [Object] } } } [ 1, 'two' ]\n",
  "Map(1) { 'k' => 1 } Set(1) { 1 } null undefined 5n Symbol(s)\n",
].join(''));
