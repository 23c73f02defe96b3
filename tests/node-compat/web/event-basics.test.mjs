// Event: constructor options, defaults, preventDefault only when cancelable
import assert from 'node:assert';

const e = new Event('foo');
assert.strictEqual(e.type, 'foo');
assert.strictEqual(e.bubbles, false);
assert.strictEqual(e.cancelable, false);
assert.strictEqual(e.composed, false);
assert.strictEqual(e.defaultPrevented, false);
assert.strictEqual(e.isTrusted, false);
assert.strictEqual(e.target, null);
assert.strictEqual(e.currentTarget, null);
assert.strictEqual(e.eventPhase, 0);
assert.strictEqual(typeof e.timeStamp, 'number');
assert.deepStrictEqual(e.composedPath(), []);
e.preventDefault();
assert.strictEqual(e.defaultPrevented, false);

const c = new Event('bar', { bubbles: true, cancelable: true, composed: true });
assert.strictEqual(c.bubbles, true);
assert.strictEqual(c.composed, true);
c.preventDefault();
assert.strictEqual(c.defaultPrevented, true);
assert.strictEqual(c.returnValue, false);

assert.strictEqual(Event.NONE, 0);
assert.strictEqual(Event.AT_TARGET, 2);
assert.strictEqual(new Event(1).type, '1');
assert.throws(() => new Event(), { name: 'TypeError' });
