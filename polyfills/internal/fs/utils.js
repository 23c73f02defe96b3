// atoll: shared pieces of node:fs — constants, flags and modes, path and option validation,
// Stats/BigIntStats/Dirent, and the op callers. Mirrors Node's lib/internal/fs/utils.js.
import { op_lookup, op_make_stats, op_require_builtin } from 'atoll:ops';
import {
  codes, nodeError, AbortError, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE,
} from '../errors.js';
import {
  validateInt32, validateObject, validateFunction, validateBoolean, validateAbortSignal,
  validateEncoding, normalizeEncoding, validateInteger,
} from '../validators.js';

// node:buffer, node:process and node:url load on first need, not with node:fs: reading and
// writing files as strings needs none of them.
let bufferNs = null;
export const lazyBuffer = () => (bufferNs ??= op_require_builtin('node:buffer')).Buffer;
let processDefault = null;
export const lazyProcess = () => (processDefault ??= op_require_builtin('node:process').default);

// Linux (x86_64) values, the same numbers the Rust ops decode with libc.
export const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3,
  UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
  EXTENSIONLESS_FORMAT_JAVASCRIPT: 0, EXTENSIONLESS_FORMAT_WASM: 1,
  S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576,
  S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152,
  O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512,
  O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072,
  O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384, O_NONBLOCK: 2048,
  S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64,
  S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8,
  S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1,
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1,
  UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});
const {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, S_IFMT, S_IFREG,
  S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK,
} = constants;

// ---- calling the ops ----

// `callSync('stat', p, true)` runs op_fs_stat_sync; `callAsync` the promise-returning op_fs_stat.
// Hot path: the op functions are looked up once per name (op_lookup makes each the first time
// this runtime asks for it, so loading node:fs makes none), and no op takes more than four
// arguments, so they are passed as is (a missing one is `undefined` either way) instead of
// through rest/spread, which costs an array and an iterator per call.
const syncOps = { __proto__: null };
const asyncOps = { __proto__: null };
export function callSync(name, a, b, c, d) {
  return (syncOps[name] ?? (syncOps[name] = op_lookup(`op_fs_${name}_sync`)))(a, b, c, d);
}
export function callAsync(name, a, b, c, d) {
  return (asyncOps[name] ?? (asyncOps[name] = op_lookup(`op_fs_${name}`)))(a, b, c, d);
}
// Continue with `f` now (sync result) or when the promise settles (async result).
export function then(x, f) { return x instanceof Promise ? x.then(f) : f(x); }

// A Node callback from a promise: always on a later tick, errors thrown by `cb` are uncaught.
export function toCallback(promise, cb, spread = (v) => [v]) {
  promise.then(
    (v) => lazyProcess().nextTick(() => cb(null, ...spread(v))),
    (e) => lazyProcess().nextTick(() => cb(e)),
  );
}

export function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

// A Buffer over the bytes of a Uint8Array an op just returned. The op's array is fresh and
// nobody else holds it, so it becomes the Buffer itself (same ArrayBuffer, offset and length
// as Buffer.from(u8.buffer, ...) would give) instead of paying for a second view.
export function bufferFrom(u8) {
  return Object.setPrototypeOf(u8, lazyBuffer().prototype);
}

// ---- flags and modes ----

export function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs': case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+': case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx': case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+': case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax': case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as': case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+': case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+': case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
    default: throw new ERR_INVALID_ARG_VALUE(name, flags);
  }
}

const octalRe = /^[0-7]+$/;
export function parseFileMode(value, name, def) {
  value ??= def;
  if (typeof value === 'string') {
    if (!octalRe.test(value)) throw new ERR_INVALID_ARG_VALUE(name, value, 'must be a 32-bit unsigned integer or an octal string');
    value = parseInt(value, 8);
  }
  validateInt32(value, name, 0, 4294967295);
  return value;
}

// ---- paths, fds, options ----

function isURL(v) {
  return v != null && typeof v === 'object' && typeof v.href === 'string' && typeof v.protocol === 'string' && v.auth === undefined;
}

// string | Buffer | file: URL -> string; NUL bytes refused like Node.
export function getValidatedPath(value, name = 'path') {
  let p = value;
  if (typeof p === 'string') {
    // The common case first: no URL or Buffer probing for a plain string.
  } else if (isURL(p)) p = op_require_builtin('node:url').fileURLToPath(p);
  else if (p instanceof Uint8Array) p = lazyBuffer().from(p.buffer, p.byteOffset, p.byteLength).toString('utf8');
  else if (typeof p !== 'string') throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], value);
  if (p.includes('\u0000')) {
    throw new ERR_INVALID_ARG_VALUE(name, value, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return p;
}

export function getValidatedFd(fd, name = 'fd') {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
}

export function getOptions(options, defaults = { __proto__: null }) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    defaults = { ...defaults };
    defaults.encoding = options;
    options = defaults;
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  } else {
    options = { ...defaults, ...options };
  }
  if (options.encoding !== 'buffer') validateEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

