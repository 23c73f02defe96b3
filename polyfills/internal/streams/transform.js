// Transform: a Duplex whose output is computed from its input by _transform(); _flush()
// runs at end of input. PassThrough forwards chunks unchanged.
import { codes } from '../errors.js';
import { Duplex } from './duplex.js';
import { getHighWaterMark } from './state.js';

const kCallback = Symbol('kCallback');
const kWriteCallback = Symbol('kWriteCallback');
const kWriteLength = Symbol('kWriteLength');
const kAfterTransform = Symbol('kAfterTransform');

export function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  const readableHighWaterMark = options
    ? getHighWaterMark(this, options, 'readableHighWaterMark', true) : null;
  if (readableHighWaterMark === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }
  Duplex.call(this, options);
  this._readableState.sync = false;
  this[kCallback] = null;
  this[kWriteCallback] = null;
  this[kWriteLength] = 0;
  this[kAfterTransform] = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
  this.on('prefinish', prefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function final(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) cb(er);
        else this.destroy(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

function prefinish() {
  if (this._final !== final) final.call(this);
}

Transform.prototype._final = final;

Transform.prototype._transform = function _transform(chunk, encoding, callback) {
  throw new codes.ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

// The callback handed to _transform is made once per stream, not per chunk: it reads the
// write's callback and the readable length from the stream.
function transformCallback(stream) {
  return function afterTransform(err, val) {
    const callback = stream[kWriteCallback];
    if (err) {
      callback(err);
      return;
    }
    const rState = stream._readableState;
    if (val != null) stream.push(val);
    if (stream._writableState.ended || stream[kWriteLength] === rState.length ||
        rState.length < rState.highWaterMark) {
      callback();
    } else {
      stream[kCallback] = callback;
    }
  };
}

Transform.prototype._write = function _write(chunk, encoding, callback) {
  this[kWriteCallback] = callback;
  this[kWriteLength] = this._readableState.length;
  let afterTransform = this[kAfterTransform];
  if (afterTransform == null) afterTransform = this[kAfterTransform] = transformCallback(this);
  this._transform(chunk, encoding, afterTransform);
};

Transform.prototype._read = function _read() {
  if (this[kCallback]) {
    const callback = this[kCallback];
    this[kCallback] = null;
    callback();
  }
};

export function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

PassThrough.prototype._transform = function _transform(chunk, encoding, cb) {
  cb(null, chunk);
};

export default Transform;
