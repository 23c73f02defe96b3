// atoll: the one place Node-style errors are built.
// Usage from another polyfill:
//   import { codes } from '../internal/errors.js';
//   throw new codes.ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer', 'URL'], value);
// or the named exports: `import { ERR_INVALID_ARG_TYPE } from '../internal/errors.js'`.
import { inspect } from './util/inspect_lazy.js';

const kIsNodeError = Symbol('kIsNodeError');
const hasCapture = typeof Error.captureStackTrace === 'function';

// Make `err.stack` start with `Name [CODE]: message` (like Node), whatever the engine's
// stack format (V8 includes a header line, QuickJS only the frames).
function fixStack(err, header) {
  let stack;
  try { stack = err.stack; } catch { return; }
  let frames = '';
  if (typeof stack === 'string') {
    const lines = stack.split('\n');
    const i = lines.findIndex((l) => /^\s+at /.test(l));
    if (i !== -1) frames = lines.slice(i).join('\n').replace(/\n+$/, '');
  }
  try {
    Object.defineProperty(err, 'stack', {
      value: frames ? `${header}\n${frames}` : header,
      writable: true, enumerable: false, configurable: true,
    });
  } catch { /* ignore */ }
}

function isErrorStackTraceLimitWritable() {
  const d = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  return d === undefined ? Object.isExtensible(Error) : d.writable === true || typeof d.set === 'function';
}

// Build a Node error: instance of `Base`, own enumerable `code`, non-enumerable
// `message` and `toString`, and a stack starting with `Name [CODE]: message`.
export function makeNodeError(Base, code, message, ctor) {
  const err = new Base(message);
  Object.defineProperty(err, 'message', {
    value: message, writable: true, enumerable: false, configurable: true,
  });
  Object.defineProperty(err, 'toString', {
    value() { return `${this.name} [${code}]: ${this.message}`; },
    writable: true, enumerable: false, configurable: true,
  });
  Object.defineProperty(err, kIsNodeError, {
    value: true, writable: false, enumerable: false, configurable: true,
  });
  if (hasCapture && ctor) {
    try { Error.captureStackTrace(err, ctor); } catch { /* ignore */ }
  }
  fixStack(err, `${err.name} [${code}]: ${message}`);
  err.code = code;
  return err;
}

// The constructor for error `code`: `msg` is a string (with %s placeholders) or a function of
// the args; `otherBases` add variants (`codes.ERR_X.RangeError`).
function E(code, msg, Base, ...otherBases) {
  const ctor = makeCtor(code, msg, Base);
  for (const B of otherBases) ctor[B.name] = makeCtor(code, msg, B);
  return ctor;
}

function formatMessage(code, msg, args) {
  if (typeof msg === 'function') return Reflect.apply(msg, null, args);
  let i = 0;
  return msg.replace(/%[sdj%]/g, (m) => {
    if (m === '%%') return '%';
    const a = args[i++];
    if (m === '%j') return JSON.stringify(a);
    if (m === '%d') return String(Number(a));
    return String(a);
  });
}

function makeCtor(code, msg, Base) {
  const ctor = {
    [code]: function (...args) {
      return makeNodeError(Base, code, formatMessage(code, msg, args), ctor);
    },
  }[code];
  Object.defineProperty(ctor, 'name', { value: Base.name === 'Error' ? 'NodeError' : `Node${Base.name}` });
  // `err instanceof codes.ERR_X` works for errors built by this constructor.
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value(obj) { return obj instanceof Base && obj != null && obj.code === code; },
  });
  ctor.prototype = Base.prototype;
  return ctor;
}

export function isNodeError(err) {
  return err != null && typeof err === 'object' && err[kIsNodeError] === true;
}

// ---- helpers for message building ----

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRe = /^([A-Z][a-z0-9]*)+$/;

function listJoin(items, word) {
  if (items.length > 2) return `${items.slice(0, -1).join(', ')}, ${word} ${items[items.length - 1]}`;
  if (items.length === 2) return `${items[0]} ${word} ${items[1]}`;
  return items[0];
}

