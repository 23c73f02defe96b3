import assert from 'node:assert';
import util from 'node:util';

const o = { get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} };
assert.strictEqual(util.inspect(o), '{ a: [Getter], b: [Setter], c: [Getter/Setter] }');
assert.strictEqual(util.inspect({ get a() { return { x: 1 }; }, get b() { return 2; } }, { getters: true }),
  '{ a: [Getter] { x: 1 }, b: [Getter: 2] }');
assert.strictEqual(util.inspect({ get a() { return null; } }, { getters: true }), '{ a: [Getter: null] }');
assert.strictEqual(util.inspect({ get a() { throw new Error('no'); } }, { getters: true }),
  '{ a: [Getter: <Inspection threw (no)>] }');
