// process.stdout/stderr as node:stream Writables and process.stdin as a Readable: the classes
// node:process's stdio shells become on first real stream use (most programs only ever write
// through the shells, so node:process does not carry this code).
import {
  op_require_builtin, op_isatty, op_tty_size, op_stdio_write, op_stdin_read,
} from 'atoll:ops';
import { nextTick } from './timers.js';

let streams = null;
export function streamClasses() {
  if (streams) return streams;
  const { Writable, Readable } = op_require_builtin('node:stream');
  const { Buffer } = op_require_builtin('node:buffer');

  function StdioWriteStream(fd) {
    Writable.call(this, { decodeStrings: false, emitClose: false, autoDestroy: true });
    this.fd = fd;
    this._type = 'fs';
    this._isStdio = true;
    this.destroySoon = this.destroy;
    this.isTTY = op_isatty(fd);
    if (this.isTTY) {
      const size = op_tty_size(fd);
      this.columns = size?.[0] ?? 80;
      this.rows = size?.[1] ?? 24;
    }
  }
  Object.setPrototypeOf(StdioWriteStream.prototype, Writable.prototype);
  Object.setPrototypeOf(StdioWriteStream, Writable);
  const proto = StdioWriteStream.prototype;
  const slowWrite = Writable.prototype.write;
  // The fds are written synchronously, so a write with nothing queued goes straight out
  // (console.log's path); corked, ending or errored streams take the Writable machinery.
  proto.write = function write(chunk, encoding, callback) {
    const state = this._writableState;
    if (state.corked || state.length || state.writing || state.ending || state.destroyed ||
        state.errored || !(typeof chunk === 'string' || chunk instanceof Uint8Array)) {
      return Reflect.apply(slowWrite, this, [chunk, encoding, callback]);
    }
    if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
    if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8') {
      chunk = Buffer.from(chunk, encoding);
    }
    try {
      op_stdio_write(this.fd, chunk);
    } catch (err) {
      this.destroy(err);
      if (typeof callback === 'function') nextTick(callback, err);
      return false;
    }
    if (typeof callback === 'function') nextTick(callback, null);
    return true;
  };
  proto._write = function _write(chunk, encoding, callback) {
    try {
      if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'buffer') {
        chunk = Buffer.from(chunk, encoding);
      }
      op_stdio_write(this.fd, chunk);
    } catch (err) {
      callback(err);
      return;
    }
    callback();
  };
  proto._writev = function _writev(chunks, callback) {
    try {
      for (const { chunk, encoding } of chunks) {
        op_stdio_write(this.fd, typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'buffer'
          ? Buffer.from(chunk, encoding) : chunk);
      }
    } catch (err) {
      callback(err);
      return;
    }
    callback();
  };
  // Node never closes fds 1 and 2 when their stream ends.
  proto._destroy = function _destroy(err, callback) { callback(err); };
  proto.getWindowSize = function getWindowSize() { return [this.columns, this.rows]; };
  proto.hasColors = function hasColors(count = 16) { return this.isTTY && count <= 256; };
  proto.getColorDepth = function getColorDepth() { return this.isTTY ? 8 : 1; };
  proto.clearLine = function clearLine(dir = 0, cb) {
    return this.write(dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K', cb);
  };
  proto.cursorTo = function cursorTo(x, y, cb) {
    if (typeof y === 'function') { cb = y; y = undefined; }
    return this.write(typeof y === 'number' ? `\x1b[${y + 1};${x + 1}H` : `\x1b[${x + 1}G`, cb);
  };
  proto.moveCursor = function moveCursor(dx, dy, cb) {
    let s = '';
    if (dx) s += dx < 0 ? `\x1b[${-dx}D` : `\x1b[${dx}C`;
    if (dy) s += dy < 0 ? `\x1b[${-dy}A` : `\x1b[${dy}B`;
    return this.write(s, cb);
  };

  function StdinStream() {
    Readable.call(this, { highWaterMark: 64 * 1024, emitClose: true, autoDestroy: true });
    this.fd = 0;
    this.isTTY = op_isatty(0);
    this.isRaw = false;
  }
  Object.setPrototypeOf(StdinStream.prototype, Readable.prototype);
  Object.setPrototypeOf(StdinStream, Readable);
  StdinStream.prototype._read = function _read() {
    op_stdin_read().then((chunk) => {
      if (chunk === null) this.push(null);
      else this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }, (err) => this.destroy(err));
  };
  StdinStream.prototype._destroy = function _destroy(err, callback) { callback(err); };
  StdinStream.prototype.setRawMode = function setRawMode(mode) { this.isRaw = !!mode; return this; };

  streams = { StdioWriteStream, StdinStream };
  return streams;
}
