// The default export is the Stream constructor with the classes and helpers as properties.
import assert from 'node:assert';
import stream, * as named from 'node:stream';
import promises from 'node:stream/promises';

assert.strictEqual(typeof stream, 'function');
assert.strictEqual(stream.Stream, stream);
for (const key of ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'pipeline', 'finished',
  'addAbortSignal', 'compose', 'isReadable', 'isErrored', 'isDisturbed', 'getDefaultHighWaterMark',
  'setDefaultHighWaterMark', 'destroy']) {
  assert.strictEqual(typeof stream[key], 'function', key);
  assert.strictEqual(named[key], stream[key], key);
}
assert.strictEqual(stream.promises.pipeline, promises.pipeline);
assert.strictEqual(stream.promises.finished, promises.finished);
assert.ok(new stream.Readable() instanceof stream);
assert.strictEqual(stream.pipeline[Symbol.for('nodejs.util.promisify.custom')], promises.pipeline);
