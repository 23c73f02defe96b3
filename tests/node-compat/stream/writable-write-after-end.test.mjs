// write() after end(): callback and 'error' get ERR_STREAM_WRITE_AFTER_END; write returns false.
import assert from 'node:assert';
import { Writable } from 'node:stream';

const events = [];
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on('error', (err) => events.push(`error:${err.code}`));
w.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['cb:ERR_STREAM_WRITE_AFTER_END', 'error:ERR_STREAM_WRITE_AFTER_END', 'close']);
});
w.end();
const ret = w.write('late', (err) => {
  events.push(`cb:${err.code}`);
  assert.strictEqual(err.message, 'write after end');
});
assert.strictEqual(ret, false);
