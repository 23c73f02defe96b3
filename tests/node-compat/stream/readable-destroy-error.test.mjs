// destroy(err): _destroy runs synchronously, then 'error' and 'close' on later ticks.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const events = [];
const err = new Error('boom');
const r = new Readable({
  read() {},
  destroy(e, cb) {
    events.push(`_destroy:${e.message}`);
    cb(e);
  },
});
r.on('error', (e) => {
  events.push(`error:${e.message}`);
  assert.strictEqual(r.errored, err);
});
r.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['_destroy:boom', 'sync-end', 'error:boom', 'close']);
});
r.destroy(err);
assert.strictEqual(r.destroyed, true);
events.push('sync-end');
// A second destroy is a no-op.
r.destroy(new Error('ignored'));
