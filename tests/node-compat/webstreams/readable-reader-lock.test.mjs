// ReadableStream: getReader locks, read() order and done, releaseLock unlocks, closed resolves
import assert from 'node:assert';

const rs = new ReadableStream({
  start(c) {
    c.enqueue('a');
    c.enqueue('b');
    c.close();
  },
});
assert.strictEqual(rs.locked, false);
const reader = rs.getReader();
assert.strictEqual(rs.locked, true);
assert.throws(() => rs.getReader(), { name: 'TypeError', code: 'ERR_INVALID_STATE' });
assert.deepStrictEqual(await reader.read(), { value: 'a', done: false });
assert.deepStrictEqual(await reader.read(), { value: 'b', done: false });
assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });
await reader.closed;
reader.releaseLock();
assert.strictEqual(rs.locked, false);
await assert.rejects(reader.read(), { name: 'TypeError' });
