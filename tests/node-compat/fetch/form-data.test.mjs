// FormData: append/get/getAll/set/delete, Blob entries become Files; multipart and urlencoded
// bodies round-trip through Response.formData()
import assert from 'node:assert';

const fd = new FormData();
fd.append('a', '1');
fd.append('a', '2');
fd.append('file', new Blob(['content'], { type: 'text/plain' }), 'note.txt');
assert.strictEqual(fd.get('a'), '1');
assert.deepStrictEqual(fd.getAll('a'), ['1', '2']);
assert.strictEqual(fd.has('file'), true);
const file = fd.get('file');
assert.ok(file instanceof File);
assert.strictEqual(file.name, 'note.txt');
fd.set('a', '3');
assert.deepStrictEqual(fd.getAll('a'), ['3']);
assert.deepStrictEqual([...fd.keys()], ['a', 'file']);

const res = new Response(fd);
assert.match(res.headers.get('content-type'), /^multipart\/form-data; boundary=/);
const parsed = await res.formData();
assert.strictEqual(parsed.get('a'), '3');
assert.strictEqual(parsed.get('file').name, 'note.txt');
assert.strictEqual(await parsed.get('file').text(), 'content');

const url = await new Response(new URLSearchParams({ q: 'a b', n: '1' })).formData();
assert.deepStrictEqual([...url], [['q', 'a b'], ['n', '1']]);
fd.delete('a');
assert.strictEqual(fd.get('a'), null);
