// Listeners run in registration order; prependListener puts one first.
import assert from 'node:assert';
import EventEmitter from 'node:events';

const e = new EventEmitter();
const calls = [];
e.on('x', (v) => calls.push(`a${v}`));
e.addListener('x', (v) => calls.push(`b${v}`));
e.prependListener('x', (v) => calls.push(`p${v}`));
assert.strictEqual(e.emit('x', 1), true);
assert.deepStrictEqual(calls, ['p1', 'a1', 'b1']);
assert.strictEqual(e.emit('nothing'), false);

// `this` is the emitter and all arguments are passed.
e.on('args', function (...args) {
  assert.strictEqual(this, e);
  assert.deepStrictEqual(args, [1, 'two', null]);
  calls.push('args');
});
e.emit('args', 1, 'two', null);
assert.strictEqual(calls.at(-1), 'args');
