// Response.clone: both copies read the full body (tee for streams); clone after use throws
import assert from 'node:assert';

const r = new Response('twice', { headers: { a: 'b' } });
const c = r.clone();
assert.strictEqual(c.headers.get('a'), 'b');
assert.strictEqual(await r.text(), 'twice');
assert.strictEqual(await c.text(), 'twice');
assert.throws(() => r.clone(), { name: 'TypeError' });

const s = new Response(ReadableStream.from([new TextEncoder().encode('str'), new TextEncoder().encode('eam')]));
const sc = s.clone();
assert.deepStrictEqual(await Promise.all([s.text(), sc.text()]), ['stream', 'stream']);
