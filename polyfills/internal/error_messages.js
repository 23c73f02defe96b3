// The messages of the Node error codes in errors.js, loaded the first time one of those errors
// is made (not when errors.js loads): `message(code)` is a string with %s/%d/%j placeholders or
// a function of the constructor's arguments.
import { inspect } from './util/inspect_lazy.js';
import { determineSpecificType } from './errors.js';

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRe = /^([A-Z][a-z0-9]*)+$/;

function listJoin(items, word) {
  if (items.length > 2) return `${items.slice(0, -1).join(', ')}, ${word} ${items[items.length - 1]}`;
  if (items.length === 2) return `${items[0]} ${word} ${items[1]}`;
  return items[0];
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

export function message(code) {
  switch (code) {
    case 'ERR_INVALID_ARG_TYPE': return (name, expected, actual) =>
      `${argLabel(name)} must be ${describeExpected(expected)}. Received ${determineSpecificType(actual)}`;
    case 'ERR_INVALID_ARG_VALUE': return (name, value, reason = 'is invalid') => {
      let shown = inspect(value);
      if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
      const type = name.includes('.') ? 'property' : 'argument';
      return `The ${type} '${name}' ${reason}. Received ${shown}`;
    };
    case 'ERR_OUT_OF_RANGE': return (str, range, input, replaceDefaultBoolean = false) => {
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
    };
    case 'ERR_MISSING_ARGS': return (...args) => {
      let msg = 'The ';
      const wrap = (a) => `"${a}"`;
      const names = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
      if (names.length === 1) msg += `${names[0]} argument`;
      else if (names.length === 2) msg += `${names[0]} and ${names[1]} arguments`;
      else msg += `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]} arguments`;
      return `${msg} must be specified`;
    };
    case 'ERR_INVALID_RETURN_VALUE': return (input, name, value) => {
      let type;
      if (value && value.constructor && value.constructor.name) type = `instance of ${value.constructor.name}`;
      else type = `type ${typeof value}`;
      return `Expected ${input} to be returned from the "${name}" function but got ${type}.`;
    };
    case 'ERR_UNHANDLED_ERROR': return (err = undefined) => {
      const msg = 'Unhandled error.';
      if (err === undefined) return msg;
      return `${msg} (${inspect(err)})`;
    };
    case 'ERR_INVALID_THIS': return'Value of "this" must be of type %s';
    case 'ERR_METHOD_NOT_IMPLEMENTED': return'The %s method is not implemented';
    case 'ERR_NOT_IMPLEMENTED': return (what) =>
      `${what ?? 'This API'} is not implemented in atoll yet`;
    case 'ERR_BUFFER_OUT_OF_BOUNDS': return (name = undefined) => {
      if (name) return `"${name}" is outside of buffer bounds`;
      return 'Attempt to access memory outside buffer bounds';
    };
    case 'ERR_UNKNOWN_ENCODING': return'Unknown encoding: %s';
    case 'ERR_INVALID_URL': return 'Invalid URL';
    case 'ERR_INVALID_URL_SCHEME': return (expected) => {
      if (typeof expected === 'string') expected = [expected];
      const res = expected.length === 2 ? `one of scheme ${expected[0]} or ${expected[1]}` : `of scheme ${expected[0]}`;
      return `The URL must be ${res}`;
    };
    case 'ERR_INVALID_FILE_URL_PATH': return'File URL path %s';
    case 'ERR_INVALID_FILE_URL_HOST': return'File URL host must be "localhost" or empty on %s';
    case 'ERR_UNKNOWN_BUILTIN_MODULE': return'No such built-in module: %s';
    case 'ERR_REQUIRE_ESM': return (filename, hasEsmSyntax = false, parentPath = null) => {
      let msg = `require() of ES Module ${filename}${parentPath ? ` from ${parentPath}` : ''} not supported.`;
      if (!hasEsmSyntax) {
        msg += `\nInstead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`;
      }
      return msg;
    };
    case 'ERR_MODULE_NOT_FOUND': return (path, base, exactUrl) => {
      if (exactUrl) return `Cannot find ${exactUrl} '${path}' imported from ${base}`;
      return `Cannot find package '${path}' imported from ${base}`;
    };
    case 'ERR_PACKAGE_PATH_NOT_EXPORTED': return (pkgPath, subpath, base = undefined) => {
      if (subpath === '.') {
        return `No "exports" main defined in ${pkgPath}package.json${base ? ` imported from ${base}` : ''}`;
      }
      return `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json${base ? ` imported from ${base}` : ''}`;
    };
    case 'ERR_INVALID_PACKAGE_TARGET': return (pkgPath, key, target, isImport = false, base = undefined) => {
      const relError = typeof target === 'string' && !isImport && target.length > 0 && !target.startsWith('./');
      if (key === '.') {
        return `Invalid "exports" main target ${JSON.stringify(target)} defined in the package config ${pkgPath}package.json${base ? ` imported from ${base}` : ''}${relError ? '; targets must start with "./"' : ''}`;
      }
      return `Invalid "${isImport ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined for '${key}' in the package config ${pkgPath}package.json${base ? ` imported from ${base}` : ''}${relError ? '; targets must start with "./"' : ''}`;
    };
    case 'ERR_INVALID_PACKAGE_CONFIG': return (path, base, message) =>
      `Invalid package config ${path}${base ? ` while importing ${base}` : ''}${message ? `. ${message}` : ''}`;
    case 'ERR_UNSUPPORTED_DIR_IMPORT': return (path, base) =>
      `Directory import '${path}' is not supported resolving ES modules imported from ${base}`;
    case 'ERR_UNKNOWN_FILE_EXTENSION': return (ext, path) => `Unknown file extension "${ext}" for ${path}`;
    case 'ERR_UNKNOWN_SIGNAL': return'Unknown signal: %s';
    case 'ERR_SYSTEM_ERROR': return (ctx = {}) => {
      let msg = `${ctx.message ?? 'A system error occurred'}: ${ctx.syscall} returned ${ctx.code} (${ctx.message})`;
      if (ctx.path !== undefined) msg += ` ${ctx.path}`;
      if (ctx.dest !== undefined) msg += ` => ${ctx.dest}`;
      return msg;
    };
    case 'ERR_FALSY_VALUE_REJECTION': return'Promise was rejected with falsy value';
    case 'ERR_INVALID_STATE': return'Invalid state: %s';
    case 'ERR_INVALID_CHAR': return (name, field = undefined) => {
      let msg = `Invalid character in ${name}`;
      if (field !== undefined) msg += ` ["${field}"]`;
      return msg;
    };
    case 'ERR_INVALID_FD': return'"fd" must be a positive integer: %s';
    case 'ERR_INVALID_FD_TYPE': return'Unsupported fd type: %s';
    case 'ERR_INVALID_HANDLE_TYPE': return'This handle type cannot be sent';
    case 'ERR_INVALID_CURSOR_POS': return'Cannot set cursor row without setting its column';
    case 'ERR_INVALID_SYNC_FORK_INPUT': return'Asynchronous forks do not support Buffer, TypedArray, DataView or string input: %s';
    case 'ERR_INVALID_OPT_VALUE': return (name, value) => `The value "${String(value)}" is invalid for option "${name}"`;
    case 'ERR_INVALID_OPT_VALUE_ENCODING': return'The value "%s" is invalid for option "encoding"';
    case 'ERR_MULTIPLE_CALLBACK': return'Callback called multiple times';
    case 'ERR_STREAM_PREMATURE_CLOSE': return'Premature close';
    case 'ERR_STREAM_PUSH_AFTER_EOF': return'stream.push() after EOF';
    case 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT': return'stream.unshift() after end event';
    case 'ERR_STREAM_WRITE_AFTER_END': return'write after end';
    case 'ERR_STREAM_DESTROYED': return'Cannot call %s after a stream was destroyed';
    case 'ERR_STREAM_NULL_VALUES': return'May not write null values to stream';
    case 'ERR_STREAM_ALREADY_FINISHED': return'Cannot call %s after a stream was finished';
    case 'ERR_STREAM_CANNOT_PIPE': return'Cannot pipe, not readable';
    case 'ERR_ILLEGAL_CONSTRUCTOR': return'Illegal constructor';
    case 'ERR_INVALID_ASYNC_ID': return'Invalid %s value: %s';
    case 'ERR_ASYNC_CALLBACK': return'%s must be a function';
    case 'ERR_ASYNC_TYPE': return'Invalid name for async "type": %s';
    case 'ERR_ENCODING_NOT_SUPPORTED': return'The "%s" encoding is not supported';
    case 'ERR_ENCODING_INVALID_ENCODED_DATA': return'The encoded data was not valid for encoding %s';
    case 'ERR_EVENT_RECURSION': return'The event "%s" is already being dispatched';
    case 'ERR_FS_FILE_TOO_LARGE': return'File size (%s) is greater than 2 GiB';
    case 'ERR_FS_CP_EINVAL': return'Invalid src or dest: cp returned EINVAL (%s)';
    case 'ERR_FS_EISDIR': return'Path is a directory: %s';
    case 'ERR_DIR_CLOSED': return'Directory handle was closed';
    case 'ERR_DIR_CONCURRENT_OPERATION': return'Cannot do synchronous work on directory handle with concurrent asynchronous operations';
    case 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER': return'%s maxBuffer length exceeded';
    case 'ERR_CHILD_PROCESS_IPC_REQUIRED': return"Forked processes must have an IPC channel, missing value 'ipc' in %s";
    case 'ERR_IPC_CHANNEL_CLOSED': return'Channel closed';
    case 'ERR_IPC_DISCONNECTED': return'IPC channel is already disconnected';
    case 'ERR_IPC_ONE_PIPE': return'Child process can have only one IPC pipe';
    case 'ERR_IPC_SYNC_FORK': return'IPC cannot be used with synchronous forks';
    case 'ERR_SOCKET_BAD_PORT': return (name, port, allowZero = true) => {
      const op = allowZero ? '>=' : '>';
      return `${name} should be ${op} 0 and < 65536. Received ${determineSpecificType(port)}.`;
    };
    case 'ERR_SOCKET_CLOSED': return'Socket is closed';
    case 'ERR_SOCKET_DGRAM_NOT_RUNNING': return'Not running';
    case 'ERR_SERVER_ALREADY_LISTEN': return'Listen method has been called more than once without closing.';
    case 'ERR_SERVER_NOT_RUNNING': return'Server is not running.';
    case 'ERR_HTTP_HEADERS_SENT': return'Cannot %s headers after they are sent to the client';
    case 'ERR_HTTP_INVALID_HEADER_VALUE': return'Invalid value "%s" for header "%s"';
    case 'ERR_HTTP_INVALID_STATUS_CODE': return'Invalid status code: %s';
    case 'ERR_INVALID_HTTP_TOKEN': return'%s must be a valid HTTP token ["%s"]';
    case 'ERR_HTTP_TRAILER_INVALID': return'Trailers are invalid with this transfer encoding';
    case 'ERR_OPERATION_FAILED': return'Operation failed: %s';
    case 'ERR_SCRIPT_EXECUTION_INTERRUPTED': return'Script execution was interrupted by `SIGINT`';
    case 'ERR_SCRIPT_EXECUTION_TIMEOUT': return'Script execution timed out after %sms';
    case 'ERR_WORKER_UNSERIALIZABLE_ERROR': return'Serializing an uncaught exception failed';
    case 'ERR_CRYPTO_HASH_FINALIZED': return'Digest already called';
    case 'ERR_CRYPTO_HASH_UPDATE_FAILED': return'Hash update failed';
    case 'ERR_CRYPTO_INVALID_DIGEST': return'Invalid digest: %s';
    case 'ERR_CRYPTO_INVALID_KEYLEN': return'Invalid key length';
    case 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH': return'Input buffers must have the same byte length';
    case 'ERR_CRYPTO_UNKNOWN_CIPHER': return'Unknown cipher';
    case 'ERR_ZLIB_INITIALIZATION_FAILED': return'Initialization failed';
    case 'ERR_INVALID_BUFFER_SIZE': return'Buffer size must be a multiple of %s';
    case 'ERR_INVALID_MODULE_SPECIFIER': return (request, reason, base = undefined) =>
      `Invalid module "${request}" ${reason}${base ? ` imported from ${base}` : ''}`;
    case 'ERR_UNSUPPORTED_ESM_URL_SCHEME': return (url, supported) => {
      let msg = `Only URLs with a scheme in: ${supported.join(', ')} are supported by the default ESM loader`;
      if (url.protocol === 'file:' || /^[a-zA-Z]:$/.test(url.protocol ?? '')) msg += '. On Windows, absolute paths must be valid file:// URLs';
      return `${msg}. Received protocol '${url.protocol}'`;
    };
    case 'ERR_UNAVAILABLE_DURING_EXIT': return'Cannot call function in process exit handler';
    case 'ERR_USE_AFTER_CLOSE': return'%s was closed';
    case 'ERR_CONSOLE_WRITABLE_STREAM': return'Console expects a writable stream instance for %s';
    case 'ERR_INCOMPATIBLE_OPTION_PAIR': return'Option "%s" cannot be used in combination with option "%s"';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return'%s';
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return (option, allowPositionals) => {
      const suggestDashDash = allowPositionals ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : '';
      return `Unknown option '${option}'${suggestDashDash}`;
    };
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return"Unexpected argument '%s'. This command does not take positional arguments";
    case 'ERR_TLS_CERT_ALTNAME_INVALID': return"Hostname/IP does not match certificate's altnames: %s";
    case 'ERR_OUT_OF_RANGE_INTEGER': return'The value of "%s" is out of range.';
    case 'ERR_INVALID_TUPLE': return'%s must be an iterable %s tuple';
    default: return undefined;
  }
}
