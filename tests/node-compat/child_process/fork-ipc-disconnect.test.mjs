// disconnect() from either side: the other side gets 'disconnect', connected turns false, a
// second disconnect() is an ERR_IPC_DISCONNECTED 'error' event, and the child can end.
import assert from 'node:assert';
import { fork } from 'node:child_process';

const fixture = new URL('./fixtures/ipc-child.cjs', import.meta.url);
const results = [];

// The parent disconnects: the child sees 'disconnect' and exits 5.
const a = fork(fixture, ['wait-disconnect']);
a.on('message', (m) => {
  assert.strictEqual(m, 'ready');
  a.disconnect();
  assert.strictEqual(a.connected, false);
  assert.strictEqual(a.channel, null);
  a.once('error', (err) => {
    assert.strictEqual(err.code, 'ERR_IPC_DISCONNECTED');
    assert.strictEqual(err.message, 'IPC channel is already disconnected');
    results.push('a:error');
  });
  a.disconnect();
});
a.on('disconnect', () => results.push('a:disconnect'));
a.on('exit', (code) => results.push(`a:exit:${code}`));

// The child disconnects: the parent sees 'disconnect'; the child's later send fails (exit 0).
const b = fork(fixture, ['child-disconnects']);
b.on('message', (m) => results.push(`b:message:${m}`));
b.on('disconnect', () => results.push(`b:disconnect:${b.connected}`));
b.on('exit', (code) => results.push(`b:exit:${code}`));

process.on('exit', () => {
  const of = (p) => results.filter((r) => r.startsWith(p));
  assert.deepStrictEqual(of('a:'), ['a:error', 'a:disconnect', 'a:exit:5']);
  assert.deepStrictEqual(of('b:'), ['b:message:hello', 'b:disconnect:false', 'b:exit:0']);
});