export function checkAborted(signal) {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

// A name from Rust (string) in the requested encoding.
export function encodeName(name, encoding) {
  if (encoding === 'buffer') return lazyBuffer().from(name);
  if (encoding == null || normalizeEncoding(encoding) === 'utf8') return name;
  return lazyBuffer().from(name).toString(encoding);
}

// Seconds since the epoch from a Date, a number or a numeric string (Node's toUnixTimestamp).
export function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

export function validateLength(len, name = 'len') {
  validateInteger(len, name);
}

// Data for write/writeFile: string (in `encoding`) or any ArrayBufferView, as bytes.
export function dataToBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return lazyBuffer().from(data, encoding ?? 'utf8');
  // A Uint8Array (a Buffer) is already the bytes it views; other views get a Uint8Array over
  // the same range.
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

// Node's SystemError shape (ERR_FS_EISDIR and friends).
export function systemError(code, prefix, { syscall, errno, errCode, message, path, dest }) {
  let msg = `${prefix}: ${syscall} returned ${errCode} (${message})`;
  if (path !== undefined) msg += ` ${path}`;
  if (dest !== undefined) msg += ` => ${dest}`;
  const err = nodeError(Error, code, msg);
  err.name = 'SystemError';
  err.info = { code: errCode, message, path, syscall, errno, dest };
  err.errno = errno;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  return err;
}

// ---- Stats ----

const kNsPerMsBigInt = 1000000n;

function dateFromMs(ms) { return new Date(Math.round(Number(ms))); }

function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev; this.mode = mode; this.nlink = nlink; this.uid = uid; this.gid = gid;
  this.rdev = rdev; this.blksize = blksize; this.ino = ino; this.size = size; this.blocks = blocks;
}
function modeIs(self, type) {
  return typeof self.mode === 'bigint' ? (self.mode & BigInt(S_IFMT)) === BigInt(type) : (self.mode & S_IFMT) === type;
}
StatsBase.prototype.isDirectory = function () { return modeIs(this, S_IFDIR); };
StatsBase.prototype.isFile = function () { return modeIs(this, S_IFREG); };
StatsBase.prototype.isBlockDevice = function () { return modeIs(this, S_IFBLK); };
StatsBase.prototype.isCharacterDevice = function () { return modeIs(this, S_IFCHR); };
StatsBase.prototype.isSymbolicLink = function () { return modeIs(this, S_IFLNK); };
StatsBase.prototype.isFIFO = function () { return modeIs(this, S_IFIFO); };
StatsBase.prototype.isSocket = function () { return modeIs(this, S_IFSOCK); };

// Date fields are computed on first read, as in Node 20.
function defineDates(proto) {
  for (const name of ['atime', 'mtime', 'ctime', 'birthtime']) {
    const key = Symbol(name);
    Object.defineProperty(proto, name, {
      enumerable: true, configurable: true,
      get() { return this[key] ?? (this[key] = dateFromMs(this[`${name}Ms`])); },
      set(v) { Object.defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true }); },
    });
  }
}

// The StatsBase fields are assigned here directly (same names, same order) rather than through
// StatsBase.call: one call less per stat.
export function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
  atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  this.dev = dev; this.mode = mode; this.nlink = nlink; this.uid = uid; this.gid = gid;
  this.rdev = rdev; this.blksize = blksize; this.ino = ino; this.size = size; this.blocks = blocks;
  this.atimeMs = atimeMs; this.mtimeMs = mtimeMs; this.ctimeMs = ctimeMs; this.birthtimeMs = birthtimeMs;
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
defineDates(Stats.prototype);
Stats.prototype._checkModeProperty = function (property) { return modeIs(this, property); };

export function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
  atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeNs / kNsPerMsBigInt; this.mtimeMs = mtimeNs / kNsPerMsBigInt;
  this.ctimeMs = ctimeNs / kNsPerMsBigInt; this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
  this.atimeNs = atimeNs; this.mtimeNs = mtimeNs; this.ctimeNs = ctimeNs; this.birthtimeNs = birthtimeNs;
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
defineDates(BigIntStats.prototype);

// The *Sync stat ops: given `statsHolder` (`[Stats.prototype]`, which the op also uses to keep
// object layouts warm) as an extra last argument, the op builds the Stats object itself, the
// same object `new Stats(...)` would make, without a JS call per field. BigIntStats are built
// here from the op's Float64Array.
export const statsHolder = [Stats.prototype];
export function statSyncOp(name, bigint, a, b) {
  const f = syncOps[name] ?? (syncOps[name] = op_lookup(`op_fs_${name}_sync`));
  if (bigint) return makeStats(name === 'fstat' ? f(a) : f(a, b), true);
  return name === 'fstat' ? f(a, statsHolder) : f(a, b, statsHolder);
}

// From the op's values (a Float64Array, or its bytes as a Uint8Array from an async op):
// 10 numbers, then (sec, nsec) for atime, mtime, ctime, birthtime.
export function makeStats(a, bigint = false) {
  // An async op's bytes: the op builds the Stats as the *Sync ops do.
  if (!bigint && a instanceof Uint8Array) return op_make_stats(a, statsHolder);
  if (!(a instanceof Float64Array)) a = new Float64Array(a.buffer, a.byteOffset, 18);
  if (bigint) {
    const b = [];
    for (let i = 0; i < 10; i++) b.push(BigInt(Math.trunc(a[i])));
    const ns = (i) => BigInt(a[i]) * 1000000000n + BigInt(a[i + 1]);
    return new BigIntStats(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
      ns(10), ns(12), ns(14), ns(16));
  }
  return new Stats(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
    a[10] * 1000 + a[11] / 1e6, a[12] * 1000 + a[13] / 1e6,
    a[14] * 1000 + a[15] / 1e6, a[16] * 1000 + a[17] / 1e6);
}

// ---- Dirent ----

const kType = Symbol('type');
export class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === constants.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === constants.UV_DIRENT_SOCKET; }
}

export function validateRmOptions(options, defaults) {
  options = { ...defaults, ...(options ?? {}) };
  validateObject(options, 'options');
  validateBoolean(options.recursive, 'options.recursive');
  validateBoolean(options.force, 'options.force');
  validateInt32(options.retryDelay, 'options.retryDelay', 0);
  validateInt32(options.maxRetries, 'options.maxRetries', 0);
  return options;
}

export { codes, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE };
