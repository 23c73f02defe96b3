// enterWith() sets the store for the rest of the synchronous execution; disable() clears it until
// the next run()/enterWith().
import assert from 'node:assert';
import { AsyncLocalStorage } from 'node:async_hooks';

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
other.enterWith('other');
als.enterWith('entered');
assert.strictEqual(als.getStore(), 'entered');
als.disable();
assert.strictEqual(als.getStore(), undefined);
assert.strictEqual(other.getStore(), 'other');
als.run('again', () => assert.strictEqual(als.getStore(), 'again'));
