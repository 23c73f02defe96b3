// Request: absolute URL required, method normalisation, body rules for GET, clone, init from a Request
import assert from 'node:assert';

const r = new Request('http://example.com/a?b=1', { method: 'post', body: 'hi', headers: { 'X-Y': 'z' } });
assert.strictEqual(r.method, 'POST');
assert.strictEqual(r.url, 'http://example.com/a?b=1');
assert.strictEqual(r.headers.get('x-y'), 'z');
assert.strictEqual(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
assert.strictEqual(r.redirect, 'follow');
assert.ok(r.signal instanceof AbortSignal);
const c = r.clone();
assert.strictEqual(await c.text(), 'hi');
assert.strictEqual(await r.text(), 'hi');

assert.strictEqual(new Request('http://x/', { method: 'patch' }).method, 'patch');
assert.strictEqual(new Request('http://x/', { method: 'delete' }).method, 'DELETE');
assert.strictEqual(new Request('http://x/', { method: 'custom' }).method, 'custom');
assert.throws(() => new Request('/relative'), { name: 'TypeError' });
assert.throws(() => new Request('http://x/', { body: 'no' }), { name: 'TypeError' });
assert.throws(() => new Request('http://x/', { method: 'CONNECT' }), { name: 'TypeError' });
assert.throws(() => new Request('http://x/', { redirect: 'sometimes' }), { name: 'TypeError' });

const base = new Request('http://x/p', { method: 'PUT', body: 'payload' });
const derived = new Request(base, { headers: { h: '1' } });
assert.strictEqual(derived.method, 'PUT');
assert.strictEqual(derived.url, 'http://x/p');
assert.strictEqual(derived.headers.get('h'), '1');
assert.strictEqual(await derived.text(), 'payload');

const ac = new AbortController();
const withSignal = new Request('http://x/', { signal: ac.signal });
ac.abort('stop');
assert.strictEqual(withSignal.signal.aborted, true);
assert.strictEqual(withSignal.signal.reason, 'stop');
