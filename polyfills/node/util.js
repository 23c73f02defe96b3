// node:util for atoll (Node 20 semantics), written for QuickJS-ng. inspect, format and
// formatWithOptions live in internal/util/inspect.js (console loads only that).
import { op_require_builtin } from 'atoll:ops';
import * as typesNs from 'node:util/types';
import { inspect, format, formatWithOptions, ansiRe } from '../internal/util/inspect.js';
import { TextEncoder, TextDecoder } from '../internal/web/encoding.js';

export { inspect, format, formatWithOptions };

// The error codes, the validators and deep equality load on first need.
let errorsNs = null;
const errors = () => (errorsNs ??= op_require_builtin('atoll:internal/errors'));
let validatorsNs = null;
const validators = () => (validatorsNs ??= op_require_builtin('atoll:internal/validators'));
const validator = (name) => (...args) => validators()[name](...args);
const validateFunction = validator('validateFunction');
const validateString = validator('validateString');
const validateNumber = validator('validateNumber');
const validateObject = validator('validateObject');
const validateAbortSignal = validator('validateAbortSignal');
const paValidateArray = validator('validateArray');
const paValidateBoolean = validator('validateBoolean');
const paValidateBooleanArray = validator('validateBooleanArray');
const paValidateStringArray = validator('validateStringArray');
const paValidateUnion = validator('validateUnion');

function ERR_INVALID_ARG_TYPE(...args) { return new (errors().codes.ERR_INVALID_ARG_TYPE)(...args); }
function ERR_OUT_OF_RANGE(...args) { return new (errors().codes.ERR_OUT_OF_RANGE)(...args); }
function ERR_FALSY_VALUE_REJECTION(...args) { return new (errors().codes.ERR_FALSY_VALUE_REJECTION)(...args); }
function ERR_INVALID_ARG_VALUE(...args) { return new (errors().codes.ERR_INVALID_ARG_VALUE)(...args); }

export const types = typesNs.default;
const { isDate, isNativeError, isRegExp } = typesNs;

const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom');
// Polyfills may set this on a callback-style function to make promisify resolve with an
// object of these names (Node's internal customPromisifyArgs, e.g. child_process.exec).
const kPromisifyArgs = Symbol.for('atoll.util.promisify.customArgs');

// ---------------------------------------------------------------------------
// promisify / callbackify / inherits / deprecate

function nextTick(fn, ...args) {
  const p = globalThis.process;
  if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

export function promisify(original) {
  validateFunction(original, 'original');
  if (original[kPromisifyCustom]) {
    const fn = original[kPromisifyCustom];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kPromisifyCustom, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  const argumentNames = original[kPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kPromisifyCustom, {
    value: fn, enumerable: false, writable: false, configurable: true,
  });
  const descriptors = Object.getOwnPropertyDescriptors(original);
  for (const k of Reflect.ownKeys(descriptors)) {
    try { Object.defineProperty(fn, k, descriptors[k]); } catch { /* non-configurable */ }
  }
  return fn;
}
promisify.custom = kPromisifyCustom;

function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    const err = new ERR_FALSY_VALUE_REJECTION();
    err.reason = reason;
    reason = err;
  }
  return cb(reason);
}

