// Start-up: installs globals and returns the hooks the Rust event loop calls. A tiny script
// should load little beyond this file: heavy globals (Buffer, URL, TextEncoder, ...) are lazy
// getters, `process` (node:process, node:events), the timers (internal/timers.js) and the error
// codes (internal/errors.js) load on first use, and the hooks answer without them until then.
import {
  op_set_error_factory, op_require_builtin, op_take_rejections, op_source_line, op_stdio_write,
  op_eval_script, op_ipc_take_inherited, op_run_microtasks,
} from 'atoll:ops';

const builtin = (name) => op_require_builtin(name);
const cjs = () => builtin('atoll:internal/cjs');
let errorsNs = null;
const errors = () => (errorsNs ??= builtin('atoll:internal/errors'));

// node:process, once anything has loaded it (it registers itself: a static `import` of
// node:process elsewhere loads it too). Until then nobody can have added listeners or set
// process.exitCode, so the exit path can skip it.
let proc = null;
let procEmitExit = null;
export function registerProcess(process, emitExit) {
  proc = process;
  procEmitExit = emitExit;
}
const getProcess = () => proc ?? builtin('node:process').default;

// internal/timers.js, once loaded (it registers itself; process.js imports it): before that no
// timer, immediate or tick can exist.
let timers = null;
export function registerTimers(api) { timers = api; }
const loadTimers = () => timers ?? (builtin('atoll:internal/timers'), timers);

// Ops report errors as plain fields; Node-shaped errors are made here and only here.
function makeOpError(f) {
  const { codes, uvException, nodeError } = errors();
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

// A global that loads on first access (then becomes a plain data property), or that is
// replaced by assignment. `load` is a module name and export key (table below) or a function.
function defineLazy(name, from, key) {
  const become = (value) => {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    return value;
  };
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() { return become(typeof from === 'function' ? from() : builtin(from)[key]); },
    set: become,
  });
}

// Timers, immediates and queueMicrotask, enumerable data properties as in Node. They are
// defined here (node:timers exports these same functions) so that internal/timers.js loads
// only once a timer exists; clearing before then has nothing to clear.
function callbackError(value) {
  return new (errors().codes.ERR_INVALID_ARG_TYPE)('callback', 'function', value);
}
export { callbackError };

export function setTimeout(callback, after, ...args) {
  if (typeof callback !== 'function') throw callbackError(callback);
  return new (loadTimers().Timeout)(callback, after, args, false);
}
export function setInterval(callback, repeat, ...args) {
  if (typeof callback !== 'function') throw callbackError(callback);
  return new (loadTimers().Timeout)(callback, repeat, args, true);
}
export function clearTimeout(timer) {
  if (timers !== null) timers.clearTimer(timer);
}
export function clearInterval(timer) {
  if (timers !== null) timers.clearTimer(timer);
}
export function setImmediate(callback, ...args) {
  if (typeof callback !== 'function') throw callbackError(callback);
  return loadTimers().addImmediate(callback, args);
}
export function clearImmediate(immediate) {
  if (timers !== null) timers.clearImmediate(immediate);
}
function queueMicrotask(callback) {
  if (typeof callback !== 'function') {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('callback', 'Function', callback);
  }
  // A throwing microtask is an uncaught exception, not a rejection.
  Promise.resolve().then(() => {
    try { callback(); } catch (err) { handleUncaught(err); }
  });
}

// Lazy globals as (name, module, export key) triples.
const lazyGlobals = [
  'console', 'node:console', 'default',
  'Buffer', 'node:buffer', 'Buffer',
  'Blob', 'node:buffer', 'Blob',
  'File', 'node:buffer', 'File',
  'atob', 'node:buffer', 'atob',
  'btoa', 'node:buffer', 'btoa',
  'URL', 'node:url', 'URL',
  'URLSearchParams', 'node:url', 'URLSearchParams',
  'TextEncoder', 'atoll:internal/web/encoding', 'TextEncoder',
  'TextDecoder', 'atoll:internal/web/encoding', 'TextDecoder',
  'DOMException', 'atoll:internal/web/dom_exception', 'DOMException',
  'Event', 'atoll:internal/web/event_target', 'Event',
  'EventTarget', 'atoll:internal/web/event_target', 'EventTarget',
  'CustomEvent', 'atoll:internal/web/event_target', 'CustomEvent',
  'AbortController', 'atoll:internal/web/abort', 'AbortController',
  'AbortSignal', 'atoll:internal/web/abort', 'AbortSignal',
  'structuredClone', 'atoll:internal/web/structured_clone', 'structuredClone',
  'performance', 'node:perf_hooks', 'performance',
  'crypto', 'atoll:internal/web/crypto', 'crypto',
  'Crypto', 'atoll:internal/web/crypto', 'Crypto',
  'CryptoKey', 'atoll:internal/web/crypto', 'CryptoKey',
  'SubtleCrypto', 'atoll:internal/web/crypto', 'SubtleCrypto',
  // WHATWG streams and fetch (internal/web/streams.js, internal/web/fetch.js).
  'ReadableStream', 'atoll:internal/web/streams', 'ReadableStream',
  'ReadableStreamDefaultReader', 'atoll:internal/web/streams', 'ReadableStreamDefaultReader',
  'ReadableStreamBYOBReader', 'atoll:internal/web/streams', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'atoll:internal/web/streams', 'ReadableStreamBYOBRequest',
  'ReadableByteStreamController', 'atoll:internal/web/streams', 'ReadableByteStreamController',
  'ReadableStreamDefaultController', 'atoll:internal/web/streams', 'ReadableStreamDefaultController',
  'TransformStream', 'atoll:internal/web/streams', 'TransformStream',
  'TransformStreamDefaultController', 'atoll:internal/web/streams', 'TransformStreamDefaultController',
  'WritableStream', 'atoll:internal/web/streams', 'WritableStream',
  'WritableStreamDefaultWriter', 'atoll:internal/web/streams', 'WritableStreamDefaultWriter',
  'WritableStreamDefaultController', 'atoll:internal/web/streams', 'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy', 'atoll:internal/web/streams', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'atoll:internal/web/streams', 'CountQueuingStrategy',
  'TextEncoderStream', 'atoll:internal/web/streams', 'TextEncoderStream',
  'TextDecoderStream', 'atoll:internal/web/streams', 'TextDecoderStream',
  'CompressionStream', 'atoll:internal/web/streams', 'CompressionStream',
  'DecompressionStream', 'atoll:internal/web/streams', 'DecompressionStream',
  'fetch', 'atoll:internal/web/fetch', 'fetch',
  'Request', 'atoll:internal/web/fetch', 'Request',
  'Response', 'atoll:internal/web/fetch', 'Response',
  'Headers', 'atoll:internal/web/fetch', 'Headers',
  'FormData', 'atoll:internal/web/fetch', 'FormData',
];

