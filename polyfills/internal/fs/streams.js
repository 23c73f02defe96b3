// atoll: fs.createReadStream / fs.createWriteStream over the fd ops, on node:stream. Loaded
// only when a stream is created, so plain fs users never pay for node:stream.
import { op_require_builtin } from 'atoll:ops';
import {
  callAsync as A, stringToFlags, parseFileMode, getValidatedPath, dataToBytes, lazyBuffer,
} from './utils.js';
import { validateInteger } from '../validators.js';

function stream() { return op_require_builtin('node:stream'); }

function openFor(s, path, flags, mode, cb) {
  if (s.fd !== null) { cb(); return; }
  A('open', path, stringToFlags(flags), parseFileMode(mode, 'mode', 0o666)).then((fd) => {
    s.fd = fd;
    s.pending = false;
    s.emit('open', fd);
    s.emit('ready');
    cb();
  }, cb);
}

function closeFor(s, autoClose, err, cb) {
  if (s.fd === null || autoClose === false) { cb(err); return; }
  const fd = s.fd;
  s.fd = null;
  A('close', fd).then(() => cb(err), (e) => cb(err ?? e));
}

export function createReadStream(path, options) {
  options = typeof options === 'string' ? { encoding: options } : { ...(options ?? {}) };
  const p = options.fd == null ? getValidatedPath(path) : null;
  if (options.start !== undefined) validateInteger(options.start, 'start', 0);
  if (options.end !== undefined && options.end !== Infinity) validateInteger(options.end, 'end', 0);
  const hwm = options.highWaterMark ?? 64 * 1024;
  const end = options.end ?? Infinity;
  let pos = options.start;
  const s = new (stream().Readable)({
    highWaterMark: hwm,
    encoding: options.encoding,
    emitClose: options.emitClose ?? true,
    construct(cb) { openFor(s, p, options.flags ?? 'r', options.mode, cb); },
    read(n) {
      const from = pos ?? -1;
      const want = Math.max(0, Math.min(n || hwm, end === Infinity ? Infinity : end - (pos ?? 0) + 1));
      if (want === 0) { this.push(null); return; }
      A('read', s.fd, want, from).then((bytes) => {
        if (pos !== undefined) pos += bytes.byteLength;
        s.bytesRead += bytes.byteLength;
        this.push(bytes.byteLength > 0 ? lazyBuffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null);
      }, (err) => this.destroy(err));
    },
    destroy(err, cb) { closeFor(s, options.autoClose, err, cb); },
  });
  s.fd = options.fd ?? null;
  s.path = path;
  s.flags = options.flags ?? 'r';
  s.bytesRead = 0;
  s.pending = s.fd === null;
  s.close = function close(cb) { if (cb) this.once('close', cb); this.destroy(); };
  return s;
}

export function createWriteStream(path, options) {
  options = typeof options === 'string' ? { encoding: options } : { ...(options ?? {}) };
  const p = options.fd == null ? getValidatedPath(path) : null;
  let pos = options.start;
  const s = new (stream().Writable)({
    highWaterMark: options.highWaterMark,
    decodeStrings: true,
    emitClose: options.emitClose ?? true,
    construct(cb) { openFor(s, p, options.flags ?? 'w', options.mode, cb); },
    write(chunk, encoding, cb) {
      const bytes = dataToBytes(chunk, encoding === 'buffer' ? undefined : encoding, 'chunk');
      A('write', s.fd, bytes, pos ?? -1).then((n) => {
        if (pos !== undefined) pos += n;
        s.bytesWritten += n;
        cb();
      }, cb);
    },
    final(cb) { cb(); },
    destroy(err, cb) { closeFor(s, options.autoClose, err, cb); },
  });
  s.fd = options.fd ?? null;
  s.path = path;
  s.flags = options.flags ?? 'w';
  s.bytesWritten = 0;
  s.pending = s.fd === null;
  s.close = function close(cb) { if (cb) this.once('close', cb); this.end(); };
  return s;
}
