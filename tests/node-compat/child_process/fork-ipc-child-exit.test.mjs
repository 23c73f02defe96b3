// A child that sends and exits: its messages arrive, then 'disconnect', 'exit' (code) and
// 'close', in Node's order; send() afterwards reports ERR_IPC_CHANNEL_CLOSED.
import assert from 'node:assert';
import { fork } from 'node:child_process';

const child = fork(new URL('./fixtures/ipc-child.cjs', import.meta.url), ['send-exit']);
const events = [];
child.on('message', (m) => events.push(`message:${JSON.stringify(m)}`));
child.on('disconnect', () => events.push('disconnect'));
child.on('exit', (code, signal) => events.push(`exit:${code}:${signal}`));
child.on('close', (code) => {
  events.push(`close:${code}`);
  assert.deepStrictEqual(events, [
    'message:"first"',
    'message:{"second":[1,2,3]}',
    'disconnect',
    'exit:7:null',
    'close:7',
  ]);
  assert.strictEqual(child.connected, false);
  const ret = child.send('anyone?', (err) => {
    assert.strictEqual(err.code, 'ERR_IPC_CHANNEL_CLOSED');
    assert.strictEqual(err.message, 'Channel closed');
    // Without a callback the error is an 'error' event.
    child.once('error', (e) => {
      assert.strictEqual(e.code, 'ERR_IPC_CHANNEL_CLOSED');
      events.push('error');
    });
    child.send('still?');
  });
  assert.strictEqual(ret, false);
});
process.on('exit', () => assert.strictEqual(events.at(-1), 'error'));
