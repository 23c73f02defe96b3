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

export const codes = {};
const messages = new Map();

// Define error `code`: `msg` is a string (with %s placeholders) or a function of the args.
function E(code, msg, Base, ...otherBases) {
  messages.set(code, msg);
  const ctor = makeCtor(code, msg, Base);
  for (const B of otherBases) ctor[B.name] = makeCtor(code, msg, B);
  codes[code] = ctor;
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

E('ERR_INVALID_ARG_TYPE', (name, expected, actual) =>
  `${argLabel(name)} must be ${describeExpected(expected)}. Received ${determineSpecificType(actual)}`,
TypeError);

E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return `The ${type} '${name}' ${reason}. Received ${shown}`;
}, TypeError, RangeError);

E('ERR_OUT_OF_RANGE', (str, range, input, replaceDefaultBoolean = false) => {
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

E('ERR_MISSING_ARGS', (...args) => {
  let msg = 'The ';
  const wrap = (a) => `"${a}"`;
  const names = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
  if (names.length === 1) msg += `${names[0]} argument`;
  else if (names.length === 2) msg += `${names[0]} and ${names[1]} arguments`;
  else msg += `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]} arguments`;
  return `${msg} must be specified`;
}, TypeError);

E('ERR_INVALID_RETURN_VALUE', (input, name, value) => {
  let type;
  if (value && value.constructor && value.constructor.name) type = `instance of ${value.constructor.name}`;
  else type = `type ${typeof value}`;
  return `Expected ${input} to be returned from the "${name}" function but got ${type}.`;
}, TypeError, RangeError);

E('ERR_UNHANDLED_ERROR', (err = undefined) => {
  const msg = 'Unhandled error.';
  if (err === undefined) return msg;
  return `${msg} (${inspect(err)})`;
}, Error);

E('ERR_INVALID_THIS', 'Value of "this" must be of type %s', TypeError);
E('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
E('ERR_NOT_IMPLEMENTED', (what) =>
  `${what ?? 'This API'} is not implemented in atoll yet`, Error);

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
codes.ERR_ACCESS_DENIED = function ERR_ACCESS_DENIED(permission, resource, flag) {
  return makeAccessDenied(permission, resource, flag);
};
Object.defineProperty(codes.ERR_ACCESS_DENIED, Symbol.hasInstance, {
  value(obj) { return obj instanceof Error && obj.code === 'ERR_ACCESS_DENIED'; },
});

E('ERR_BUFFER_OUT_OF_BOUNDS', (name = undefined) => {
  if (name) return `"${name}" is outside of buffer bounds`;
  return 'Attempt to access memory outside buffer bounds';
}, RangeError);
E('ERR_UNKNOWN_ENCODING', 'Unknown encoding: %s', TypeError);
E('ERR_INVALID_URL', (input, base = null) => 'Invalid URL', TypeError);
{
  // Node's ERR_INVALID_URL also carries `input` (and `base` when given).
  const plain = codes.ERR_INVALID_URL;
  codes.ERR_INVALID_URL = function ERR_INVALID_URL(input, base) {
    const err = plain(input, base);
    err.input = input;
    if (base !== undefined && base !== null) err.base = base;
    return err;
  };
  Object.defineProperty(codes.ERR_INVALID_URL, Symbol.hasInstance, {
    value(obj) { return obj instanceof TypeError && obj.code === 'ERR_INVALID_URL'; },
  });
}
E('ERR_INVALID_URL_SCHEME', (expected) => {
  if (typeof expected === 'string') expected = [expected];
  const res = expected.length === 2 ? `one of scheme ${expected[0]} or ${expected[1]}` : `of scheme ${expected[0]}`;
  return `The URL must be ${res}`;
}, TypeError);
E('ERR_INVALID_FILE_URL_PATH', 'File URL path %s', TypeError);
E('ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on %s', TypeError);
E('ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: %s', Error);
E('ERR_REQUIRE_ESM', (filename, hasEsmSyntax = false, parentPath = null) => {
  let msg = `require() of ES Module ${filename}${parentPath ? ` from ${parentPath}` : ''} not supported.`;
  if (!hasEsmSyntax) {
    msg += `\nInstead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`;
  }
  return msg;
}, Error);
E('ERR_MODULE_NOT_FOUND', (path, base, exactUrl) => {
  if (exactUrl) return `Cannot find ${exactUrl} '${path}' imported from ${base}`;
  return `Cannot find package '${path}' imported from ${base}`;
}, Error);
E('ERR_PACKAGE_PATH_NOT_EXPORTED', (pkgPath, subpath, base = undefined) => {
  if (subpath === '.') {
    return `No "exports" main defined in ${pkgPath}package.json${base ? ` imported from ${base}` : ''}`;
  }
  return `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json${base ? ` imported from ${base}` : ''}`;
}, Error);
E('ERR_INVALID_PACKAGE_TARGET', (pkgPath, key, target, isImport = false, base = undefined) => {
  const relError = typeof target === 'string' && !isImport && target.length > 0 && !target.startsWith('./');
  if (key === '.') {
    return `Invalid "exports" main target ${JSON.stringify(target)} defined in the package config ${pkgPath}package.json${base ? ` imported from ${base}` : ''}${relError ? '; targets must start with "./"' : ''}`;
  }
  return `Invalid "${isImport ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined for '${key}' in the package config ${pkgPath}package.json${base ? ` imported from ${base}` : ''}${relError ? '; targets must start with "./"' : ''}`;
}, Error);
E('ERR_INVALID_PACKAGE_CONFIG', (path, base, message) =>
  `Invalid package config ${path}${base ? ` while importing ${base}` : ''}${message ? `. ${message}` : ''}`, Error);
E('ERR_UNSUPPORTED_DIR_IMPORT', (path, base) =>
  `Directory import '${path}' is not supported resolving ES modules imported from ${base}`, Error);
E('ERR_UNKNOWN_FILE_EXTENSION', (ext, path) => `Unknown file extension "${ext}" for ${path}`, TypeError);
E('ERR_UNKNOWN_SIGNAL', 'Unknown signal: %s', TypeError);
E('ERR_SYSTEM_ERROR', (ctx = {}) => {
  let msg = `${ctx.message ?? 'A system error occurred'}: ${ctx.syscall} returned ${ctx.code} (${ctx.message})`;
  if (ctx.path !== undefined) msg += ` ${ctx.path}`;
  if (ctx.dest !== undefined) msg += ` => ${ctx.dest}`;
  return msg;
}, Error);
E('ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value', Error);
E('ERR_INVALID_STATE', 'Invalid state: %s', Error, TypeError, RangeError);
E('ERR_INVALID_CHAR', (name, field = undefined) => {
  let msg = `Invalid character in ${name}`;
  if (field !== undefined) msg += ` ["${field}"]`;
  return msg;
}, TypeError);
E('ERR_INVALID_FD', '"fd" must be a positive integer: %s', RangeError);
E('ERR_INVALID_FD_TYPE', 'Unsupported fd type: %s', TypeError);
E('ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent', TypeError);
E('ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column', TypeError);
E('ERR_INVALID_SYNC_FORK_INPUT', 'Asynchronous forks do not support Buffer, TypedArray, DataView or string input: %s', TypeError);
E('ERR_INVALID_OPT_VALUE', (name, value) => `The value "${String(value)}" is invalid for option "${name}"`, TypeError, RangeError);
E('ERR_INVALID_OPT_VALUE_ENCODING', 'The value "%s" is invalid for option "encoding"', TypeError);
E('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event', Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_STREAM_DESTROYED', 'Cannot call %s after a stream was destroyed', Error);
E('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
E('ERR_STREAM_ALREADY_FINISHED', 'Cannot call %s after a stream was finished', Error);
E('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_INVALID_ASYNC_ID', 'Invalid %s value: %s', RangeError);
E('ERR_ASYNC_CALLBACK', '%s must be a function', TypeError);
E('ERR_ASYNC_TYPE', 'Invalid name for async "type": %s', TypeError);
E('ERR_ENCODING_NOT_SUPPORTED', 'The "%s" encoding is not supported', RangeError);
E('ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding %s', TypeError);
E('ERR_EVENT_RECURSION', 'The event "%s" is already being dispatched', Error);
E('ERR_FS_FILE_TOO_LARGE', 'File size (%s) is greater than 2 GiB', RangeError);
E('ERR_FS_CP_EINVAL', 'Invalid src or dest: cp returned EINVAL (%s)', Error);
E('ERR_FS_EISDIR', 'Path is a directory: %s', Error);
E('ERR_DIR_CLOSED', 'Directory handle was closed', Error);
E('ERR_DIR_CONCURRENT_OPERATION', 'Cannot do synchronous work on directory handle with concurrent asynchronous operations', Error);
E('ERR_CHILD_PROCESS_STDIO_MAXBUFFER', '%s maxBuffer length exceeded', RangeError);
E('ERR_CHILD_PROCESS_IPC_REQUIRED', "Forked processes must have an IPC channel, missing value 'ipc' in %s", Error);
E('ERR_IPC_CHANNEL_CLOSED', 'Channel closed', Error);
E('ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected', Error);
E('ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe', Error);
E('ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks', Error);
E('ERR_SOCKET_BAD_PORT', (name, port, allowZero = true) => {
  const op = allowZero ? '>=' : '>';
  return `${name} should be ${op} 0 and < 65536. Received ${determineSpecificType(port)}.`;
}, RangeError);
E('ERR_SOCKET_CLOSED', 'Socket is closed', Error);
E('ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running', Error);
E('ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.', Error);
E('ERR_SERVER_NOT_RUNNING', 'Server is not running.', Error);
E('ERR_HTTP_HEADERS_SENT', 'Cannot %s headers after they are sent to the client', Error);
E('ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "%s" for header "%s"', TypeError);
E('ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: %s', RangeError);
E('ERR_INVALID_HTTP_TOKEN', '%s must be a valid HTTP token ["%s"]', TypeError);
E('ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding', Error);
E('ERR_OPERATION_FAILED', 'Operation failed: %s', Error, TypeError);
E('ERR_SCRIPT_EXECUTION_INTERRUPTED', 'Script execution was interrupted by `SIGINT`', Error);
E('ERR_SCRIPT_EXECUTION_TIMEOUT', 'Script execution timed out after %sms', Error);
E('ERR_WORKER_UNSERIALIZABLE_ERROR', 'Serializing an uncaught exception failed', Error);
E('ERR_CRYPTO_HASH_FINALIZED', 'Digest already called', Error);
E('ERR_CRYPTO_HASH_UPDATE_FAILED', 'Hash update failed', Error);
E('ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: %s', TypeError);
E('ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length', RangeError);
E('ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length', RangeError);
E('ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher', Error);
E('ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed', Error);
E('ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of %s', RangeError);
E('ERR_INVALID_MODULE_SPECIFIER', (request, reason, base = undefined) =>
  `Invalid module "${request}" ${reason}${base ? ` imported from ${base}` : ''}`, TypeError);
E('ERR_UNSUPPORTED_ESM_URL_SCHEME', (url, supported) => {
  let msg = `Only URLs with a scheme in: ${supported.join(', ')} are supported by the default ESM loader`;
  if (url.protocol === 'file:' || /^[a-zA-Z]:$/.test(url.protocol ?? '')) msg += '. On Windows, absolute paths must be valid file:// URLs';
  return `${msg}. Received protocol '${url.protocol}'`;
}, Error);
E('ERR_UNAVAILABLE_DURING_EXIT', 'Cannot call function in process exit handler', Error);
E('ERR_USE_AFTER_CLOSE', '%s was closed', Error);
E('ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for %s', TypeError);
E('ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "%s" cannot be used in combination with option "%s"', TypeError);
E('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', '%s', TypeError);
E('ERR_PARSE_ARGS_UNKNOWN_OPTION', (option, allowPositionals) => {
  const suggestDashDash = allowPositionals ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : '';
  return `Unknown option '${option}'${suggestDashDash}`;
}, TypeError);
E('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', "Unexpected argument '%s'. This command does not take positional arguments", TypeError);
E('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: %s", Error);
E('ERR_OUT_OF_RANGE_INTEGER', 'The value of "%s" is out of range.', RangeError);

E('ERR_INVALID_TUPLE', '%s must be an iterable %s tuple', TypeError);

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

export default {
  codes, AbortError, uvException, exceptionWithHostPort, dnsException, errnoTable,
  getSystemErrorName, getSystemErrorMap, makeNodeError, nodeError, isNodeError,
  determineSpecificType, permissionFlag, hideStackFrames,
};
