// Thousands of messages each way: lines split across reads and writes arrive whole and in order.
import assert from 'node:assert';
import { fork } from 'node:child_process';

const N = 5000;
const fixture = new URL('./fixtures/ipc-child.cjs', import.meta.url);

// Parent -> child.
const counter = fork(fixture, ['count']);
let expectedSum = 0;
for (let i = 0; i < N; i++) {
  counter.send({ i, pad: 'y'.repeat(i % 100) });
  expectedSum += i;
}
counter.send('done');
counter.on('message', (m) => {
  assert.deepStrictEqual(m, { count: N, sum: expectedSum });
  counter.disconnect();
});

// Child -> parent: a burst, then the child ends by itself.
const burst = fork(fixture, ['burst', String(N)]);
const seen = [];
burst.on('message', (m) => seen.push(m.i));
const closed = [];
counter.on('exit', (code) => closed.push(`counter:${code}`));
burst.on('close', (code) => {
  closed.push(`burst:${code}`);
  assert.strictEqual(seen.length, N);
  for (let i = 0; i < N; i++) assert.strictEqual(seen[i], i);
});
process.on('exit', () => {
  assert.deepStrictEqual(closed.sort(), ['burst:0', 'counter:0']);
});
