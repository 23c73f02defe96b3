// node:stream — Node's streams. The default export is the legacy Stream constructor with
// Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, ... as statics,
// which is what `require('stream')` returns.
import { Stream } from '../internal/streams/legacy.js';
import { Readable } from '../internal/streams/readable.js';
import { Writable } from '../internal/streams/writable.js';
import { Duplex } from '../internal/streams/duplex.js';
import { Transform, PassThrough } from '../internal/streams/transform.js';
import { pipeline, pipelineImpl, compose } from '../internal/streams/pipeline.js';
import { eos as finished, finishedPromise } from '../internal/streams/end-of-stream.js';
import { addAbortSignal } from '../internal/streams/add-abort-signal.js';
import { destroyer } from '../internal/streams/destroy.js';
import { getDefaultHighWaterMark, setDefaultHighWaterMark } from '../internal/streams/state.js';
import {
  isDisturbed, isErrored, isReadable, isWritable, isUint8Array, uint8ArrayToBuffer,
  isNodeStream, isIterable, isWebStream,
} from '../internal/streams/utils.js';

const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom');

function promisesPipeline(...streams) {
  return new Promise((resolve, reject) => {
    let signal;
    let end;
    const lastArg = streams[streams.length - 1];
    if (lastArg && typeof lastArg === 'object' && !isNodeStream(lastArg) &&
        !isIterable(lastArg) && !isWebStream(lastArg)) {
      const options = streams.pop();
      signal = options.signal;
      end = options.end;
    }
    pipelineImpl(streams, (err, value) => {
      if (err) reject(err);
      else resolve(value);
    }, { signal, end });
  });
}

export const promises = { pipeline: promisesPipeline, finished: finishedPromise };

Object.defineProperty(pipeline, kPromisifyCustom, {
  enumerable: true, configurable: true, get() { return promisesPipeline; },
});
Object.defineProperty(finished, kPromisifyCustom, {
  enumerable: true, configurable: true, get() { return finishedPromise; },
});

function destroy(stream, err) { destroyer(stream, err); }

Stream.isDisturbed = isDisturbed;
Stream.isErrored = isErrored;
Stream.isReadable = isReadable;
Stream.isWritable = isWritable;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.finished = finished;
Stream.destroy = destroy;
Stream.compose = compose;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
Object.defineProperty(Stream, 'promises', {
  configurable: true, enumerable: true, get() { return promises; },
});
Stream.Stream = Stream;
Stream._isUint8Array = isUint8Array;
Stream._uint8ArrayToBuffer = uint8ArrayToBuffer;
Stream._isArrayBufferView = ArrayBuffer.isView;

const _isUint8Array = isUint8Array;
const _uint8ArrayToBuffer = uint8ArrayToBuffer;

export {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, compose,
  addAbortSignal, destroy, isDisturbed, isErrored, isReadable, isWritable,
  getDefaultHighWaterMark, setDefaultHighWaterMark, _isUint8Array, _uint8ArrayToBuffer,
};
export default Stream;
