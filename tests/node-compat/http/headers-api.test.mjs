// The OutgoingMessage headers API without a socket.
import assert from 'node:assert';
import http from 'node:http';

const res = new http.ServerResponse(new http.IncomingMessage(null));
res.setHeader('Content-Type', 'text/plain');
res.setHeader('X-List', ['a', 'b']);
assert.strictEqual(res.getHeader('content-type'), 'text/plain');
assert.deepStrictEqual(res.getHeaderNames(), ['content-type', 'x-list']);
assert.strictEqual(res.hasHeader('X-LIST'), true);
res.removeHeader('x-list');
assert.strictEqual(res.hasHeader('x-list'), false);
assert.strictEqual(res.headersSent, false);
assert.strictEqual(res.statusCode, 200);
assert.throws(() => res.setHeader('bad header', 'x'), { code: 'ERR_INVALID_HTTP_TOKEN' });
