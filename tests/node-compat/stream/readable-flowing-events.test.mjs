// Flowing mode: 'data' for each chunk, then 'end', then 'close' (autoDestroy).
import assert from 'node:assert';
import { Readable } from 'node:stream';

const events = [];
const r = new Readable({ read() {} });
r.on('data', (c) => events.push(`data:${c}`));
r.on('end', () => events.push('end'));
r.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['data:a', 'data:b', 'end', 'close']);
  assert.strictEqual(r.readableEnded, true);
  assert.strictEqual(r.destroyed, true);
  assert.strictEqual(r.closed, true);
});
r.push('a');
r.push('b');
r.push(null);
