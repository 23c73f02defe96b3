// construct() runs on the next tick; reads and writes wait until it calls back.
import assert from 'node:assert';
import { Readable, Writable } from 'node:stream';

const events = [];
const w = new Writable({
  construct(cb) {
    events.push('construct');
    setTimeout(() => {
      events.push('constructed');
      cb();
    }, 5);
  },
  write(chunk, enc, cb) {
    events.push(`write:${chunk}`);
    cb();
  },
});
w.write('early');
events.push('after-write');
w.end(() => {
  assert.deepStrictEqual(events, ['after-write', 'construct', 'constructed', 'write:early']);
});

const r = new Readable({
  construct(cb) { cb(new Error('no resource')); },
  read() { assert.fail('_read must not run'); },
});
r.on('error', (err) => assert.strictEqual(err.message, 'no resource'));
r.resume();