export function determineSpecificType(value) {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function' && value.name) return `function ${value.name}`;
  if (typeof value === 'object') {
    let ctorName;
    try { ctorName = value.constructor && value.constructor.name; } catch { /* ignore */ }
    if (ctorName) return `an instance of ${ctorName}`;
    return inspect(value, { depth: -1 });
  }
  let shown;
  if (typeof value === 'string' && value.length > 28) {
    shown = inspect(`${value.slice(0, 25)}...`, { colors: false });
  } else {
    shown = inspect(value, { colors: false });
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  }
  return `type ${typeof value} (${shown})`;
}

function argLabel(name) {
  if (name.endsWith(' argument')) return `The ${name}`;
  return `The "${name}" ${name.includes('.') ? 'property' : 'argument'}`;
}

function describeExpected(expected) {
  if (!Array.isArray(expected)) expected = [expected];
  const types = [];
  const instances = [];
  const other = [];
  for (const v of expected) {
    if (kTypes.includes(v)) types.push(v.toLowerCase());
    else if (classRe.test(v)) instances.push(v);
    else other.push(v);
  }
  if (instances.length > 0) {
    const i = types.indexOf('object');
    if (i !== -1) { types.splice(i, 1); instances.push('Object'); }
  }
  const parts = [];
  if (types.length > 0) {
    parts.push(types.length === 1 ? `of type ${types[0]}` : `one of type ${listJoin(types, 'or')}`);
  }
  if (instances.length > 0) {
    parts.push(instances.length > 2
      ? `an instance of ${listJoin(instances, 'or')}`
      : `an instance of ${instances.join(' or ')}`);
  }
  if (other.length > 0) {
    if (other.length > 1) parts.push(`one of ${listJoin(other, 'or')}`);
    else parts.push(`${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`);
  }
  return parts.join(' or ');
}

function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

// ---- errno table (libuv codes, Linux values) ----

export const errnoTable = {
  E2BIG: [-7, 'argument list too long'],
  EACCES: [-13, 'permission denied'],
  EADDRINUSE: [-98, 'address already in use'],
  EADDRNOTAVAIL: [-99, 'address not available'],
  EAFNOSUPPORT: [-97, 'address family not supported'],
  EAGAIN: [-11, 'resource temporarily unavailable'],
  EAI_AGAIN: [-3001, 'temporary failure'],
  EAI_NONAME: [-3008, 'unknown node or service'],
  EALREADY: [-114, 'connection already in progress'],
  EBADF: [-9, 'bad file descriptor'],
  EBUSY: [-16, 'resource busy or locked'],
  ECANCELED: [-125, 'operation canceled'],
  ECHILD: [-10, 'no child processes'],
  ECONNABORTED: [-103, 'software caused connection abort'],
  ECONNREFUSED: [-111, 'connection refused'],
  ECONNRESET: [-104, 'connection reset by peer'],
  EEXIST: [-17, 'file already exists'],
  EFAULT: [-14, 'bad address in system call argument'],
  EFBIG: [-27, 'file too large'],
  EHOSTUNREACH: [-113, 'host is unreachable'],
  EINTR: [-4, 'interrupted system call'],
  EINVAL: [-22, 'invalid argument'],
  EIO: [-5, 'i/o error'],
  EISCONN: [-106, 'socket is already connected'],
  EISDIR: [-21, 'illegal operation on a directory'],
  ELOOP: [-40, 'too many symbolic links encountered'],
  EMFILE: [-24, 'too many open files'],
  EMLINK: [-31, 'too many links'],
  EMSGSIZE: [-90, 'message too long'],
  ENAMETOOLONG: [-36, 'name too long'],
  ENETDOWN: [-100, 'network is down'],
  ENETUNREACH: [-101, 'network is unreachable'],
  ENFILE: [-23, 'file table overflow'],
  ENOBUFS: [-105, 'no buffer space available'],
  ENODEV: [-19, 'no such device'],
  ENOENT: [-2, 'no such file or directory'],
  ENOMEM: [-12, 'not enough memory'],
  ENOSPC: [-28, 'no space left on device'],
  ENOSYS: [-38, 'function not implemented'],
  ENOTCONN: [-107, 'socket is not connected'],
  ENOTDIR: [-20, 'not a directory'],
  ENOTEMPTY: [-39, 'directory not empty'],
  ENOTFOUND: [-3008, 'getaddrinfo ENOTFOUND'],
  ENOTSOCK: [-88, 'socket operation on non-socket'],
  ENOTSUP: [-95, 'operation not supported on socket'],
  ENXIO: [-6, 'no such device or address'],
  EOF: [-4095, 'end of file'],
  EPERM: [-1, 'operation not permitted'],
  EPIPE: [-32, 'broken pipe'],
  EPROTO: [-71, 'protocol error'],
  ERANGE: [-34, 'result too large'],
  EROFS: [-30, 'read-only file system'],
  ESPIPE: [-29, 'invalid seek'],
  ESRCH: [-3, 'no such process'],
  ETIMEDOUT: [-110, 'connection timed out'],
  ETXTBSY: [-26, 'text file is busy'],
  EXDEV: [-18, 'cross-device link not permitted'],
};

