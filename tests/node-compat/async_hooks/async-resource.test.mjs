// AsyncResource captures the store at construction; runInAsyncScope/bind restore it;
// AsyncLocalStorage.bind and snapshot do the same.
import assert from 'node:assert';
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';

const als = new AsyncLocalStorage();
const res = als.run('R', () => new AsyncResource('MyResource'));
assert.strictEqual(res.runInAsyncScope(function (x) { return [this.tag, x, als.getStore()]; }, { tag: 't' }, 1).join(), 't,1,R');
const bound = als.run('B', () => AsyncResource.bind(() => als.getStore()));
assert.strictEqual(bound(), 'B');
assert.strictEqual(als.run('S', () => AsyncLocalStorage.bind(() => als.getStore()))(), 'S');
const snap = als.run('N', () => AsyncLocalStorage.snapshot());
assert.strictEqual(snap(() => als.getStore()), 'N');
assert.strictEqual(typeof res.asyncId(), 'number');
assert.throws(() => new AsyncResource(), { code: 'ERR_INVALID_ARG_TYPE' });
