// Response body readers: text/json/arrayBuffer/blob/body stream, bodyUsed, reading twice rejects
import assert from 'node:assert';

const r = new Response('{"a":1}');
assert.strictEqual(r.bodyUsed, false);
assert.strictEqual(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
assert.deepStrictEqual(await r.json(), { a: 1 });
assert.strictEqual(r.bodyUsed, true);
await assert.rejects(r.text(), { name: 'TypeError' });

const bytes = new Response(new Uint8Array([104, 105]));
assert.strictEqual(bytes.headers.get('content-type'), null);
const ab = await bytes.arrayBuffer();
assert.ok(ab instanceof ArrayBuffer);
assert.deepStrictEqual([...new Uint8Array(ab)], [104, 105]);

const blob = await new Response(new Blob(['xyz'], { type: 'text/x' })).blob();
assert.strictEqual(blob.type, 'text/x');
assert.strictEqual(await blob.text(), 'xyz');

const streamed = new Response(new ReadableStream({
  start(c) {
    c.enqueue(new TextEncoder().encode('st'));
    c.enqueue(new TextEncoder().encode('ream'));
    c.close();
  },
}));
assert.ok(streamed.body instanceof ReadableStream);
assert.strictEqual(await streamed.text(), 'stream');

const viaBody = new Response('abc');
const chunks = [];
for await (const c of viaBody.body) chunks.push(...c);
assert.deepStrictEqual(chunks, [97, 98, 99]);
assert.strictEqual(viaBody.bodyUsed, true);
assert.strictEqual(new Response(null).body, null);
assert.strictEqual(await new Response().text(), '');
