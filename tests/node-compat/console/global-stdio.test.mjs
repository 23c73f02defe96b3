// The global console writes through process.stdout / process.stderr: a replaced `write` sees
// every console line (atoll writes to the fds directly only until node:process has loaded).
import assert from 'node:assert';

const out = [];
const err = [];
const { stdout, stderr } = globalThis.process;
const origOut = stdout.write;
const origErr = stderr.write;
stdout.write = function write(chunk) { out.push(String(chunk)); return true; };
stderr.write = function write(chunk) { err.push(String(chunk)); return true; };
try {
  console.log('plain');
  console.info('a %d', 1, { k: [2] });
  console.error('to stderr');
  console.warn({ w: true });
} finally {
  stdout.write = origOut;
  stderr.write = origErr;
}
assert.deepStrictEqual(out, ['plain\n', 'a 1 { k: [ 2 ] }\n']);
assert.deepStrictEqual(err, ['to stderr\n', '{ w: true }\n']);
// Detached methods still reach the same streams.
const { log } = console;
const seen = [];
stdout.write = function write(chunk) { seen.push(String(chunk)); return true; };
try { log('detached'); } finally { stdout.write = origOut; }
assert.deepStrictEqual(seen, ['detached\n']);
