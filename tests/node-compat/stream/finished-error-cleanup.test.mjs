// finished() reports the stream's error; the returned cleanup removes its listeners.
import assert from 'node:assert';
import { finished } from 'node:stream/promises';
import { finished as finishedCb, PassThrough } from 'node:stream';

const s = new PassThrough();
const p = finished(s);
s.destroy(new Error('oops'));
await assert.rejects(p, { message: 'oops' });

const t = new PassThrough();
const before = t.listenerCount('end');
const cleanup = finishedCb(t, () => assert.fail('should not be called'));
assert.ok(t.listenerCount('end') > before);
cleanup();
assert.strictEqual(t.listenerCount('end'), before);
t.resume();
t.end();
