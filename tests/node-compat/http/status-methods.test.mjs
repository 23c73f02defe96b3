import assert from 'node:assert';
import http from 'node:http';

assert.strictEqual(http.STATUS_CODES[404], 'Not Found');
assert.strictEqual(http.STATUS_CODES[418], "I'm a Teapot");
assert.ok(http.METHODS.includes('GET'));
assert.ok(http.METHODS.includes('PATCH'));
assert.deepStrictEqual([...http.METHODS].sort(), http.METHODS);
assert.throws(() => http.validateHeaderName('bad name'), { code: 'ERR_INVALID_HTTP_TOKEN' });
assert.throws(() => http.validateHeaderValue('x', 'a\nb'), { code: 'ERR_INVALID_CHAR' });