// `process` is an accessor, as in Node: reading it loads node:process; assigning replaces
// what the global answers (not the real process the runtime uses).
let globalProcess = null;
let processAssigned = false;

function installGlobals() {
  const enumerable = (name, value) => {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
  };
  enumerable('global', globalThis);
  Object.defineProperty(globalThis, 'process', {
    get() { return processAssigned ? globalProcess : getProcess(); },
    set(value) { processAssigned = true; globalProcess = value; },
    enumerable: false,
    configurable: true,
  });
  enumerable('clearImmediate', clearImmediate);
  enumerable('setImmediate', setImmediate);
  enumerable('clearInterval', clearInterval);
  enumerable('clearTimeout', clearTimeout);
  enumerable('setInterval', setInterval);
  enumerable('setTimeout', setTimeout);
  enumerable('queueMicrotask', queueMicrotask);
  for (let i = 0; i < lazyGlobals.length; i += 3) {
    defineLazy(lazyGlobals[i], lazyGlobals[i + 1], lazyGlobals[i + 2]);
  }
  defineLazy('WebAssembly', () => builtin('atoll:internal/web/webassembly').default.WebAssembly);
}

// ---- uncaught exceptions and unhandled rejections ----
let handlingFatal = false;

function location(err) {
  const stack = typeof err?.stack === 'string' ? err.stack : '';
  const m = /\(?((?:\/|file:\/\/)[^\s():]+):(\d+):(\d+)\)?/.exec(stack);
  if (!m) return null;
  const file = m[1].replace(/^file:\/\//, '');
  const line = op_source_line(file, Number(m[2]));
  if (line === undefined || line === null) return null;
  let column = Number(m[3]);
  // CommonJS line 1 carries the function wrapper's prefix.
  if (m[2] === '1') column -= cjs().wrapperColumnOffset(file);
  return `${file}:${m[2]}\n${line}\n${' '.repeat(Math.max(0, column - 1))}^\n\n`;
}

function describe(err) {
  try {
    return builtin('node:util').inspect(err, { colors: false });
  } catch {
    return String(err?.stack ?? err);
  }
}

export function printFatal(err) {
  let text = '';
  if (err instanceof Error) {
    text += location(err) ?? '';
    text += describe(err);
  } else {
    text += `Uncaught ${describe(err)}`;
  }
  op_stdio_write(2, `${text}\n\nNode.js ${getProcess().version}\n`);
}

function isOutOfMemory(err) {
  return typeof InternalError === 'function' && err instanceof InternalError && err.message === 'out of memory';
}

// `-e`, `-p` and embedded expressions run as scripts with CommonJS-style globals.
function installEvalGlobals(name) {
  // The CommonJS loader loads on first use of these globals (embedded expressions rarely need it).
  let m;
  const evalModule = () => {
    if (!m) {
      const { Module } = cjs();
      m = new Module(name, null);
      const cwd = getProcess().cwd();
      m.filename = `${cwd}/${name}`;
      m.paths = Module._nodeModulePaths(cwd);
    }
    return m;
  };
  defineLazy('require', () => cjs().makeRequire(evalModule()));
  defineLazy('module', evalModule);
  defineLazy('exports', () => evalModule().exports);
  for (const [key, value] of [['__filename', name], ['__dirname', '.']]) {
    Object.defineProperty(globalThis, key, { value, writable: true, configurable: true, enumerable: false });
  }
}

export function handleUncaught(err, origin = 'uncaughtException') {
  // Heap exhaustion is the runtime's to report (exit 134), not a script error to handle.
  if (isOutOfMemory(err)) throw err;
  if (!handlingFatal && proc !== null && proc.listenerCount('uncaughtException') > 0) {
    handlingFatal = true;
    try {
      proc.emit('uncaughtException', err, origin);
    } catch (again) {
      handlingFatal = false;
      return die(again);
    }
    handlingFatal = false;
    return;
  }
  die(err);
}

function die(err) {
  printFatal(err);
  const process = getProcess();
  process.exitCode = 1;
  try { procEmitExit(); } catch { /* an 'exit' listener threw; exiting anyway */ }
  process.reallyExit(1);
}

const pendingRejections = new Map(); // promise -> reason

function unhandledRejectionError(reason) {
  if (reason instanceof Error) return reason;
  let shown;
  try { shown = builtin('node:util').inspect(reason); } catch { shown = String(reason); }
  const err = new Error(`This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".`);
  err.name = 'UnhandledPromiseRejection';
  err.code = 'ERR_UNHANDLED_REJECTION';
  return err;
}

// After microtasks drained: report rejections still unhandled. Returns true if it ran code.
export function processRejections() {
  const events = op_take_rejections();
  for (const [promise, reason, handled] of events) {
    if (!handled) {
      pendingRejections.set(promise, reason);
    } else if (pendingRejections.has(promise)) {
      pendingRejections.delete(promise);
    } else if (proc !== null) {
      proc.emit('rejectionHandled', promise);
    }
  }
  if (pendingRejections.size === 0) return false;
  const list = [...pendingRejections];
  pendingRejections.clear();
  for (const [promise, reason] of list) {
    if (proc !== null && proc.listenerCount('unhandledRejection') > 0) {
      try {
        proc.emit('unhandledRejection', reason, promise);
      } catch (err) {
        handleUncaught(err);
      }
    } else {
      handleUncaught(unhandledRejectionError(reason), 'unhandledRejection');
    }
  }
  return true;
}

// Node's processTicksAndRejections (internal/timers.js runTicks) once the timers exist; before
// that, only microtasks and the rejections they leave. A microtask or rejection handler that
// loads the timers (process.nextTick) hands the rest to them.
function runTicks() {
  for (;;) {
    if (timers !== null) return timers.runTicks();
    if (!(op_run_microtasks() && processRejections()) && timers === null) return;
  }
}

// The settled value of an embedded expression (Main::Expression).
let result;

export function bootstrap() {
  op_set_error_factory(makeOpError);
  installGlobals();
  // A child started by fork() (or with a stdio 'ipc' entry) talks to its parent from the start.
  const channel = op_ipc_take_inherited();
  if (channel !== null) builtin('atoll:internal/child_process/ipc').setupChildChannel(channel);
  return {
    runMain(filename) {
      try {
        cjs().runMain(filename, (err) => handleUncaught(err));
      } catch (err) {
        handleUncaught(err);
      }
    },
    runServe(filename, host, port) {
      try {
        builtin('atoll:internal/web/serve').serve(filename, host, port, (err) => handleUncaught(err));
      } catch (err) {
        handleUncaught(err);
      }
    },
    runEval(source, print) {
      installEvalGlobals('[eval]');
      try {
        const result = op_eval_script(source, '[eval]');
        if (print) globalThis.console.log(result);
      } catch (err) {
        handleUncaught(err);
      }
    },
    runExpression(source) {
      installEvalGlobals('[embed]');
      result = { pending: true };
      try {
        Promise.resolve(op_eval_script(source, '[embed]')).then(
          (value) => { result = { value }; },
          (error) => {
            if (isOutOfMemory(error)) throw error;
            result = { error };
          },
        );
      } catch (error) {
        if (isOutOfMemory(error)) throw error;
        result = { error };
      }
    },
    takeResult() {
      if (!result || result.pending) return { error: 'the result promise never settled' };
      if ('error' in result) return { error: describe(result.error) };
      const { value } = result;
      if (value instanceof Uint8Array) return { bytes: value };
      return { json: JSON.stringify(value) ?? 'null' };
    },
    runTicks,
    // Until internal/timers.js loads there are no timers, immediates or ticks.
    runTimers() { return timers === null ? -1 : timers.runTimers(); },
    runImmediates() { if (timers !== null) timers.runImmediates(); },
    hasImmediates() { return timers !== null && timers.hasImmediates(); },
    hasRefs() { return timers !== null && timers.hasRefs(); },
    emitBeforeExit() {
      // Nobody can listen for 'beforeExit' before node:process is loaded.
      if (proc === null) return;
      try {
        proc.emit('beforeExit', proc.exitCode ?? 0);
      } catch (err) {
        handleUncaught(err);
      }
      runTicks();
    },
    emitExit() {
      // Without node:process, no 'exit' listener or process.exitCode can exist.
      if (proc === null) return 0;
      try {
        return procEmitExit();
      } catch (err) {
        printFatal(err);
        return 7;
      }
    },
    handleUncaught,
  };
}