const errnoToName = new Map();
for (const [name, [n]] of Object.entries(errnoTable)) {
  if (!errnoToName.has(n)) errnoToName.set(n, name);
}

export function getSystemErrorName(errno) {
  return errnoToName.get(errno) ?? `Unknown system error ${errno}`;
}

export function getSystemErrorMap() {
  const m = new Map();
  for (const [name, [n, desc]] of Object.entries(errnoTable)) if (!m.has(n)) m.set(n, [name, desc]);
  return m;
}

// Node's libuv-style system error:
//   ENOENT: no such file or directory, open '/x'
export function uvException({ errno, code, syscall, path, dest, message } = {}) {
  if (code === undefined && typeof errno === 'number') code = getSystemErrorName(errno);
  if (typeof errno === 'string' && code === undefined) { code = errno; errno = undefined; }
  const entry = errnoTable[code];
  if (errno === undefined || errno === null) errno = entry ? entry[0] : undefined;
  else if (typeof errno === 'number' && errno > 0) errno = -errno;
  const desc = message ?? (entry ? entry[1] : 'unknown error');
  let msg = `${code}: ${desc}`;
  if (syscall) msg += `, ${syscall}`;
  if (path !== undefined && path !== null) {
    msg += ` '${path}'`;
    if (dest !== undefined && dest !== null) msg += ` -> '${dest}'`;
  }
  const err = new Error(msg);
  if (hasCapture) { try { Error.captureStackTrace(err, uvException); } catch { /* ignore */ } }
  fixStack(err, `Error: ${msg}`);
  err.errno = errno;
  err.code = code;
  if (syscall !== undefined) err.syscall = syscall;
  if (path !== undefined && path !== null) err.path = typeof path === 'string' ? path : String(path);
  if (dest !== undefined && dest !== null) err.dest = typeof dest === 'string' ? dest : String(dest);
  return err;
}

