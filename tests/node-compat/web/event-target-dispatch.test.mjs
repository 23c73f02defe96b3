// EventTarget.dispatchEvent: listener order, this/target/currentTarget, handleEvent, return value
import assert from 'node:assert';

const target = new EventTarget();
const calls = [];
function first(ev) {
  calls.push('first');
  assert.strictEqual(this, target);
  assert.strictEqual(ev.target, target);
  assert.strictEqual(ev.currentTarget, target);
  assert.strictEqual(ev.eventPhase, 2);
  assert.deepStrictEqual(ev.composedPath(), [target]);
}
const obj = {
  handleEvent(ev) {
    calls.push('handleEvent');
    assert.strictEqual(this, obj);
    ev.preventDefault();
  },
};
target.addEventListener('go', first);
target.addEventListener('go', first); // duplicate ignored
target.addEventListener('go', obj);
target.addEventListener('other', () => calls.push('other'));

const ev = new Event('go', { cancelable: true });
assert.strictEqual(target.dispatchEvent(ev), false);
assert.deepStrictEqual(calls, ['first', 'handleEvent']);
assert.strictEqual(ev.currentTarget, null);
assert.strictEqual(ev.target, target);
assert.strictEqual(ev.eventPhase, 0);

target.removeEventListener('go', obj);
assert.strictEqual(target.dispatchEvent(new Event('go', { cancelable: true })), true);
assert.deepStrictEqual(calls, ['first', 'handleEvent', 'first']);
assert.throws(() => target.dispatchEvent({ type: 'go' }), { name: 'TypeError' });
