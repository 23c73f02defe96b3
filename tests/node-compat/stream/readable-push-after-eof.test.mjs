// push() after push(null) errors with ERR_STREAM_PUSH_AFTER_EOF, then 'close'.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const events = [];
const r = new Readable({ read() {} });
r.on('error', (err) => {
  events.push(`error:${err.code}`);
  assert.strictEqual(err.message, 'stream.push() after EOF');
});
r.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['error:ERR_STREAM_PUSH_AFTER_EOF', 'close']);
});
r.push(null);
r.push('late');
