// What a forked child sees: process.connected, process.channel (ref/unref), process.send and
// process.disconnect, and no channel variable left in its environment. Without a 'message'
// listener the channel does not keep the child alive: it exits by itself.
import assert from 'node:assert';
import { fork } from 'node:child_process';

const child = fork(new URL('./fixtures/ipc-child.cjs', import.meta.url), ['info'], {
  env: { ...process.env },
});
let info;
child.on('message', (m) => { info = m; });
child.on('exit', (code) => {
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(info, {
    connected: true,
    channel: 'object',
    ref: 'function',
    unref: 'function',
    send: 'function',
    disconnect: 'function',
    channelEnv: null,
  });
});
// This process was not forked: it has no channel.
assert.strictEqual(process.send, undefined);
assert.strictEqual(process.channel, undefined);
assert.strictEqual(process.connected, undefined);