// Network-style exception (`connect ECONNREFUSED 127.0.0.1:80`).
export function exceptionWithHostPort({ errno, code, syscall, address, port, additional } = {}) {
  if (code === undefined && typeof errno === 'number') code = getSystemErrorName(errno);
  const entry = errnoTable[code];
  if (errno === undefined) errno = entry ? entry[0] : undefined;
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  if (additional) details += ` - Local (${additional})`;
  const err = new Error(`${syscall} ${code}${details}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (address) err.address = address;
  if (port) err.port = port;
  return err;
}

// Node's UVExceptionWithHostPort (listen/bind): `listen EADDRINUSE: address already in use ::1:80`.
export function uvExceptionWithHostPort({ errno, code, syscall, address, port } = {}) {
  const err = exceptionWithHostPort({ errno, code, syscall, address, port });
  const entry = errnoTable[err.code];
  err.message = err.message.replace(`${syscall} ${err.code}`, `${syscall} ${err.code}: ${entry ? entry[1] : 'unknown error'}`);
  fixStack(err, `Error: ${err.message}`);
  return err;
}

// DNS failure (`getaddrinfo ENOTFOUND example.invalid`).
export function dnsException({ code, syscall, hostname } = {}) {
  const err = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
  err.errno = errnoTable[code] ? errnoTable[code][0] : undefined;
  err.code = code;
  err.syscall = syscall;
  if (hostname) err.hostname = hostname;
  return err;
}

// ---- AbortError ----

export class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// ---- the codes ----
// `codes.ERR_X` is made on first access (most programs never build most of them): `make`
// returns the constructor for a code, or undefined for an unknown one. `codes` answers only
// property reads, `in` and writes; the codes made so far are its own keys.

function make(code) {
  switch (code) {
    case 'ERR_INVALID_ARG_TYPE': return E(code, (name, expected, actual) =>
      `${argLabel(name)} must be ${describeExpected(expected)}. Received ${determineSpecificType(actual)}`,
    TypeError);
    case 'ERR_INVALID_ARG_VALUE': return E(code, (name, value, reason = 'is invalid') => {
      let shown = inspect(value);
      if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
      const type = name.includes('.') ? 'property' : 'argument';
      return `The ${type} '${name}' ${reason}. Received ${shown}`;
    }, TypeError, RangeError);
    case 'ERR_OUT_OF_RANGE': return E(code, (str, range, input, replaceDefaultBoolean = false) => {
      let msg = replaceDefaultBoolean ? str : `The value of "${str}" is out of range.`;
      let received;
      if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
        received = addNumericalSeparator(String(input));
      } else if (typeof input === 'bigint') {
        received = String(input);
        if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
        received += 'n';
      } else {
        received = inspect(input);
      }
      msg += ` It must be ${range}. Received ${received}`;
      return msg;
    }, RangeError);
    case 'ERR_MISSING_ARGS': return E(code, (...args) => {
      let msg = 'The ';
      const wrap = (a) => `"${a}"`;
      const names = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
      if (names.length === 1) msg += `${names[0]} argument`;
      else if (names.length === 2) msg += `${names[0]} and ${names[1]} arguments`;
      else msg += `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]} arguments`;
      return `${msg} must be specified`;
    }, TypeError);
    case 'ERR_INVALID_RETURN_VALUE': return E(code, (input, name, value) => {
      let type;
      if (value && value.constructor && value.constructor.name) type = `instance of ${value.constructor.name}`;
      else type = `type ${typeof value}`;
      return `Expected ${input} to be returned from the "${name}" function but got ${type}.`;
    }, TypeError, RangeError);
    case 'ERR_UNHANDLED_ERROR': return E(code, (err = undefined) => {
      const msg = 'Unhandled error.';
      if (err === undefined) return msg;
      return `${msg} (${inspect(err)})`;
    }, Error);
    case 'ERR_INVALID_THIS': return E(code, 'Value of "this" must be of type %s', TypeError);
    case 'ERR_METHOD_NOT_IMPLEMENTED': return E(code, 'The %s method is not implemented', Error);
    case 'ERR_NOT_IMPLEMENTED': return E(code, (what) =>
      `${what ?? 'This API'} is not implemented in atoll yet`, Error);
    case 'ERR_ACCESS_DENIED': {
      const ctor = function ERR_ACCESS_DENIED(permission, resource, flag) {
        return makeAccessDenied(permission, resource, flag);
      };
      Object.defineProperty(ctor, Symbol.hasInstance, {
        value(obj) { return obj instanceof Error && obj.code === 'ERR_ACCESS_DENIED'; },
      });
      return ctor;
    }
    case 'ERR_BUFFER_OUT_OF_BOUNDS': return E(code, (name = undefined) => {
      if (name) return `"${name}" is outside of buffer bounds`;
      return 'Attempt to access memory outside buffer bounds';
    }, RangeError);
    case 'ERR_UNKNOWN_ENCODING': return E(code, 'Unknown encoding: %s', TypeError);
    case 'ERR_INVALID_URL': {
      // Node's ERR_INVALID_URL also carries `input` (and `base` when given).
      const plain = makeCtor(code, 'Invalid URL', TypeError);
      const ctor = function ERR_INVALID_URL(input, base) {
        const err = plain(input, base);
        err.input = input;
        if (base !== undefined && base !== null) err.base = base;
        return err;
      };
      Object.defineProperty(ctor, Symbol.hasInstance, {
        value(obj) { return obj instanceof TypeError && obj.code === 'ERR_INVALID_URL'; },
      });
      return ctor;
    }
    case 'ERR_INVALID_URL_SCHEME': return E(code, (expected) => {
      if (typeof expected === 'string') expected = [expected];
      const res = expected.length === 2 ? `one of scheme ${expected[0]} or ${expected[1]}` : `of scheme ${expected[0]}`;
      return `The URL must be ${res}`;
    }, TypeError);
    case 'ERR_INVALID_FILE_URL_PATH': return E(code, 'File URL path %s', TypeError);
    case 'ERR_INVALID_FILE_URL_HOST': return E(code, 'File URL host must be "localhost" or empty on %s', TypeError);
    case 'ERR_UNKNOWN_BUILTIN_MODULE': return E(code, 'No such built-in module: %s', Error);
    case 'ERR_REQUIRE_ESM': return E(code, (filename, hasEsmSyntax = false, parentPath = null) => {
      let msg = `require() of ES Module ${filename}${parentPath ? ` from ${parentPath}` : ''} not supported.`;
      if (!hasEsmSyntax) {
        msg += `\nInstead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`;
      }
      return msg;
    }, Error);
    case 'ERR_MODULE_NOT_FOUND': return E(code, (path, base, exactUrl) => {
      if (exactUrl) return `Cannot find ${exactUrl} '${path}' imported from ${base}`;
      return `Cannot find package '${path}' imported from ${base}`;
    }, Error);
    case 'ERR_PACKAGE_PATH_NOT_EXPORTED': return E(code, (pkgPath, subpath, base = undefined) => {
      if (subpath === '.') {
        return `No "exports" main defined in ${pkgPath}package.json${base ? ` imported from ${base}` : ''}`;
      }
      return `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json${base ? ` imported from ${base}` : ''}`;
    }, Error);
    case 'ERR_INVALID_PACKAGE_TARGET': return E(code, (pkgPath, key, target, isImport = false, base = undefined) => {
      const relError = typeof target === 'string' && !isImport && target.length > 0 && !target.startsWith('./');
      if (key === '.') {
        return `Invalid "exports" main target ${JSON.stringify(target)} defined in the package config ${pkgPath}package.json${base ? ` imported from ${base}` : ''}${relError ? '; targets must start with "./"' : ''}`;
      }
      return `Invalid "${isImport ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined for '${key}' in the package config ${pkgPath}package.json${base ? ` imported from ${base}` : ''}${relError ? '; targets must start with "./"' : ''}`;
    }, Error);
    case 'ERR_INVALID_PACKAGE_CONFIG': return E(code, (path, base, message) =>
      `Invalid package config ${path}${base ? ` while importing ${base}` : ''}${message ? `. ${message}` : ''}`, Error);
    case 'ERR_UNSUPPORTED_DIR_IMPORT': return E(code, (path, base) =>
      `Directory import '${path}' is not supported resolving ES modules imported from ${base}`, Error);
    case 'ERR_UNKNOWN_FILE_EXTENSION': return E(code, (ext, path) => `Unknown file extension "${ext}" for ${path}`, TypeError);
    case 'ERR_UNKNOWN_SIGNAL': return E(code, 'Unknown signal: %s', TypeError);
    case 'ERR_SYSTEM_ERROR': return E(code, (ctx = {}) => {
      let msg = `${ctx.message ?? 'A system error occurred'}: ${ctx.syscall} returned ${ctx.code} (${ctx.message})`;
      if (ctx.path !== undefined) msg += ` ${ctx.path}`;
      if (ctx.dest !== undefined) msg += ` => ${ctx.dest}`;
      return msg;
    }, Error);
    case 'ERR_FALSY_VALUE_REJECTION': return E(code, 'Promise was rejected with falsy value', Error);
    case 'ERR_INVALID_STATE': return E(code, 'Invalid state: %s', Error, TypeError, RangeError);
    case 'ERR_INVALID_CHAR': return E(code, (name, field = undefined) => {
      let msg = `Invalid character in ${name}`;
      if (field !== undefined) msg += ` ["${field}"]`;
      return msg;
    }, TypeError);
    case 'ERR_INVALID_FD': return E(code, '"fd" must be a positive integer: %s', RangeError);
    case 'ERR_INVALID_FD_TYPE': return E(code, 'Unsupported fd type: %s', TypeError);
    case 'ERR_INVALID_HANDLE_TYPE': return E(code, 'This handle type cannot be sent', TypeError);
    case 'ERR_INVALID_CURSOR_POS': return E(code, 'Cannot set cursor row without setting its column', TypeError);
    case 'ERR_INVALID_SYNC_FORK_INPUT': return E(code, 'Asynchronous forks do not support Buffer, TypedArray, DataView or string input: %s', TypeError);
    case 'ERR_INVALID_OPT_VALUE': return E(code, (name, value) => `The value "${String(value)}" is invalid for option "${name}"`, TypeError, RangeError);
    case 'ERR_INVALID_OPT_VALUE_ENCODING': return E(code, 'The value "%s" is invalid for option "encoding"', TypeError);
    case 'ERR_MULTIPLE_CALLBACK': return E(code, 'Callback called multiple times', Error);
    case 'ERR_STREAM_PREMATURE_CLOSE': return E(code, 'Premature close', Error);
    case 'ERR_STREAM_PUSH_AFTER_EOF': return E(code, 'stream.push() after EOF', Error);
    case 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT': return E(code, 'stream.unshift() after end event', Error);
    case 'ERR_STREAM_WRITE_AFTER_END': return E(code, 'write after end', Error);
    case 'ERR_STREAM_DESTROYED': return E(code, 'Cannot call %s after a stream was destroyed', Error);
    case 'ERR_STREAM_NULL_VALUES': return E(code, 'May not write null values to stream', TypeError);
    case 'ERR_STREAM_ALREADY_FINISHED': return E(code, 'Cannot call %s after a stream was finished', Error);
    case 'ERR_STREAM_CANNOT_PIPE': return E(code, 'Cannot pipe, not readable', Error);
    case 'ERR_ILLEGAL_CONSTRUCTOR': return E(code, 'Illegal constructor', TypeError);
    case 'ERR_INVALID_ASYNC_ID': return E(code, 'Invalid %s value: %s', RangeError);
    case 'ERR_ASYNC_CALLBACK': return E(code, '%s must be a function', TypeError);
    case 'ERR_ASYNC_TYPE': return E(code, 'Invalid name for async "type": %s', TypeError);
    case 'ERR_ENCODING_NOT_SUPPORTED': return E(code, 'The "%s" encoding is not supported', RangeError);
    case 'ERR_ENCODING_INVALID_ENCODED_DATA': return E(code, 'The encoded data was not valid for encoding %s', TypeError);
    case 'ERR_EVENT_RECURSION': return E(code, 'The event "%s" is already being dispatched', Error);
    case 'ERR_FS_FILE_TOO_LARGE': return E(code, 'File size (%s) is greater than 2 GiB', RangeError);
    case 'ERR_FS_CP_EINVAL': return E(code, 'Invalid src or dest: cp returned EINVAL (%s)', Error);
    case 'ERR_FS_EISDIR': return E(code, 'Path is a directory: %s', Error);
    case 'ERR_DIR_CLOSED': return E(code, 'Directory handle was closed', Error);
    case 'ERR_DIR_CONCURRENT_OPERATION': return E(code, 'Cannot do synchronous work on directory handle with concurrent asynchronous operations', Error);
    case 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER': return E(code, '%s maxBuffer length exceeded', RangeError);
    case 'ERR_CHILD_PROCESS_IPC_REQUIRED': return E(code, "Forked processes must have an IPC channel, missing value 'ipc' in %s", Error);
    case 'ERR_IPC_CHANNEL_CLOSED': return E(code, 'Channel closed', Error);
    case 'ERR_IPC_DISCONNECTED': return E(code, 'IPC channel is already disconnected', Error);
    case 'ERR_IPC_ONE_PIPE': return E(code, 'Child process can have only one IPC pipe', Error);
    case 'ERR_IPC_SYNC_FORK': return E(code, 'IPC cannot be used with synchronous forks', Error);
    case 'ERR_SOCKET_BAD_PORT': return E(code, (name, port, allowZero = true) => {
      const op = allowZero ? '>=' : '>';
      return `${name} should be ${op} 0 and < 65536. Received ${determineSpecificType(port)}.`;
    }, RangeError);
    case 'ERR_SOCKET_CLOSED': return E(code, 'Socket is closed', Error);
    case 'ERR_SOCKET_DGRAM_NOT_RUNNING': return E(code, 'Not running', Error);
    case 'ERR_SERVER_ALREADY_LISTEN': return E(code, 'Listen method has been called more than once without closing.', Error);
    case 'ERR_SERVER_NOT_RUNNING': return E(code, 'Server is not running.', Error);
    case 'ERR_HTTP_HEADERS_SENT': return E(code, 'Cannot %s headers after they are sent to the client', Error);
    case 'ERR_HTTP_INVALID_HEADER_VALUE': return E(code, 'Invalid value "%s" for header "%s"', TypeError);
    case 'ERR_HTTP_INVALID_STATUS_CODE': return E(code, 'Invalid status code: %s', RangeError);
    case 'ERR_INVALID_HTTP_TOKEN': return E(code, '%s must be a valid HTTP token ["%s"]', TypeError);
    case 'ERR_HTTP_TRAILER_INVALID': return E(code, 'Trailers are invalid with this transfer encoding', Error);
    case 'ERR_OPERATION_FAILED': return E(code, 'Operation failed: %s', Error, TypeError);
    case 'ERR_SCRIPT_EXECUTION_INTERRUPTED': return E(code, 'Script execution was interrupted by `SIGINT`', Error);
    case 'ERR_SCRIPT_EXECUTION_TIMEOUT': return E(code, 'Script execution timed out after %sms', Error);
    case 'ERR_WORKER_UNSERIALIZABLE_ERROR': return E(code, 'Serializing an uncaught exception failed', Error);
    case 'ERR_CRYPTO_HASH_FINALIZED': return E(code, 'Digest already called', Error);
    case 'ERR_CRYPTO_HASH_UPDATE_FAILED': return E(code, 'Hash update failed', Error);
    case 'ERR_CRYPTO_INVALID_DIGEST': return E(code, 'Invalid digest: %s', TypeError);
    case 'ERR_CRYPTO_INVALID_KEYLEN': return E(code, 'Invalid key length', RangeError);
    case 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH': return E(code, 'Input buffers must have the same byte length', RangeError);
    case 'ERR_CRYPTO_UNKNOWN_CIPHER': return E(code, 'Unknown cipher', Error);
    case 'ERR_ZLIB_INITIALIZATION_FAILED': return E(code, 'Initialization failed', Error);
    case 'ERR_INVALID_BUFFER_SIZE': return E(code, 'Buffer size must be a multiple of %s', RangeError);
    case 'ERR_INVALID_MODULE_SPECIFIER': return E(code, (request, reason, base = undefined) =>
      `Invalid module "${request}" ${reason}${base ? ` imported from ${base}` : ''}`, TypeError);
    case 'ERR_UNSUPPORTED_ESM_URL_SCHEME': return E(code, (url, supported) => {
      let msg = `Only URLs with a scheme in: ${supported.join(', ')} are supported by the default ESM loader`;
      if (url.protocol === 'file:' || /^[a-zA-Z]:$/.test(url.protocol ?? '')) msg += '. On Windows, absolute paths must be valid file:// URLs';
      return `${msg}. Received protocol '${url.protocol}'`;
    }, Error);
    case 'ERR_UNAVAILABLE_DURING_EXIT': return E(code, 'Cannot call function in process exit handler', Error);
    case 'ERR_USE_AFTER_CLOSE': return E(code, '%s was closed', Error);
    case 'ERR_CONSOLE_WRITABLE_STREAM': return E(code, 'Console expects a writable stream instance for %s', TypeError);
    case 'ERR_INCOMPATIBLE_OPTION_PAIR': return E(code, 'Option "%s" cannot be used in combination with option "%s"', TypeError);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return E(code, '%s', TypeError);
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return E(code, (option, allowPositionals) => {
      const suggestDashDash = allowPositionals ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : '';
      return `Unknown option '${option}'${suggestDashDash}`;
    }, TypeError);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return E(code, "Unexpected argument '%s'. This command does not take positional arguments", TypeError);
    case 'ERR_TLS_CERT_ALTNAME_INVALID': return E(code, "Hostname/IP does not match certificate's altnames: %s", Error);
    case 'ERR_OUT_OF_RANGE_INTEGER': return E(code, 'The value of "%s" is out of range.', RangeError);
    case 'ERR_INVALID_TUPLE': return E(code, '%s must be an iterable %s tuple', TypeError);
    default: return undefined;
  }
}

