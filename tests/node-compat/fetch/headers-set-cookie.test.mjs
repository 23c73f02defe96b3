// Headers: set-cookie values stay separate in iteration and getSetCookie(), joined by get()
import assert from 'node:assert';

const h = new Headers();
assert.deepStrictEqual(h.getSetCookie(), []);
h.append('Set-Cookie', 'a=1; Path=/');
h.append('set-cookie', 'b=2');
h.append('x', 'y');
assert.deepStrictEqual(h.getSetCookie(), ['a=1; Path=/', 'b=2']);
assert.strictEqual(h.get('set-cookie'), 'a=1; Path=/, b=2');
assert.deepStrictEqual([...h], [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2'], ['x', 'y']]);