export function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const cb = args.pop();
    validateFunction(cb, 'last argument');
    const onOk = (ret) => nextTick(cb, null, ret);
    const onErr = (rej) => nextTick(callbackifyOnRejected, rej, cb);
    Reflect.apply(original, this, args).then(onOk, onErr);
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (descriptors.length && typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (descriptors.name && typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  const proto = Object.getPrototypeOf(original);
  if (proto !== null) Object.setPrototypeOf(callbackified, proto);
  for (const k of Reflect.ownKeys(descriptors)) {
    try { Object.defineProperty(callbackified, k, descriptors[k]); } catch { /* ignore */ }
  }
  return callbackified;
}

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  if (superCtor.prototype === undefined) {
    throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const codesWarned = new Set();

export function deprecate(fn, msg, code) {
  validateFunction(fn, 'fn');
  const proc = globalThis.process;
  if (proc && proc.noDeprecation === true) return fn;
  if (code !== undefined) validateString(code, 'code');
  let warned = false;
  function deprecated(...args) {
    const p = globalThis.process;
    if (!warned && !(p && p.noDeprecation === true)) {
      warned = true;
      if (code === undefined || !codesWarned.has(code)) {
        if (code !== undefined) codesWarned.add(code);
        if (p && typeof p.emitWarning === 'function') p.emitWarning(msg, 'DeprecationWarning', code, deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// ---------------------------------------------------------------------------
// misc

export function isDeepStrictEqual(a, b) {
  return op_require_builtin('atoll:internal/comparisons').isDeepStrictEqual(a, b);
}

export function stripVTControlCharacters(str) {
  validateString(str, 'str');
  return str.replace(ansiRe, '');
}

export function toUSVString(input) {
  const s = `${input}`;
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function getSystemErrorName(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) throw new ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  return errors().getSystemErrorName(err);
}

export function getSystemErrorMap() { return errors().getSystemErrorMap(); }

export function _errnoException(err, syscall, original) {
  const code = errors().getSystemErrorName(err);
  const e = new Error(`${syscall} ${code}${original ? ` ${original}` : ''}`);
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  return e;
}

export function _exceptionWithHostPort(err, syscall, address, port, additional) {
  const code = errors().getSystemErrorName(err);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  if (additional) details += ` - Local (${additional})`;
  const e = new Error(`${syscall} ${code}${details}`);
  e.errno = err;
  e.code = code;
  e.syscall = syscall;
  e.address = address;
  if (port) e.port = port;
  return e;
}

// Resolves once `signal` aborts (Node keeps `resource` weakly; here it is only validated).
export function aborted(signal, resource) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateObject(resource, 'resource', { nullable: false, allowFunction: true, allowArray: true });
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function styleText(format, text) {
  validateString(text, 'text');
  const formats = Array.isArray(format) ? format : [format];
  let left = '';
  let right = '';
  for (const f of formats) {
    const code = inspect.colors[f];
    if (code === undefined) {
      throw new ERR_INVALID_ARG_VALUE('format', f, `must be one of: ${Object.keys(inspect.colors).join(', ')}`);
    }
    left += `\u001b[${code[0]}m`;
    right = `\u001b[${code[1]}m${right}`;
  }
  return `${left}${text}${right}`;
}

const debugSections = new Map();
export function debuglog(section, cb) {
  const name = String(section).toUpperCase();
  let enabled;
  const isEnabled = () => {
    if (enabled === undefined) {
      const env = globalThis.process?.env?.NODE_DEBUG ?? '';
      const re = new RegExp(`^(${env.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^')})$`, 'i');
      enabled = env !== '' && re.test(name);
      debugSections.set(name, enabled);
    }
    return enabled;
  };
  const logger = (...args) => {
    if (!isEnabled()) return;
    const pid = globalThis.process?.pid ?? 0;
    const line = `${name} ${pid}: ${format(...args)}\n`;
    const stderr = globalThis.process?.stderr;
    if (stderr && typeof stderr.write === 'function') stderr.write(line);
    else if (globalThis.console) globalThis.console.error(line.slice(0, -1));
  };
  Object.defineProperty(logger, 'enabled', { get: isEnabled, enumerable: true, configurable: true });
  if (typeof cb === 'function') cb(logger);
  return logger;
}
export const debug = debuglog;

export function isArray(v) { return Array.isArray(v); }
export function isBoolean(v) { return typeof v === 'boolean'; }
export function isNull(v) { return v === null; }
export function isNullOrUndefined(v) { return v === null || v === undefined; }
export function isNumber(v) { return typeof v === 'number'; }
export function isString(v) { return typeof v === 'string'; }
export function isSymbol(v) { return typeof v === 'symbol'; }
export function isUndefined(v) { return v === undefined; }
function isRegExpLegacy(v) { return isRegExp(v); }
export function isObject(v) { return v !== null && typeof v === 'object'; }
function isDateLegacy(v) { return isDate(v); }
export function isError(v) { return isNativeError(v) || v instanceof Error; }
export function isFunction(v) { return typeof v === 'function'; }
export function isPrimitive(v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); }
export function isBuffer(v) {
  const B = globalThis.Buffer;
  return typeof B === 'function' && typeof B.isBuffer === 'function' ? B.isBuffer(v) : false;
}

export function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

export function log(...args) {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  globalThis.console.log('%s - %s', `${d.getDate()} ${months[d.getMonth()]} ${time}`, format(...args));
}

export { isRegExpLegacy as isRegExp, isDateLegacy as isDate };

// The same classes the runtime installs as globals (util may load before the globals exist).
export { TextEncoder, TextDecoder };

// ---------------------------------------------------------------------------
// parseArgs (Node 20: string/boolean options, short, multiple, default, strict,
// allowPositionals, tokens; ERR_PARSE_ARGS_* errors)

function paGetOwn(obj, prop) {
  if (Object.hasOwn(obj, prop)) return obj[prop];
  return undefined;
}

function paOptionsGetOwn(options, longOption, prop) {
  if (Object.hasOwn(options, longOption)) return paGetOwn(options[longOption], prop);
  return undefined;
}

function paMainArgs() {
  const p = globalThis.process;
  const execArgv = p.execArgv ?? [];
  if (['-e', '--eval', '-p', '--print'].some((f) => execArgv.includes(f))) return p.argv.slice(1);
  return p.argv.slice(2);
}

function paIsOptionValue(value) { return value != null; }

function paIsOptionLikeValue(value) {
  return value != null && value.length > 1 && value[0] === '-';
}

function paIsLoneShortOption(arg) { return arg.length === 2 && arg[0] === '-' && arg[1] !== '-'; }

function paIsLoneLongOption(arg) { return arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3); }

function paIsLongOptionAndValue(arg) { return arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3); }

function paFindLongOptionForShort(shortOption, options) {
  validateObject(options, 'options');
  const entry = Object.entries(options).find(([, config]) => paGetOwn(config, 'short') === shortOption);
  return entry?.[0] ?? shortOption;
}

function paIsShortOptionGroup(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  const longOption = paFindLongOptionForShort(arg[1], options);
  return paOptionsGetOwn(options, longOption, 'type') !== 'string';
}

function paIsShortOptionAndValue(arg, options) {
  validateObject(options, 'options');
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  const longOption = paFindLongOptionForShort(arg[1], options);
  return paOptionsGetOwn(options, longOption, 'type') === 'string';
}

function paStoreOption(longOption, optionValue, options, values) {
  if (longOption === '__proto__') return;
  const newValue = optionValue ?? true;
  if (paOptionsGetOwn(options, longOption, 'multiple')) {
    if (values[longOption]) values[longOption].push(newValue);
    else values[longOption] = [newValue];
  } else {
    values[longOption] = newValue;
  }
}

function paCheckOptionLikeValue(token) {
  if (!token.inlineValue && paIsOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith('--')
      ? `'${token.rawName}=-XYZ'`
      : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    const message = `Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`;
    throw new (errors().codes.ERR_PARSE_ARGS_INVALID_OPTION_VALUE)(message);
  }
}

function paCheckOptionUsage(config, token) {
  if (!Object.hasOwn(config.options, token.name)) {
    throw new (errors().codes.ERR_PARSE_ARGS_UNKNOWN_OPTION)(token.rawName, config.allowPositionals);
  }
  const short = paOptionsGetOwn(config.options, token.name, 'short');
  const shortAndLong = `${short ? `-${short}, ` : ''}--${token.name}`;
  const type = paOptionsGetOwn(config.options, token.name, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw new (errors().codes.ERR_PARSE_ARGS_INVALID_OPTION_VALUE)(`Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw new (errors().codes.ERR_PARSE_ARGS_INVALID_OPTION_VALUE)(`Option '${shortAndLong}' does not take an argument`);
  }
}

function paArgsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remainingArgs = args.slice();
  while (remainingArgs.length > 0) {
    const arg = remainingArgs.shift();
    const nextArg = remainingArgs[0];
    if (groupCount > 0) groupCount--;
    else index++;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const rest of remainingArgs) tokens.push({ kind: 'positional', index: ++index, value: rest });
      break;
    }
    if (paIsLoneShortOption(arg)) {
      const shortOption = arg[1];
      const longOption = paFindLongOptionForShort(shortOption, options);
      let value;
      let inlineValue;
      if (paOptionsGetOwn(options, longOption, 'type') === 'string' && paIsOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (paIsShortOptionGroup(arg, options)) {
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const shortOption = arg[i];
        const longOption = paFindLongOptionForShort(shortOption, options);
        if (paOptionsGetOwn(options, longOption, 'type') !== 'string' || i === arg.length - 1) {
          expanded.push(`-${shortOption}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remainingArgs.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }
    if (paIsShortOptionAndValue(arg, options)) {
      const shortOption = arg[1];
      const longOption = paFindLongOptionForShort(shortOption, options);
      tokens.push({
        kind: 'option', name: longOption, rawName: `-${shortOption}`, index, value: arg.slice(2), inlineValue: true,
      });
      continue;
    }
    if (paIsLoneLongOption(arg)) {
      const longOption = arg.slice(2);
      let value;
      let inlineValue;
      if (paOptionsGetOwn(options, longOption, 'type') === 'string' && paIsOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }
    if (paIsLongOptionAndValue(arg)) {
      const equalIndex = arg.indexOf('=');
      const longOption = arg.slice(2, equalIndex);
      tokens.push({
        kind: 'option', name: longOption, rawName: `--${longOption}`, index, value: arg.slice(equalIndex + 1), inlineValue: true,
      });
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

export function parseArgs(config = {}) {
  const args = paGetOwn(config, 'args') ?? paMainArgs();
  const strict = paGetOwn(config, 'strict') ?? true;
  const allowPositionals = paGetOwn(config, 'allowPositionals') ?? !strict;
  const returnTokens = paGetOwn(config, 'tokens') ?? false;
  const options = paGetOwn(config, 'options') ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals };

  paValidateArray(args, 'args');
  paValidateBoolean(strict, 'strict');
  paValidateBoolean(allowPositionals, 'allowPositionals');
  paValidateBoolean(returnTokens, 'tokens');
  validateObject(options, 'options');
  for (const [longOption, optionConfig] of Object.entries(options)) {
    validateObject(optionConfig, `options.${longOption}`);
    const optionType = paGetOwn(optionConfig, 'type');
    paValidateUnion(optionType, `options.${longOption}.type`, ['string', 'boolean']);
    if (Object.hasOwn(optionConfig, 'short')) {
      const shortOption = optionConfig.short;
      validateString(shortOption, `options.${longOption}.short`);
      if (shortOption.length !== 1) {
        throw ERR_INVALID_ARG_VALUE(`options.${longOption}.short`, shortOption, 'must be a single character');
      }
    }
    const multipleOption = paGetOwn(optionConfig, 'multiple');
    if (Object.hasOwn(optionConfig, 'multiple')) paValidateBoolean(multipleOption, `options.${longOption}.multiple`);
    const defaultValue = paGetOwn(optionConfig, 'default');
    if (defaultValue !== undefined) {
      let validator;
      if (optionType === 'string') validator = multipleOption ? paValidateStringArray : validateString;
      else validator = multipleOption ? paValidateBooleanArray : paValidateBoolean;
      validator(defaultValue, `options.${longOption}.default`);
    }
  }

  const tokens = paArgsToTokens(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        paCheckOptionUsage(parseConfig, token);
        paCheckOptionLikeValue(token);
      }
      paStoreOption(token.name, token.value, options, result.values);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) throw new (errors().codes.ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL)(token.value);
      result.positionals.push(token.value);
    }
  }
  for (const [longOption, optionConfig] of Object.entries(options)) {
    const defaultValue = paGetOwn(optionConfig, 'default');
    if (defaultValue !== undefined && result.values[longOption] === undefined && longOption !== '__proto__') {
      result.values[longOption] = defaultValue;
    }
  }
  return result;
}

export default {
  inspect, format, formatWithOptions, promisify, callbackify, inherits, deprecate,
  isDeepStrictEqual, types, stripVTControlCharacters, toUSVString, getSystemErrorName,
  getSystemErrorMap, _errnoException, _exceptionWithHostPort, aborted, styleText, debuglog, debug, isArray, isBoolean, isNull,
  isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp: isRegExpLegacy,
  isObject, isDate: isDateLegacy, isError, isFunction, isPrimitive, isBuffer, _extend, log,
  TextEncoder, TextDecoder, parseArgs,
};