export const codes = new Proxy({ __proto__: null }, {
  get(made, code) {
    let ctor = made[code];
    if (ctor === undefined && typeof code === 'string') {
      ctor = make(code);
      if (ctor !== undefined) made[code] = ctor;
    }
    return ctor;
  },
  has(made, code) { return this.get(made, code) !== undefined; },
});

// Permission model. `permission`: 'FileSystemRead' | 'FileSystemWrite' | 'Net' |
// 'ChildProcess' | 'WorkerThreads' | 'Env' ...; `resource`: path/host; `flag` overrides
// the suggested command-line flag.
const permissionFlags = {
  FileSystemRead: '--allow-read',
  FileSystemWrite: '--allow-write',
  FileSystem: '--allow-read',
  Net: '--allow-net',
  ChildProcess: '--allow-run',
  WorkerThreads: '--allow-worker',
  Env: '--allow-env',
  Ffi: '--allow-ffi',
  AddonModules: '--allow-addons',
};
export function permissionFlag(permission, resource) {
  const flag = permissionFlags[permission] ?? '--allow-all';
  return resource !== undefined && resource !== null && resource !== '' ? `${flag}=${resource}` : flag;
}
function makeAccessDenied(permission, resource, flag) {
  const msg = `Access to this API has been restricted. Use ${flag ?? permissionFlag(permission, resource)} to grant it.`;
  const err = makeNodeError(Error, 'ERR_ACCESS_DENIED', msg, codes.ERR_ACCESS_DENIED);
  if (permission !== undefined) err.permission = permission;
  if (resource !== undefined) err.resource = resource;
  return err;
}

