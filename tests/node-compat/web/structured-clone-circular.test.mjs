// structuredClone preserves circular and shared references
import assert from 'node:assert';

const o = { name: 'o' };
o.self = o;
const shared = { s: 1 };
o.list = [shared, shared];
const m = new Map();
m.set('me', m);
o.m = m;
const c = structuredClone(o);
assert.notStrictEqual(c, o);
assert.strictEqual(c.self, c);
assert.strictEqual(c.list[0], c.list[1]);
assert.notStrictEqual(c.list[0], shared);
assert.strictEqual(c.m.get('me'), c.m);
