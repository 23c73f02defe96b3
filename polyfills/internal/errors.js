// atoll: the one place Node-style errors are built.
// Usage from another polyfill:
//   import { codes } from '../internal/errors.js';
//   throw new codes.ERR_INVALID_ARG_TYPE('path', ['string', 'Buffer', 'URL'], value);
// or the named exports: `import { ERR_INVALID_ARG_TYPE } from '../internal/errors.js'`.
import { op_require_builtin } from 'atoll:ops';
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

function makeCtor(code, Base) {
  const ctor = {
    [code]: function (...args) {
      return makeNodeError(Base, code, formatMessage(code, messageOf(code), args), ctor);
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

// ---- helpers ----

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
// `codes.ERR_X` is made on first access (most programs never build most of them), and its
// message text (internal/error_messages.js) is loaded only when such an error is made.
// kBases maps each code to its base classes (E Error, T TypeError, R RangeError): the first
// is the constructor's, the others add variants (`codes.ERR_X.RangeError`). `codes` answers
// property reads, `in` and writes; the codes made so far are its own keys.
const kBases = {
  __proto__: null,
  ERR_INVALID_ARG_TYPE: 'T',
  ERR_INVALID_ARG_VALUE: 'TR',
  ERR_OUT_OF_RANGE: 'R',
  ERR_MISSING_ARGS: 'T',
  ERR_INVALID_RETURN_VALUE: 'TR',
  ERR_UNHANDLED_ERROR: 'E',
  ERR_INVALID_THIS: 'T',
  ERR_METHOD_NOT_IMPLEMENTED: 'E',
  ERR_NOT_IMPLEMENTED: 'E',
  ERR_BUFFER_OUT_OF_BOUNDS: 'R',
  ERR_UNKNOWN_ENCODING: 'T',
  ERR_INVALID_URL_SCHEME: 'T',
  ERR_INVALID_FILE_URL_PATH: 'T',
  ERR_INVALID_FILE_URL_HOST: 'T',
  ERR_UNKNOWN_BUILTIN_MODULE: 'E',
  ERR_REQUIRE_ESM: 'E',
  ERR_MODULE_NOT_FOUND: 'E',
  ERR_PACKAGE_PATH_NOT_EXPORTED: 'E',
  ERR_INVALID_PACKAGE_TARGET: 'E',
  ERR_INVALID_PACKAGE_CONFIG: 'E',
  ERR_UNSUPPORTED_DIR_IMPORT: 'E',
  ERR_UNKNOWN_FILE_EXTENSION: 'T',
  ERR_UNKNOWN_SIGNAL: 'T',
  ERR_SYSTEM_ERROR: 'E',
  ERR_FALSY_VALUE_REJECTION: 'E',
  ERR_INVALID_STATE: 'ETR',
  ERR_INVALID_CHAR: 'T',
  ERR_INVALID_FD: 'R',
  ERR_INVALID_FD_TYPE: 'T',
  ERR_INVALID_HANDLE_TYPE: 'T',
  ERR_INVALID_CURSOR_POS: 'T',
  ERR_INVALID_SYNC_FORK_INPUT: 'T',
  ERR_INVALID_OPT_VALUE: 'TR',
  ERR_INVALID_OPT_VALUE_ENCODING: 'T',
  ERR_MULTIPLE_CALLBACK: 'E',
  ERR_STREAM_PREMATURE_CLOSE: 'E',
  ERR_STREAM_PUSH_AFTER_EOF: 'E',
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT: 'E',
  ERR_STREAM_WRITE_AFTER_END: 'E',
  ERR_STREAM_DESTROYED: 'E',
  ERR_STREAM_NULL_VALUES: 'T',
  ERR_STREAM_ALREADY_FINISHED: 'E',
  ERR_STREAM_CANNOT_PIPE: 'E',
  ERR_ILLEGAL_CONSTRUCTOR: 'T',
  ERR_INVALID_ASYNC_ID: 'R',
  ERR_ASYNC_CALLBACK: 'T',
  ERR_ASYNC_TYPE: 'T',
  ERR_ENCODING_NOT_SUPPORTED: 'R',
  ERR_ENCODING_INVALID_ENCODED_DATA: 'T',
  ERR_EVENT_RECURSION: 'E',
  ERR_FS_FILE_TOO_LARGE: 'R',
  ERR_FS_CP_EINVAL: 'E',
  ERR_FS_EISDIR: 'E',
  ERR_DIR_CLOSED: 'E',
  ERR_DIR_CONCURRENT_OPERATION: 'E',
  ERR_CHILD_PROCESS_STDIO_MAXBUFFER: 'R',
  ERR_CHILD_PROCESS_IPC_REQUIRED: 'E',
  ERR_IPC_CHANNEL_CLOSED: 'E',
  ERR_IPC_DISCONNECTED: 'E',
  ERR_IPC_ONE_PIPE: 'E',
  ERR_IPC_SYNC_FORK: 'E',
  ERR_SOCKET_BAD_PORT: 'R',
  ERR_SOCKET_CLOSED: 'E',
  ERR_SOCKET_DGRAM_NOT_RUNNING: 'E',
  ERR_SERVER_ALREADY_LISTEN: 'E',
  ERR_SERVER_NOT_RUNNING: 'E',
  ERR_HTTP_HEADERS_SENT: 'E',
  ERR_HTTP_INVALID_HEADER_VALUE: 'T',
  ERR_HTTP_INVALID_STATUS_CODE: 'R',
  ERR_INVALID_HTTP_TOKEN: 'T',
  ERR_HTTP_TRAILER_INVALID: 'E',
  ERR_OPERATION_FAILED: 'ET',
  ERR_SCRIPT_EXECUTION_INTERRUPTED: 'E',
  ERR_SCRIPT_EXECUTION_TIMEOUT: 'E',
  ERR_WORKER_UNSERIALIZABLE_ERROR: 'E',
  ERR_CRYPTO_HASH_FINALIZED: 'E',
  ERR_CRYPTO_HASH_UPDATE_FAILED: 'E',
  ERR_CRYPTO_INVALID_DIGEST: 'T',
  ERR_CRYPTO_INVALID_KEYLEN: 'R',
  ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH: 'R',
  ERR_CRYPTO_UNKNOWN_CIPHER: 'E',
  ERR_ZLIB_INITIALIZATION_FAILED: 'E',
  ERR_INVALID_BUFFER_SIZE: 'R',
  ERR_INVALID_MODULE_SPECIFIER: 'T',
  ERR_UNSUPPORTED_ESM_URL_SCHEME: 'E',
  ERR_UNAVAILABLE_DURING_EXIT: 'E',
  ERR_USE_AFTER_CLOSE: 'E',
  ERR_CONSOLE_WRITABLE_STREAM: 'T',
  ERR_INCOMPATIBLE_OPTION_PAIR: 'T',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'T',
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'T',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'T',
  ERR_TLS_CERT_ALTNAME_INVALID: 'E',
  ERR_OUT_OF_RANGE_INTEGER: 'R',
  ERR_INVALID_TUPLE: 'T',
};
const kBaseClasses = { E: Error, T: TypeError, R: RangeError };

let messages = null;
function messageOf(code) {
  messages ??= op_require_builtin('atoll:internal/error_messages');
  return messages.message(code);
}

function make(code) {
  switch (code) {
    case 'ERR_ACCESS_DENIED': {
      const ctor = function ERR_ACCESS_DENIED(permission, resource, flag) {
        return makeAccessDenied(permission, resource, flag);
      };
      Object.defineProperty(ctor, Symbol.hasInstance, {
        value(obj) { return obj instanceof Error && obj.code === 'ERR_ACCESS_DENIED'; },
      });
      return ctor;
    }
    case 'ERR_INVALID_URL': {
      // Node's ERR_INVALID_URL also carries `input` (and `base` when given).
      const plain = makeCtor(code, TypeError);
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
    default: {
      const letters = kBases[code];
      if (letters === undefined) return undefined;
      const ctor = makeCtor(code, kBaseClasses[letters[0]]);
      for (let i = 1; i < letters.length; i++) {
        const B = kBaseClasses[letters[i]];
        ctor[B.name] = makeCtor(code, B);
      }
      return ctor;
    }
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
