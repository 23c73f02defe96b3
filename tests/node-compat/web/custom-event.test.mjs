// CustomEvent carries detail (null by default) and is an Event
import assert from 'node:assert';

const detail = { a: 1 };
const e = new CustomEvent('c', { detail, cancelable: true });
assert.ok(e instanceof Event);
assert.strictEqual(e.detail, detail);
assert.strictEqual(e.cancelable, true);
assert.strictEqual(new CustomEvent('c').detail, null);
const t = new EventTarget();
let got;
t.addEventListener('c', (ev) => { got = ev.detail; });
t.dispatchEvent(e);
assert.strictEqual(got, detail);
