// addEventListener options: once, capture (separate registrations), listeners added mid-dispatch
import assert from 'node:assert';

const t = new EventTarget();
let n = 0;
t.addEventListener('x', () => n++, { once: true });
t.dispatchEvent(new Event('x'));
t.dispatchEvent(new Event('x'));
assert.strictEqual(n, 1);

const log = [];
const fn = () => log.push('fn');
t.addEventListener('y', fn, true);
t.addEventListener('y', fn, { capture: false });
t.dispatchEvent(new Event('y'));
assert.deepStrictEqual(log, ['fn', 'fn']);
t.removeEventListener('y', fn, { capture: true });
t.dispatchEvent(new Event('y'));
assert.deepStrictEqual(log, ['fn', 'fn', 'fn']);
t.removeEventListener('y', fn);
t.dispatchEvent(new Event('y'));
assert.strictEqual(log.length, 3);

// Node: a listener appended while the last listener runs is not called in
// that dispatch, but one appended behind a still-pending listener is.
let late = 0;
t.addEventListener('z', () => t.addEventListener('z', () => late++));
t.dispatchEvent(new Event('z'));
assert.strictEqual(late, 0);
t.dispatchEvent(new Event('z'));
assert.strictEqual(late, 2);

