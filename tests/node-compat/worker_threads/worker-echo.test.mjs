// A worker runs a script on its own thread; messages and workerData are structured clones.
import assert from 'node:assert';
import { once } from 'node:events';
import { Worker, isMainThread, threadId, parentPort, workerData } from 'node:worker_threads';

assert.strictEqual(isMainThread, true);
assert.strictEqual(threadId, 0);
assert.strictEqual(parentPort, null);
assert.strictEqual(workerData, null);

const w = new Worker(new URL('./echo-worker.mjs', import.meta.url), {
  workerData: { greeting: 'hi', big: 2n ** 70n, list: [1, 'two', null] },
  argv: ['a', 3],
});
assert.ok(w.threadId > 0);
let online = false;
w.on('online', () => { online = true; });

const [hello] = await once(w, 'message');
assert.strictEqual(hello.kind, 'hello');
assert.strictEqual(hello.isMainThread, false);
assert.strictEqual(hello.threadId, w.threadId);
assert.deepStrictEqual(hello.workerData, { greeting: 'hi', big: 2n ** 70n, list: [1, 'two', null] });
assert.deepStrictEqual(hello.argv, ['a', '3']);
assert.ok(online);

const key = { k: 1 };
const floats = new Float64Array([0.5, -0, NaN, Infinity, 7]).subarray(1, 4);
const payload = {
  map: new Map([[key, 'object key'], ['s', new Set([1, 2, 'x'])]]),
  when: new Date(Date.UTC(2024, 1, 29, 12, 30)),
  bytes: new Uint8Array([0, 1, 254, 255]),
  floats,
  ab: new Uint16Array([1, 65535]).buffer,
  re: /a+b/gi,
  nested: { undef: undefined, neg: -0, nan: NaN, arr: [1, , 3] },
  err: new RangeError('out of range'),
  str: 'üñíçødé ✓ \u0000 end',
};
payload.self = payload;
payload.map.set('back', payload);

w.postMessage(payload);
const [back] = await once(w, 'message');
assert.notStrictEqual(back, payload);
assert.strictEqual(back.self, back, 'cycle kept');
assert.strictEqual(back.map.get('back'), back);
const [[k0, v0]] = back.map;
assert.deepStrictEqual(k0, { k: 1 });
assert.strictEqual(v0, 'object key');
assert.deepStrictEqual(back.map.get('s'), new Set([1, 2, 'x']));
assert.ok(back.when instanceof Date);
assert.strictEqual(back.when.getTime(), payload.when.getTime());
assert.ok(back.bytes instanceof Uint8Array);
assert.deepStrictEqual([...back.bytes], [0, 1, 254, 255]);
assert.ok(back.floats instanceof Float64Array);
assert.strictEqual(back.floats.length, 3);
assert.strictEqual(back.floats.byteOffset, 8);
assert.ok(Object.is(back.floats[0], -0));
assert.ok(Number.isNaN(back.floats[1]));
assert.strictEqual(back.floats[2], Infinity);
assert.ok(back.ab instanceof ArrayBuffer);
assert.deepStrictEqual([...new Uint16Array(back.ab)], [1, 65535]);
assert.ok(back.re instanceof RegExp);
assert.strictEqual(back.re.source, 'a+b');
assert.strictEqual(back.re.flags, 'gi');
assert.ok('undef' in back.nested);
assert.strictEqual(back.nested.undef, undefined);
assert.ok(Object.is(back.nested.neg, -0));
assert.ok(Number.isNaN(back.nested.nan));
assert.strictEqual(back.nested.arr.length, 3);
assert.ok(!(1 in back.nested.arr));
assert.ok(back.err instanceof RangeError);
assert.strictEqual(back.err.message, 'out of range');
assert.strictEqual(back.str, payload.str);

assert.throws(() => w.postMessage({ f() {} }), { name: 'DataCloneError' });
assert.throws(() => w.postMessage(Symbol('s')), { name: 'DataCloneError' });

w.postMessage('bye');
const [code] = await once(w, 'exit');
assert.strictEqual(code, 0);
