// node:assert — written for atoll (Node 20 semantics).
import { inspect } from 'node:util';
import { codes } from '../internal/errors.js';
import { isDeepEqual, isDeepStrictEqual } from '../internal/comparisons.js';

const {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_INVALID_RETURN_VALUE,
  ERR_MISSING_ARGS,
} = codes;

function ambiguousArgument(name, reason) {
  const Ctor = codes.ERR_AMBIGUOUS_ARGUMENT;
  if (typeof Ctor === 'function') return new Ctor(name, reason);
  // Fallback until internal/errors.js defines the code: same shape as Node's.
  const err = new TypeError(`The "${name}" argument is ambiguous. ${reason}`);
  err.code = 'ERR_AMBIGUOUS_ARGUMENT';
  return err;
}

// ---------------------------------------------------------------------------
// AssertionError

const HEADERS = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

const SHORT_LIMIT = 12;   // below this, two primitives are shown as `a !== b`
const MAX_PRINTED = 50;   // rough limit for lines shown in a diff

function show(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

function isObjectLike(v) {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

function truncateLines(lines) {
  if (lines.length > MAX_PRINTED) {
    lines = lines.slice(0, 46);
    lines.push('...');
  }
  return lines;
}

// Line diff of the inspected values, `+` for actual and `-` for expected.
// A custom message, when given, stands in for the header line.
function diffMessage(actual, expected, operator, custom) {
  const actualText = show(actual);
  const a = actualText.split('\n');
  const e = show(expected).split('\n');

  if (operator === 'strictEqual' &&
      ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const header = custom ?? HEADERS[operator];

  let caret = '';
  if (a.length === 1 && e.length === 1 && a[0] !== e[0]) {
    const total = a[0].length + e[0].length;
    if (total <= SHORT_LIMIT) {
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${header}\n\n${a[0]} !== ${e[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject') {
      const columns = globalThis.process?.stderr?.isTTY ? globalThis.process.stderr.columns : 80;
      if (total < columns) {
        let at = 0;
        while (a[0][at] === e[0][at]) at++;
        if (at > 2) caret = `\n  ${' '.repeat(at)}^`;
      }
    }
  }

  // Common trailing lines are shown once, at the end (at most 3 plus the top one).
  const tail = [];
  while (a.length > 0 && e.length > 0 && a[a.length - 1] === e[e.length - 1]) {
    tail.unshift(a.pop());
    e.pop();
  }
  if (a.length === 0 && e.length === 0) {
    return `${HEADERS.notIdentical}\n\n${truncateLines(actualText.split('\n')).join('\n')}\n`;
  }
  let skipped = false;
  let ending = '';
  if (tail.length > 0) {
    const last3 = tail.slice(-3);
    const parts = [];
    if (tail.length > 3) parts.push(`  ${tail[0]}`);
    if (tail.length >= 5) {
      parts.push('...');
      skipped = true;
    }
    for (const l of last3) parts.push(`  ${l}`);
    ending = parts.map((p) => `\n${p}`).join('');
  }

  const out = [];         // lines of the diff body
  let pendingMinus = [];  // expected-side lines waiting to be flushed
  let sameRun = [];       // current run of identical lines
  const width = Math.max(a.length, e.length);
  const longer = a.length >= e.length ? a : e;
  const shorterLen = Math.min(a.length, e.length);

  let printed = 0;
  const flushContext = () => {
    // The first two lines of a run were already printed; show up to three before the change.
    const n = sameRun.length;
    if (n > 2) {
      if (n > 5) {
        out.push('...');
        skipped = true;
      }
      const from = n > 5 ? n - 2 : 2;
      for (let k = from; k < n; k++) {
        out.push(`  ${sameRun[k]}`);
        printed++;
      }
    }
    sameRun = [];
  };

  for (let i = 0; i < width; i++) {
    if (i >= shorterLen) {
      flushContext();
      if (longer === a) out.push(`+ ${a[i]}`);
      else pendingMinus.push(`- ${e[i]}`);
      printed++;
    } else {
      let al = a[i];
      const el = e[i];
      let differs = al !== el && !(al.endsWith(',') && al.slice(0, -1) === el);
      if (differs && el.endsWith(',') && el.slice(0, -1) === al) {
        differs = false;
        al += ',';
      }
      if (differs) {
        flushContext();
        out.push(`+ ${al}`);
        pendingMinus.push(`- ${el}`);
        printed += 2;
      } else {
        out.push(...pendingMinus);
        pendingMinus = [];
        sameRun.push(al);
        if (sameRun.length <= 2) {
          out.push(`  ${al}`);
          printed++;
        }
      }
    }
    if (printed > MAX_PRINTED && i < width - 2) {
      const body = out.map((l) => `\n${l}`).join('');
      const minus = pendingMinus.map((l) => `\n${l}`).join('');
      return `${header}\n+ actual - expected ... Lines skipped\n${body}\n...${minus}\n...`;
    }
  }
  const body = out.concat(pendingMinus).map((l) => `\n${l}`).join('');
  return `${header}\n+ actual - expected${skipped ? ' ... Lines skipped' : ''}\n` +
    `${body}${ending}${caret}`;
}

function generateMessage(actual, expected, operator) {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    return diffMessage(actual, expected, operator);
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let header = HEADERS[operator];
    if (operator === 'notStrictEqual' && isObjectLike(actual)) header = HEADERS.notStrictEqualObject;
    const lines = truncateLines(show(actual).split('\n'));
    if (lines.length === 1) return `${header}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${header}\n\n${lines.join('\n')}\n`;
  }
  let left = show(actual);
  let right = show(expected);
  const header = HEADERS[operator];
  if (operator === 'notDeepEqual' && left === right) {
    const msg = `${header}\n\n${left}`;
    return msg.length > 1024 ? `${msg.slice(0, 1021)}...` : msg;
  }
  if (left.length > 512) left = `${left.slice(0, 509)}...`;
  if (right.length > 512) right = `${right.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    return `${header}\n\n${left}\n\nshould loosely deep-equal\n\n${right}`;
  }
  const unequal = HEADERS[`${operator}Unequal`];
  if (unequal) return `${unequal}\n\n${left}\n\nshould not loosely deep-equal\n\n${right}`;
  return `${left} ${operator} ${right}`;
}

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const { message, operator, stackStartFn, details } = options;
    let { actual, expected } = options;
    let text;
    if (message != null && (operator === 'deepStrictEqual' || operator === 'strictEqual')) {
      // Node 20 keeps the diff and puts the custom message in place of the header.
      text = diffMessage(actual, expected, operator, String(message));
    } else if (message != null) {
      text = String(message);
    } else if (details) {
      text = details.map((d) => d.message ?? generateMessage(d.actual, d.expected, d.operator)).join('\n');
      actual = details[0]?.actual;
      expected = details[0]?.expected;
    } else {
      text = generateMessage(actual, expected, operator);
    }
    super(text);
    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]', writable: true, enumerable: false, configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    if (typeof Error.captureStackTrace === 'function') {
      try {
        Error.captureStackTrace(this, stackStartFn || this.constructor);
      } catch { /* engine without it */ }
    }
    // Make the stack start with `AssertionError [ERR_ASSERTION]: message` on every engine.
    try {
      const stack = this.stack;
      if (typeof stack === 'string' && !stack.startsWith('AssertionError')) {
        Object.defineProperty(this, 'stack', {
          value: `AssertionError [ERR_ASSERTION]: ${text}\n${stack}`.replace(/\n$/, ''),
          writable: true, enumerable: false, configurable: true,
        });
      }
    } catch { /* ignore */ }
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [inspect.custom](recurseTimes, ctx) {
    // Hide the (possibly huge) actual/expected strings, like Node does.
    const shown = { ...this };
    for (const key of ['actual', 'expected']) {
      if (typeof shown[key] === 'string' && shown[key].length > 128) {
        shown[key] = `${shown[key].slice(0, 125)}...`;
      }
    }
    Object.setPrototypeOf(shown, AssertionError.prototype);
    // The spread copies only enumerable keys; the stack and message are what inspect prints.
    for (const key of ['message', 'stack']) {
      Object.defineProperty(shown, key, { value: this[key], writable: true, configurable: true, enumerable: false });
    }
    return inspect(shown, { ...ctx, customInspect: false, depth: 0 });
  }
}

// ---------------------------------------------------------------------------
// helpers

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function isRegExp(v) {
  return v instanceof RegExp ||
    (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object RegExp]');
}

function isError(v) {
  return v instanceof Error ||
    (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Error]');
}

function isPromiseLike(v) {
  return v instanceof Promise ||
    (v !== null && typeof v === 'object' && typeof v.then === 'function' && typeof v.catch === 'function');
}

function needArgs(n) {
  if (n < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
}

// ---------------------------------------------------------------------------
// the assertions

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = function assert(...args) {
  innerOk(assert, args.length, ...args);
};

function equal(actual, expected, message) {
  needArgs(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
}

function notEqual(actual, expected, message) {
  needArgs(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
}

function deepEqual(actual, expected, message) {
  needArgs(arguments.length);
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
}

function notDeepEqual(actual, expected, message) {
  needArgs(arguments.length);
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
}

function deepStrictEqual(actual, expected, message) {
  needArgs(arguments.length);
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
}

function notDeepStrictEqual(actual, expected, message) {
  needArgs(arguments.length);
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
}

function strictEqual(actual, expected, message) {
  needArgs(arguments.length);
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
}

function notStrictEqual(actual, expected, message) {
  needArgs(arguments.length);
  if (Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }
}

function fail(actual, expected, message, operator, stackStartFn) {
  const argc = arguments.length;
  let generated = false;
  if (argc === 0) {
    generated = true;
    message = 'Failed';
  } else if (argc === 1) {
    message = actual;
    actual = undefined;
  } else {
    const proc = globalThis.process;
    if (!fail.warned && proc && typeof proc.emitWarning === 'function') {
      fail.warned = true;
      proc.emitWarning(
        'assert.fail() with more than one argument is deprecated. ' +
        'Please use assert.strictEqual() instead or only pass a message.',
        'DeprecationWarning', 'DEP0094');
    }
    if (argc === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message,
  });
  if (generated) err.generatedMessage = true;
  throw err;
}
Object.defineProperty(fail, 'warned', { value: false, writable: true, enumerable: false });

// An object holding only the compared keys, so the diff of a failed
// `throws(fn, { ... })` shows just what matters.
class Comparison {
  constructor(source, keys, actual) {
    for (const key of keys) {
      if (!(key in source)) continue;
      const want = source[key];
      if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(want) &&
          want.exec(actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = want;
      }
    }
  }
}

function compareKey(actual, expected, key, message, keys, fn) {
  if (key in actual && isDeepStrictEqual(actual[key], expected[key])) return;
  if (!message) {
    const err = new AssertionError({
      actual: new Comparison(actual, keys),
      expected: new Comparison(expected, keys, actual),
      operator: 'deepStrictEqual',
      stackStartFn: fn,
    });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
}

// Checks a caught value against the `error` argument of throws()/rejects().
function checkCaught(actual, expected, message, fn) {
  let generatedMessage = false;
  let text = message;

  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!text) {
        generatedMessage = true;
        text = 'The input did not match the regular expression ' +
          `${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      const err = new AssertionError({ actual, expected, message: text, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generatedMessage;
      throw err;
    }
    if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({
        actual, expected, message: text, operator: 'deepStrictEqual', stackStartFn: fn,
      });
      err.operator = fn.name;
      throw err;
    }
    const keys = Object.keys(expected);
    if (expected instanceof Error) {
      keys.push('name', 'message');
    } else if (keys.length === 0) {
      throw new ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
    }
    for (const key of keys) {
      if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
          expected[key].exec(actual[key]) !== null) {
        continue;
      }
      compareKey(actual, expected, key, text, keys, fn);
    }
    return;
  }

  if (expected.prototype !== undefined && actual instanceof expected) return;

  if (Error.isPrototypeOf(expected) || expected === Error) {
    if (!text) {
      generatedMessage = true;
      text = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = actual.constructor?.name || actual.name;
        if (expected.name === name) {
          text += 'an error with identical name but a different prototype.';
        } else {
          text += `"${name}"`;
        }
        if (actual.message) text += `\n\nError message:\n\n${actual.message}`;
      } else {
        text += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
    const err = new AssertionError({ actual, expected, message: text, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }

  const res = Reflect.apply(expected, {}, [actual]);
  if (res !== true) {
    if (!text) {
      generatedMessage = true;
      const name = expected.name ? `"${expected.name}" ` : '';
      text = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
      if (isError(actual)) text += `\n\nCaught error:\n\n${actual}`;
    }
    const err = new AssertionError({ actual, expected, message: text, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

const NO_EXCEPTION = Symbol('no exception');

function runSync(fn) {
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE('fn', 'Function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

async function runAsync(promiseFn) {
  let promise;
  if (typeof promiseFn === 'function') {
    promise = promiseFn();
    if (!isPromiseLike(promise)) {
      throw new ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', promise);
    }
  } else if (isPromiseLike(promiseFn)) {
    promise = promiseFn;
  } else {
    throw new ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (message !== undefined) {
      throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw ambiguousArgument('error/message', `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw ambiguousArgument('error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }

  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const kind = stackStartFn === rejects ? 'rejection' : 'exception';
    innerFail({
      actual: undefined,
      expected: error,
      operator: stackStartFn.name,
      message: `Missing expected ${kind}${details}`,
      stackStartFn,
    });
  }
  if (error !== undefined) checkCaught(actual, error, message, stackStartFn);
}

function matchesError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw new ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (error === undefined || matchesError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const kind = stackStartFn === doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${kind}${details}\nActual message: "${actual?.message}"`,
      stackStartFn,
    });
  }
  throw actual;
}

function throws(promiseFn, ...args) {
  expectsError(throws, runSync(promiseFn), ...args);
}

async function rejects(promiseFn, ...args) {
  expectsError(rejects, await runAsync(promiseFn), ...args);
}

function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, runSync(fn), ...args);
}

async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await runAsync(fn), ...args);
}

function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    if (err.message.length === 0 && err.constructor) message += err.constructor.name;
    else message += err.message;
  } else {
    message += inspect(err);
  }
  const newErr = new AssertionError({
    actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError,
  });
  // Append the original error's frames, as Node does.
  const origStack = err?.stack;
  if (typeof origStack === 'string' && typeof newErr.stack === 'string') {
    const frames = origStack.split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length > 0) {
      try {
        newErr.stack = `${newErr.stack}\n    at ifError (original stack)\n${frames.join('\n')}`;
      } catch { /* ignore */ }
    }
  }
  throw newErr;
}

function matchImpl(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw new ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  const wantMatch = fn === match;
  if (typeof string !== 'string' || (regexp.exec(string) !== null) !== wantMatch) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    if (!message) {
      if (typeof string !== 'string') {
        message = 'The "string" argument must be of type string. Received type ' +
          `${typeof string} (${inspect(string)})`;
      } else {
        message = (wantMatch
          ? 'The input did not match the regular expression '
          : 'The input was expected to not match the regular expression ') +
          `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
      }
    }
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function match(string, regexp, message) {
  matchImpl(string, regexp, message, match);
}

function doesNotMatch(string, regexp, message) {
  matchImpl(string, regexp, message, doesNotMatch);
}

// ---------------------------------------------------------------------------
// CallTracker (deprecated in Node 20, still exported)

let callTrackerWarned = false;
const noop = () => {};

class CallTracker {
  #tracked = new Map(); // wrapper -> { name, exact, calls: [], stack }

  constructor() {
    const proc = globalThis.process;
    if (!callTrackerWarned && proc && typeof proc.emitWarning === 'function') {
      callTrackerWarned = true;
      proc.emitWarning('assert.CallTracker is deprecated.', 'DeprecationWarning', 'DEP0173');
    }
  }

  calls(fn, exact = 1) {
    if (typeof fn === 'number') {
      exact = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    if (typeof exact !== 'number') throw new ERR_INVALID_ARG_TYPE('exact', 'number', exact);
    if (!Number.isInteger(exact) || exact < 1 || exact > 0xFFFFFFFF) {
      throw new codes.ERR_OUT_OF_RANGE('exact', '>= 1 && <= 4294967295', exact);
    }
    const record = { name: fn.name || 'calls', exact, calls: [], stack: new Error() };
    const wrapper = new Proxy(fn, {
      apply(target, thisArg, args) {
        record.calls.push({ thisArg, arguments: args });
        return Reflect.apply(target, thisArg, args);
      },
    });
    this.#tracked.set(wrapper, record);
    return wrapper;
  }

  #get(tracked) {
    const record = this.#tracked.get(tracked);
    if (record === undefined) {
      throw new ERR_INVALID_ARG_VALUE('tracked', tracked, 'is not a tracked function');
    }
    return record;
  }

  getCalls(tracked) {
    return this.#get(tracked).calls.map((c) => Object.freeze({ ...c }));
  }

  reset(tracked) {
    if (tracked === undefined) {
      for (const record of this.#tracked.values()) record.calls = [];
      return;
    }
    this.#get(tracked).calls = [];
  }

  report() {
    const out = [];
    for (const record of this.#tracked.values()) {
      if (record.calls.length === record.exact) continue;
      out.push({
        message: `Expected the ${record.name} function to be executed ${record.exact} time(s) ` +
          `but was executed ${record.calls.length} time(s).`,
        actual: record.calls.length,
        expected: record.exact,
        operator: record.name,
        stack: record.stack,
      });
    }
    return out;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1
      ? errors[0].message
      : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

// ---------------------------------------------------------------------------
// assembly

const strict = function strict(...args) {
  innerOk(strict, args.length, ...args);
};

const common = {
  fail,
  AssertionError,
  CallTracker,
  ok,
  strictEqual,
  notStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
};

Object.assign(assert, common, { equal, notEqual, deepEqual, notDeepEqual });
Object.assign(strict, common, {
  equal: strictEqual,
  notEqual: notStrictEqual,
  deepEqual: deepStrictEqual,
  notDeepEqual: notDeepStrictEqual,
});
assert.strict = strict;
strict.strict = strict;

export {
  AssertionError,
  CallTracker,
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  strictEqual,
  notStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
  fail,
  strict,
};
export default assert;
