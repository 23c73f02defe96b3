// atob/btoa from node:buffer, including InvalidCharacterError cases.
import assert from 'node:assert';
import { atob, btoa } from 'node:buffer';

assert.strictEqual(btoa('hello'), 'aGVsbG8=');
assert.strictEqual(btoa('\u00ff\u0000'), '/wA=');
assert.strictEqual(atob('aGVsbG8='), 'hello');
assert.strictEqual(atob('aGVs bG8'), 'hello');
assert.strictEqual(atob(' /wA= '), '\u00ff\u0000');
assert.strictEqual(atob(''), '');

const invalid = { name: 'InvalidCharacterError' };
assert.throws(() => btoa('€'), invalid);
assert.throws(() => atob('a'), invalid); // length % 4 == 1
assert.throws(() => atob('a*bc'), invalid);
assert.throws(() => atob('ab=c'), invalid);
assert.throws(() => atob('ab==='), invalid);
assert.throws(() => atob('abc=='), invalid);
assert.throws(() => atob('aGVsbG8-'), invalid); // base64url alphabet is not allowed
assert.throws(() => atob(), { code: 'ERR_MISSING_ARGS' });
assert.throws(() => btoa(), { code: 'ERR_MISSING_ARGS' });
