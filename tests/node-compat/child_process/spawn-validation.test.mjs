// Argument validation happens before anything is spawned (or any permission check).
import assert from 'node:assert';
import { spawn, spawnSync, exec, execFile } from 'node:child_process';

assert.throws(() => spawn(123), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => spawn(''), { code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'file' cannot be empty. Received ''" });
assert.throws(() => spawn('echo', 'nope'), { code: 'ERR_INVALID_ARG_TYPE', message: /The "args" argument must be of type object/ });
assert.throws(() => spawn('echo', ['a\u0000b']), { code: 'ERR_INVALID_ARG_VALUE', message: /must be a string without null bytes/ });
assert.throws(() => spawn('echo', [], { stdio: 'bogus' }), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => spawn('echo', [], { timeout: -1 }), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => spawn('echo', [], { killSignal: 'SIGNOPE' }), { code: 'ERR_UNKNOWN_SIGNAL', name: 'TypeError' });
assert.throws(() => spawn('echo', [], { shell: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => spawn('echo', [], { uid: 1.5 }), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => spawnSync('echo', [], { maxBuffer: -1 }), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => exec(42), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => execFile('echo', [], {}, 'not a function'), { code: 'ERR_INVALID_ARG_TYPE' });