// Named exports for the common constructors.
export const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_MISSING_ARGS,
  ERR_INVALID_RETURN_VALUE, ERR_UNHANDLED_ERROR, ERR_INVALID_THIS, ERR_METHOD_NOT_IMPLEMENTED,
  ERR_NOT_IMPLEMENTED, ERR_ACCESS_DENIED, ERR_BUFFER_OUT_OF_BOUNDS, ERR_UNKNOWN_ENCODING,
  ERR_INVALID_URL, ERR_INVALID_URL_SCHEME, ERR_INVALID_FILE_URL_PATH, ERR_INVALID_FILE_URL_HOST,
  ERR_UNKNOWN_BUILTIN_MODULE, ERR_REQUIRE_ESM, ERR_MODULE_NOT_FOUND, ERR_PACKAGE_PATH_NOT_EXPORTED,
  ERR_INVALID_PACKAGE_TARGET, ERR_INVALID_PACKAGE_CONFIG, ERR_UNSUPPORTED_DIR_IMPORT,
  ERR_UNKNOWN_FILE_EXTENSION, ERR_UNKNOWN_SIGNAL, ERR_SYSTEM_ERROR, ERR_FALSY_VALUE_REJECTION,
  ERR_INVALID_STATE, ERR_INVALID_CHAR, ERR_INVALID_FD, ERR_MULTIPLE_CALLBACK,
  ERR_STREAM_PREMATURE_CLOSE, ERR_STREAM_PUSH_AFTER_EOF, ERR_STREAM_WRITE_AFTER_END,
  ERR_STREAM_DESTROYED, ERR_STREAM_NULL_VALUES, ERR_STREAM_ALREADY_FINISHED,
  ERR_ILLEGAL_CONSTRUCTOR, ERR_SOCKET_BAD_PORT, ERR_ENCODING_NOT_SUPPORTED,
  ERR_ENCODING_INVALID_ENCODED_DATA, ERR_OPERATION_FAILED, ERR_USE_AFTER_CLOSE,
  ERR_INCOMPATIBLE_OPTION_PAIR,
} = codes;

