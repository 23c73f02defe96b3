// IPC argument errors, with Node's codes: send() of undefined or a function, fork() without an
// 'ipc' stdio entry, two 'ipc' entries, 'ipc' in spawnSync, a bad serialization.
import assert from 'node:assert';
import { fork, spawn, spawnSync } from 'node:child_process';

const fixture = new URL('./fixtures/ipc-child.cjs', import.meta.url);

assert.throws(() => fork(fixture, ['echo'], { stdio: ['pipe', 'pipe', 'pipe'] }), {
  code: 'ERR_CHILD_PROCESS_IPC_REQUIRED',
  message: "Forked processes must have an IPC channel, missing value 'ipc' in options.stdio",
});
assert.throws(() => fork(fixture, ['echo'], { serialization: 'xml' }), {
  code: 'ERR_INVALID_ARG_VALUE',
});
assert.throws(() => spawn('true', { stdio: ['pipe', 'pipe', 'pipe', 'ipc', 'ipc'] }), {
  code: 'ERR_IPC_ONE_PIPE',
  message: 'Child process can have only one IPC pipe',
});
assert.throws(() => spawnSync('true', { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }), {
  code: 'ERR_IPC_SYNC_FORK',
  message: 'IPC cannot be used with synchronous forks',
});

const child = fork(fixture, ['echo']);
assert.throws(() => child.send(undefined), { code: 'ERR_MISSING_ARGS' });
assert.throws(() => child.send(() => {}), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => child.send(Symbol('s')), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => child.send('x', null, 'not an object'), { code: 'ERR_INVALID_ARG_TYPE' });
child.send('last');
child.on('message', (m) => {
  assert.deepStrictEqual(m, { echo: 'last' });
  child.send('exit:3');
});
child.on('exit', (code) => assert.strictEqual(code, 3));
