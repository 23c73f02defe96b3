// node:wasi (Node 20): WASI preview1 for modules instantiated with the `WebAssembly` API.
// `wasiImport` holds wasm functions of the runtime's store (wasmtime-wasi's implementation,
// bound to this WASI's context), so instantiating with them links the host calls natively.
// Preopens must lie inside the --allow-read grant (writable where --allow-write covers them),
// else ERR_ACCESS_DENIED.
import { op_wasi_create } from 'atoll:ops';
import { codes, nodeError } from '../internal/errors.js';
import {
  validateArray, validateBoolean, validateFunction, validateInt32, validateObject, validateString,
  validateUndefined,
} from '../internal/validators.js';
import { ensureInit, kWasiExit } from '../internal/web/webassembly.js';

const kExitCode = Symbol('kExitCode');
const kStarted = Symbol('kStarted');
const kInstance = Symbol('kInstance');
const kBindingName = Symbol('kBindingName');
const kReturnOnExit = Symbol('kReturnOnExit');

function setupInstance(self, instance) {
  validateObject(instance, 'instance');
  validateObject(instance.exports, 'instance.exports');
  const memory = instance.exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) {
    throw new codes.ERR_INVALID_ARG_TYPE('instance.exports.memory', 'WebAssembly.Memory', memory);
  }
  self[kInstance] = instance;
}

function run(self, fn) {
  try {
    fn();
  } catch (err) {
    if (err !== null && typeof err === 'object' && kWasiExit in err) {
      self[kExitCode] = err[kWasiExit];
      return self[kExitCode];
    }
    throw err;
  }
  return self[kExitCode];
}

export class WASI {
  constructor(options = {}) {
    validateObject(options, 'options');
    validateString(options.version, 'options.version');
    switch (options.version) {
      case 'unstable': this[kBindingName] = 'wasi_unstable'; break;
      case 'preview1': this[kBindingName] = 'wasi_snapshot_preview1'; break;
      default: throw new codes.ERR_INVALID_ARG_VALUE('options.version', options.version, 'must be one of: \'unstable\', \'preview1\'');
    }
    if (options.args !== undefined) validateArray(options.args, 'options.args');
    const args = (options.args || []).map(String);
    const env = [];
    if (options.env !== undefined) {
      validateObject(options.env, 'options.env');
      for (const [key, value] of Object.entries(options.env)) {
        if (value !== undefined) env.push(String(key), String(value));
      }
    }
    const preopens = [];
    if (options.preopens !== undefined) {
      validateObject(options.preopens, 'options.preopens');
      for (const [key, value] of Object.entries(options.preopens)) preopens.push(String(key), String(value));
    }
    const { stdin = 0, stdout = 1, stderr = 2 } = options;
    validateInt32(stdin, 'options.stdin', 0);
    validateInt32(stdout, 'options.stdout', 0);
    validateInt32(stderr, 'options.stderr', 0);
    let returnOnExit = true;
    if (options.returnOnExit !== undefined) {
      validateBoolean(options.returnOnExit, 'options.returnOnExit');
      returnOnExit = options.returnOnExit;
    }
    ensureInit();
    const wasiImport = {};
    for (const [name, fn] of op_wasi_create(args, env, preopens, [stdin, stdout, stderr], returnOnExit)) {
      wasiImport[name] = fn;
    }
    this.wasiImport = wasiImport;
    this[kReturnOnExit] = returnOnExit;
    this[kStarted] = false;
    this[kExitCode] = 0;
    this[kInstance] = undefined;
  }

  // Must not export _initialize, must export _start
  start(instance) {
    if (this[kStarted]) throw nodeError(Error, 'ERR_WASI_ALREADY_STARTED', 'WASI instance has already started');
    this[kStarted] = true;
    setupInstance(this, instance);
    const { _start, _initialize } = this[kInstance].exports;
    validateFunction(_start, 'instance.exports._start');
    validateUndefined(_initialize, 'instance.exports._initialize');
    return run(this, _start);
  }

  // Must not export _start, may optionally export _initialize
  initialize(instance) {
    if (this[kStarted]) throw nodeError(Error, 'ERR_WASI_ALREADY_STARTED', 'WASI instance has already started');
    this[kStarted] = true;
    setupInstance(this, instance);
    const { _start, _initialize } = this[kInstance].exports;
    validateUndefined(_start, 'instance.exports._start');
    if (_initialize !== undefined) {
      validateFunction(_initialize, 'instance.exports._initialize');
      _initialize();
    }
  }

  getImportObject() {
    return { [this[kBindingName]]: this.wasiImport };
  }
}

export default { WASI };
