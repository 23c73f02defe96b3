// events.once honours an AbortSignal and works with EventTarget.
import assert from 'node:assert';
import { EventEmitter, once } from 'node:events';

const e = new EventEmitter();
const ac = new AbortController();
const p = once(e, 'never', { signal: ac.signal });
ac.abort();
await assert.rejects(p, { name: 'AbortError', code: 'ABORT_ERR' });
assert.strictEqual(e.listenerCount('never'), 0);

await assert.rejects(once(e, 'x', { signal: AbortSignal.abort() }), { name: 'AbortError' });
await assert.rejects(once(e, 'x', { signal: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });

const target = new EventTarget();
setTimeout(() => target.dispatchEvent(new Event('ping')), 1);
const [event] = await once(target, 'ping');
assert.strictEqual(event.type, 'ping');
