// captureRejections routes rejected async listeners to 'error' or Symbol.for('nodejs.rejection').
import assert from 'node:assert';
import { EventEmitter, captureRejectionSymbol } from 'node:events';

const e = new EventEmitter({ captureRejections: true });
e.on('work', async () => { throw new Error('async fail'); });
const got = await new Promise((resolve) => {
  e.on('error', resolve);
  e.emit('work');
});
assert.strictEqual(got.message, 'async fail');

const e2 = new EventEmitter({ captureRejections: true });
const res = await new Promise((resolve) => {
  e2[captureRejectionSymbol] = (err, name, ...args) => resolve([err.message, name, args]);
  e2.on('job', async () => { throw new Error('nope'); });
  e2.emit('job', 1, 2);
});
assert.deepStrictEqual(res, ['nope', 'job', [1, 2]]);

assert.throws(() => new EventEmitter({ captureRejections: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });
