// Headers: case-insensitive get/has/delete, append joins with ", ", sorted lowercase iteration
import assert from 'node:assert';

const h = new Headers({ 'Content-Type': 'text/plain', 'X-B': '1' });
h.append('x-b', '2');
h.append('X-A', ' padded\t');
assert.strictEqual(h.get('content-type'), 'text/plain');
assert.strictEqual(h.get('X-b'), '1, 2');
assert.strictEqual(h.get('x-a'), 'padded');
assert.strictEqual(h.has('CONTENT-TYPE'), true);
assert.strictEqual(h.get('missing'), null);
assert.deepStrictEqual([...h], [['content-type', 'text/plain'], ['x-a', 'padded'], ['x-b', '1, 2']]);
assert.deepStrictEqual([...h.keys()], ['content-type', 'x-a', 'x-b']);
h.set('X-B', '3');
h.delete('Content-Type');
assert.deepStrictEqual(Object.fromEntries(h), { 'x-a': 'padded', 'x-b': '3' });
const seen = [];
h.forEach((v, k, self) => seen.push([k, v, self === h]));
assert.deepStrictEqual(seen, [['x-a', 'padded', true], ['x-b', '3', true]]);
assert.deepStrictEqual([...new Headers([['a', '1'], ['b', '2']])], [['a', '1'], ['b', '2']]);
assert.deepStrictEqual([...new Headers(h)], [...h]);
assert.throws(() => h.append('bad name', 'x'), { name: 'TypeError' });
assert.throws(() => h.set('x', 'a\nb'), { name: 'TypeError' });
assert.throws(() => new Headers([['only-one']]), { name: 'TypeError' });
