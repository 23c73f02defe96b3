// serialization: 'advanced' (structured clone) carries what JSON cannot: Map, Set, BigInt,
// Date, typed arrays, undefined, NaN and cycles.
import assert from 'node:assert';
import { fork } from 'node:child_process';

const child = fork(new URL('./fixtures/ipc-child.cjs', import.meta.url), ['echo'], {
  serialization: 'advanced',
});
const cyclic = { name: 'loop' };
cyclic.self = cyclic;
const message = {
  map: new Map([['a', 1], ['b', { c: 2 }]]),
  set: new Set([1, 'two']),
  big: 2n ** 70n,
  date: new Date(1700000000000),
  bytes: new Uint8Array([0, 1, 255]),
  floats: new Float64Array([1.5, -2]),
  undef: undefined,
  nan: NaN,
  cyclic,
};
child.send(message);
child.on('message', ({ echo }) => {
  assert.deepStrictEqual(echo.map, message.map);
  assert.deepStrictEqual(echo.set, message.set);
  assert.strictEqual(echo.big, message.big);
  assert.ok(echo.date instanceof Date);
  assert.strictEqual(echo.date.getTime(), message.date.getTime());
  assert.ok(echo.bytes instanceof Uint8Array);
  assert.deepStrictEqual([...echo.bytes], [0, 1, 255]);
  assert.deepStrictEqual([...echo.floats], [1.5, -2]);
  assert.ok('undef' in echo);
  assert.strictEqual(echo.undef, undefined);
  assert.ok(Number.isNaN(echo.nan));
  assert.strictEqual(echo.cyclic.self, echo.cyclic);
  child.disconnect();
});
child.on('exit', (code) => assert.strictEqual(code, 0));
