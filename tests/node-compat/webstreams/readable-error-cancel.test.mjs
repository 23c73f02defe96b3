// ReadableStream: controller.error rejects reads and closed; cancel reaches the source and resolves
import assert from 'node:assert';

const boom = new Error('boom');
const errored = new ReadableStream({ start(c) { c.error(boom); } });
const r = errored.getReader();
await assert.rejects(r.read(), (e) => e === boom);
await assert.rejects(r.closed, (e) => e === boom);

let reason;
const rs = new ReadableStream({
  pull(c) { c.enqueue(1); },
  cancel(why) { reason = why; },
});
await rs.cancel('stop');
assert.strictEqual(reason, 'stop');
const r2 = rs.getReader();
assert.deepStrictEqual(await r2.read(), { value: undefined, done: true });

const locked = new ReadableStream();
locked.getReader();
await assert.rejects(locked.cancel(), { name: 'TypeError' });
