// Node's LazyTransform: Hash, Hmac and Cipher objects are Transform streams, but the stream
// state is only built the first time something uses them as a stream, so plain
// `createHash().update().digest()` pays nothing for it.
import { Transform } from 'node:stream';

export function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function makeGetter(name) {
  return function () {
    Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    return this[name];
  };
}

function makeSetter(name) {
  return function (val) {
    Object.defineProperty(this, name, { value: val, enumerable: true, configurable: true, writable: true });
  };
}

Object.defineProperties(LazyTransform.prototype, {
  _readableState: {
    get: makeGetter('_readableState'), set: makeSetter('_readableState'), configurable: true, enumerable: true,
  },
  _writableState: {
    get: makeGetter('_writableState'), set: makeSetter('_writableState'), configurable: true, enumerable: true,
  },
});
