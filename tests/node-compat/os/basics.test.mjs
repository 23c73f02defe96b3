import assert from 'node:assert';
import os from 'node:os';

assert.strictEqual(os.EOL, '\n');
assert.strictEqual(os.platform(), process.platform);
assert.strictEqual(os.arch(), process.arch);
assert.strictEqual(os.type(), 'Linux');
assert.strictEqual(typeof os.release(), 'string');
assert.strictEqual(typeof os.version(), 'string');
assert.strictEqual(typeof os.machine(), 'string');
assert.ok(['LE', 'BE'].includes(os.endianness()));
assert.strictEqual(os.devNull, '/dev/null');