// Generic builder for a code not in the table: `nodeError(TypeError, 'ERR_X', 'message')`.
export function nodeError(Base, code, message) {
  return makeNodeError(Base, code, message, nodeError);
}

export function hideStackFrames(fn) { return fn; }

// Ops report errors as plain fields (bootstrap.js installs this as the ops' error factory);
// Node-shaped errors are made here and only here.
export function makeOpError(f) {
  switch (f.kind) {
    case 'sys': return uvException(f);
    // The message names the exact flag, e.g. `--allow-read=/etc/passwd`.
    case 'access': return codes.ERR_ACCESS_DENIED(f.permission, f.resource, f.resource ? `${f.flag}=${f.resource}` : f.flag);
    case 'type': return new TypeError(f.message);
    default: {
      const Base = f.code === 'ERR_INVALID_URL' || f.code === 'ERR_INVALID_ARG_TYPE' ? TypeError : Error;
      if (f.code === 'ERR_INVALID_URL') return codes.ERR_INVALID_URL(f.message.replace(/^Invalid URL: /, ''));
      return nodeError(Base, f.code, f.message);
    }
  }
}

export default {
  codes, AbortError, uvException, exceptionWithHostPort, dnsException, errnoTable,
  getSystemErrorName, getSystemErrorMap, makeNodeError, nodeError, isNodeError,
  determineSpecificType, permissionFlag, hideStackFrames,
};
