// pause()/resume()/isPaused() and readableFlowing through the modes; 'pause'/'resume' events.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const r = new Readable({ read() {} });
const events = [];
assert.strictEqual(r.readableFlowing, null);
assert.strictEqual(r.isPaused(), false);
r.on('pause', () => events.push('pause'));
r.on('resume', () => events.push('resume'));
r.on('data', (c) => events.push(`data:${c}`));
assert.strictEqual(r.readableFlowing, true);
r.pause();
assert.strictEqual(r.readableFlowing, false);
assert.strictEqual(r.isPaused(), true);
r.push('x');
setTimeout(() => {
  // The resume scheduled by on('data') still emits 'resume' on its tick, but no data flows.
  assert.deepStrictEqual(events, ['pause', 'resume']);
  r.resume();
  assert.strictEqual(r.isPaused(), false);
  setTimeout(() => {
    assert.deepStrictEqual(events, ['pause', 'resume', 'resume', 'data:x']);
  }, 5);
}, 5);
