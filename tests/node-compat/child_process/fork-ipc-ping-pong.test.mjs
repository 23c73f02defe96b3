// fork() with the IPC channel: messages of every JSON type go out with send() and come back
// through the child's process.send(), in order; connected/channel on both ends.
import assert from 'node:assert';
import { fork } from 'node:child_process';

const child = fork(new URL('./fixtures/ipc-child.cjs', import.meta.url), ['echo']);
assert.strictEqual(child.connected, true);
assert.strictEqual(typeof child.channel, 'object');
assert.strictEqual(typeof child.channel.ref, 'function');
assert.strictEqual(typeof child.channel.fd, 'number');
assert.strictEqual(child.stdio.length, 4);
assert.strictEqual(child.stdio[3], null);

const sent = [
  'ping',
  42,
  -0.5,
  true,
  null,
  [1, 'two', { three: 3 }],
  { nested: { deep: ['a', { b: null }] }, unicode: 'héllo ✓ 😀', newline: 'a\nb\r\nc\u2028' },
  { big: 'x'.repeat(200000) },
  '',
];
const got = [];
let callbacks = 0;
child.on('message', (m) => {
  got.push(m.echo);
  if (got.length === sent.length) child.disconnect();
});
for (const m of sent) {
  assert.strictEqual(typeof child.send(m, (err) => { assert.ifError(err); callbacks++; }), 'boolean');
}
const events = [];
child.on('disconnect', () => events.push(`disconnect:${child.connected}`));
child.on('exit', (code, signal) => events.push(`exit:${code}:${signal}`));
process.on('exit', () => {
  assert.strictEqual(callbacks, sent.length);
  assert.deepStrictEqual(got, sent);
  assert.deepStrictEqual(events, ['disconnect:false', 'exit:0:null']);
  assert.strictEqual(child.connected, false);
  assert.strictEqual(child.channel, null);
});
