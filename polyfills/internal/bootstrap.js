// Start-up: installs globals and returns the hooks the Rust event loop calls. Heavy globals
// (Buffer, URL, TextEncoder, ...) are lazy getters, so a script pays only for what it touches.
import {
  op_set_error_factory, op_require_builtin, op_take_rejections, op_source_line, op_stdio_write,
  op_eval_script, op_ipc_take_inherited,
} from 'atoll:ops';
import { codes, uvException, nodeError } from './errors.js';
import * as timers from './timers.js';
import process, { emitExit } from 'node:process';

// Ops report errors as plain fields; Node-shaped errors are made here and only here.
function makeOpError(f) {
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

function defineLazy(name, load) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() {
      const value = load();
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
      return value;
    },
    set(value) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    },
  });
}

function defineValue(name, value) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}

const builtin = (name) => op_require_builtin(name);
const cjs = () => builtin('atoll:internal/cjs');

function installGlobals() {
  defineValue('global', globalThis);
  defineValue('process', process);
  defineLazy('console', () => builtin('node:console').default);
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) {
    defineValue(name, timers[name]);
  }
  defineValue('queueMicrotask', function queueMicrotask(callback) {
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    // A throwing microtask is an uncaught exception, not a rejection.
    Promise.resolve().then(() => {
      try { callback(); } catch (err) { handleUncaught(err); }
    });
  });
  defineLazy('Buffer', () => builtin('node:buffer').Buffer);
  defineLazy('Blob', () => builtin('node:buffer').Blob);
  defineLazy('File', () => builtin('node:buffer').File);
  defineLazy('atob', () => builtin('node:buffer').atob);
  defineLazy('btoa', () => builtin('node:buffer').btoa);
  defineLazy('URL', () => builtin('node:url').URL);
  defineLazy('URLSearchParams', () => builtin('node:url').URLSearchParams);
  defineLazy('TextEncoder', () => builtin('atoll:internal/web/encoding').TextEncoder);
  defineLazy('TextDecoder', () => builtin('atoll:internal/web/encoding').TextDecoder);
  defineLazy('DOMException', () => builtin('atoll:internal/web/dom_exception').DOMException);
  defineLazy('Event', () => builtin('atoll:internal/web/event_target').Event);
  defineLazy('EventTarget', () => builtin('atoll:internal/web/event_target').EventTarget);
  defineLazy('CustomEvent', () => builtin('atoll:internal/web/event_target').CustomEvent);
  defineLazy('AbortController', () => builtin('atoll:internal/web/abort').AbortController);
  defineLazy('AbortSignal', () => builtin('atoll:internal/web/abort').AbortSignal);
  defineLazy('structuredClone', () => builtin('atoll:internal/web/structured_clone').structuredClone);
  defineLazy('performance', () => builtin('node:perf_hooks').performance);
  defineLazy('crypto', () => builtin('atoll:internal/web/crypto').crypto);
  defineLazy('Crypto', () => builtin('atoll:internal/web/crypto').Crypto);
  defineLazy('CryptoKey', () => builtin('atoll:internal/web/crypto').CryptoKey);
  defineLazy('SubtleCrypto', () => builtin('atoll:internal/web/crypto').SubtleCrypto);
  defineLazy('WebAssembly', () => builtin('atoll:internal/web/webassembly').default.WebAssembly);
  // WHATWG streams and fetch (internal/web/streams.js, internal/web/fetch.js).
  for (const name of [
    'ReadableStream',
    'ReadableStreamDefaultReader',
    'ReadableStreamBYOBReader',
    'ReadableStreamBYOBRequest',
    'ReadableByteStreamController',
    'ReadableStreamDefaultController',
    'TransformStream',
    'TransformStreamDefaultController',
    'WritableStream',
    'WritableStreamDefaultWriter',
    'WritableStreamDefaultController',
    'ByteLengthQueuingStrategy',
    'CountQueuingStrategy',
    'TextEncoderStream',
    'TextDecoderStream',
    'CompressionStream',
    'DecompressionStream',
  ]) {
    defineLazy(name, () => builtin('atoll:internal/web/streams')[name]);
  }
  for (const name of ['fetch', 'Request', 'Response', 'Headers', 'FormData']) {
    defineLazy(name, () => builtin('atoll:internal/web/fetch')[name]);
  }
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
  op_stdio_write(2, `${text}\n\nNode.js ${process.version}\n`);
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
      m.filename = `${process.cwd()}/${name}`;
      m.paths = Module._nodeModulePaths(process.cwd());
    }
    return m;
  };
  defineLazy('require', () => cjs().makeRequire(evalModule()));
  defineLazy('module', evalModule);
  defineLazy('exports', () => evalModule().exports);
  defineValue('__filename', name);
  defineValue('__dirname', '.');
}

export function handleUncaught(err, origin = 'uncaughtException') {
  // Heap exhaustion is the runtime's to report (exit 134), not a script error to handle.
  if (isOutOfMemory(err)) throw err;
  if (!handlingFatal && process.listenerCount('uncaughtException') > 0) {
    handlingFatal = true;
    try {
      process.emit('uncaughtException', err, origin);
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
  process.exitCode = 1;
  try { emitExit(); } catch { /* an 'exit' listener threw; exiting anyway */ }
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
function processRejections() {
  const events = op_take_rejections();
  for (const [promise, reason, handled] of events) {
    if (!handled) {
      pendingRejections.set(promise, reason);
    } else if (pendingRejections.has(promise)) {
      pendingRejections.delete(promise);
    } else {
      process.emit('rejectionHandled', promise);
    }
  }
  if (pendingRejections.size === 0) return false;
  const list = [...pendingRejections];
  pendingRejections.clear();
  for (const [promise, reason] of list) {
    if (process.listenerCount('unhandledRejection') > 0) {
      try {
        process.emit('unhandledRejection', reason, promise);
      } catch (err) {
        handleUncaught(err);
      }
    } else {
      handleUncaught(unhandledRejectionError(reason), 'unhandledRejection');
    }
  }
  return true;
}

// The settled value of an embedded expression (Main::Expression).
let result;

export function bootstrap() {
  op_set_error_factory(makeOpError);
  timers.setHandlers(handleUncaught, processRejections);
  timers.setCallbackErrorFactory((v) => new codes.ERR_INVALID_ARG_TYPE('callback', 'function', v));
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
    runTicks: timers.runTicks,
    runTimers: timers.runTimers,
    runImmediates: timers.runImmediates,
    hasImmediates: timers.hasImmediates,
    hasRefs: timers.hasRefs,
    emitBeforeExit() {
      try {
        process.emit('beforeExit', process.exitCode ?? 0);
      } catch (err) {
        handleUncaught(err);
      }
      timers.runTicks();
    },
    emitExit() {
      try {
        return emitExit();
      } catch (err) {
        printFatal(err);
        return 7;
      }
    },
    handleUncaught,
  };
}
