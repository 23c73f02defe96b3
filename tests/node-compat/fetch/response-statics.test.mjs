// Response.json / Response.error / Response.redirect, status/ok/statusText, invalid status
import assert from 'node:assert';

const j = Response.json({ x: [1] }, { status: 201, headers: { 'x-h': 'v' } });
assert.strictEqual(j.status, 201);
assert.strictEqual(j.ok, true);
assert.strictEqual(j.headers.get('content-type'), 'application/json');
assert.strictEqual(j.headers.get('x-h'), 'v');
assert.strictEqual(await j.text(), '{"x":[1]}');

const e = Response.error();
assert.strictEqual(e.type, 'error');
assert.strictEqual(e.status, 0);
assert.strictEqual(e.ok, false);

const r = Response.redirect('http://example.com/next', 307);
assert.strictEqual(r.status, 307);
assert.strictEqual(r.headers.get('location'), 'http://example.com/next');
assert.throws(() => Response.redirect('http://example.com/', 200), { name: 'RangeError' });

const plain = new Response('x', { status: 404, statusText: 'Nope' });
assert.strictEqual(plain.ok, false);
assert.strictEqual(plain.statusText, 'Nope');
assert.strictEqual(plain.type, 'default');
assert.strictEqual(plain.url, '');
assert.strictEqual(plain.redirected, false);
assert.throws(() => new Response('x', { status: 99 }), { name: 'RangeError' });
assert.throws(() => new Response('x', { status: 204 }), { name: 'TypeError' });
