// addEventListener({ signal }): aborting removes the listener; an aborted signal never adds it
import assert from 'node:assert';

const t = new EventTarget();
const ac = new AbortController();
let n = 0;
t.addEventListener('x', () => n++, { signal: ac.signal });
t.dispatchEvent(new Event('x'));
ac.abort();
t.dispatchEvent(new Event('x'));
assert.strictEqual(n, 1);

let m = 0;
t.addEventListener('x', () => m++, { signal: AbortSignal.abort() });
t.dispatchEvent(new Event('x'));
assert.strictEqual(m, 0);
