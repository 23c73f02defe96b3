// The `WebAssembly` namespace on wasmtime (engine/bind_wasm.rs). Objects here are thin
// wrappers over handles into the runtime's one wasm store; import lookup and the JS API's
// argument checks happen here, linking, calls and value conversions in Rust.
import {
  op_wasm_init, op_wasm_validate, op_wasm_compile, op_wasm_module_imports, op_wasm_module_exports,
  op_wasm_module_custom_sections, op_wasm_instantiate, op_wasm_memory_new, op_wasm_memory_buffer,
  op_wasm_memory_grow, op_wasm_table_new, op_wasm_table_length, op_wasm_table_get,
  op_wasm_table_set, op_wasm_table_grow, op_wasm_global_new, op_wasm_global_get,
  op_wasm_global_set, op_wasm_global_type,
} from 'atoll:ops';

const kHandle = Symbol('kHandle');
/** The property of the marker a WASI `proc_exit` throws; its value is the exit code. */
export const kWasiExit = Symbol('kWasiExit');

export class CompileError extends Error {}
export class LinkError extends Error {}
export class RuntimeError extends Error {}
for (const C of [CompileError, LinkError, RuntimeError]) {
  Object.defineProperty(C.prototype, 'name', { value: C.name, writable: true, configurable: true, enumerable: false });
}

function makeError(kind, message) {
  switch (kind) {
    case 'CompileError': return new CompileError(message);
    case 'LinkError': return new LinkError(message);
    case 'RuntimeError': return new RuntimeError(message);
    case 'RangeError': return new RangeError(message);
    case 'TypeError': return new TypeError(message);
    case 'exit': return Object.freeze({ [kWasiExit]: Number(message) });
    default: return new Error(message);
  }
}

let initialized = false;
/** Registers the error factory with the native side (first use of anything here). */
export function ensureInit() {
  if (!initialized) {
    op_wasm_init(makeError);
    initialized = true;
  }
}

function bytesOf(source, what) {
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (source instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && source instanceof SharedArrayBuffer)) {
    return new Uint8Array(source);
  }
  throw new TypeError(`${what}: Argument 0 must be a buffer source`);
}

function toIndex(v, what, name) {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 0xffffffff) {
    throw new TypeError(`${what}: Property '${name}' must be convertible to a valid number`);
  }
  return Math.trunc(n);
}

function handleOf(obj, C, what) {
  if (obj === null || typeof obj !== 'object' || !(kHandle in obj) || !(obj instanceof C)) {
    throw new TypeError(`${what}: Receiver is not a ${C === Module ? 'WebAssembly.Module' : `WebAssembly.${C.name}`}`);
  }
  return obj[kHandle];
}

function fromHandle(C, h) {
  const o = Object.create(C.prototype);
  Object.defineProperty(o, kHandle, { value: h });
  return o;
}

const memories = new Map();
const tables = new Map();
const globals = new Map();

function wrapExtern(kind, value) {
  switch (kind) {
    case 'function': return value;
    case 'memory': {
      let m = memories.get(value);
      if (!m) memories.set(value, m = fromHandle(Memory, value));
      return m;
    }
    case 'table': {
      let t = tables.get(value);
      if (!t) tables.set(value, t = fromHandle(Table, value));
      return t;
    }
    case 'global': {
      let g = globals.get(value);
      if (!g) globals.set(value, g = fromHandle(Global, value));
      return g;
    }
    default: return value;
  }
}

export class Module {
  constructor(bytes) {
    if (new.target === undefined) throw new TypeError("WebAssembly.Module must be invoked with 'new'");
    ensureInit();
    Object.defineProperty(this, kHandle, { value: op_wasm_compile(bytesOf(bytes, 'WebAssembly.Module()')) });
  }

  static exports(module) {
    const h = handleOf(module, Module, 'WebAssembly.Module.exports()');
    return op_wasm_module_exports(h).map(([name, kind]) => ({ name, kind }));
  }

  static imports(module) {
    const h = handleOf(module, Module, 'WebAssembly.Module.imports()');
    return op_wasm_module_imports(h).map(([module, name, kind]) => ({ module, name, kind }));
  }

  static customSections(module, sectionName) {
    const h = handleOf(module, Module, 'WebAssembly.Module.customSections()');
    if (sectionName === undefined) throw new TypeError('WebAssembly.Module.customSections(): Argument 1 is required');
    return op_wasm_module_custom_sections(h, String(sectionName));
  }
}

function resolveImports(h, importObject) {
  const imports = op_wasm_module_imports(h);
  if (importObject !== undefined && (importObject === null || (typeof importObject !== 'object' && typeof importObject !== 'function'))) {
    throw new TypeError('WebAssembly.Instance(): Argument 1 must be an object');
  }
  if (imports.length > 0 && importObject === undefined) {
    throw new TypeError('WebAssembly.Instance(): Imports argument must be present and must be an object');
  }
  const values = [];
  for (let i = 0; i < imports.length; i++) {
    const [mod, name, kind] = imports[i];
    const ns = importObject[mod];
    if (ns === null || (typeof ns !== 'object' && typeof ns !== 'function')) {
      throw new TypeError(`WebAssembly.Instance(): Import #${i} "${mod}": module is not an object or function`);
    }
    const v = ns[name];
    const what = `WebAssembly.Instance(): Import #${i} "${mod}" "${name}"`;
    switch (kind) {
      case 'function':
        if (typeof v !== 'function') throw new LinkError(`${what}: function import requires a callable`);
        values.push(v);
        break;
      case 'memory':
        if (!(v instanceof Memory) || !(kHandle in v)) throw new LinkError(`${what}: memory import must be a WebAssembly.Memory object`);
        values.push(v[kHandle]);
        break;
      case 'table':
        if (!(v instanceof Table) || !(kHandle in v)) throw new LinkError(`${what}: table import requires a WebAssembly.Table`);
        values.push(v[kHandle]);
        break;
      case 'global':
        if (v instanceof Global && kHandle in v) values.push(v[kHandle]);
        else if (typeof v === 'number' || typeof v === 'bigint') values.push([v]);
        else throw new LinkError(`${what}: global import must be a number, valid Wasm reference, or WebAssembly.Global object`);
        break;
      default:
        throw new LinkError(`${what}: ${kind} imports are not supported`);
    }
  }
  return values;
}

export class Instance {
  #exports;

  constructor(module, importObject) {
    if (new.target === undefined) throw new TypeError("WebAssembly.Instance must be invoked with 'new'");
    ensureInit();
    if (!(module instanceof Module) || !(kHandle in module)) {
      throw new TypeError('WebAssembly.Instance(): Argument 0 must be a WebAssembly.Module');
    }
    const h = module[kHandle];
    const entries = op_wasm_instantiate(h, resolveImports(h, importObject));
    const exports = Object.create(null);
    for (const [name, kind, value] of entries) exports[name] = wrapExtern(kind, value);
    this.#exports = Object.freeze(exports);
  }

  get exports() {
    return this.#exports;
  }
}

export class Memory {
  constructor(descriptor) {
    if (new.target === undefined) throw new TypeError("WebAssembly.Memory must be invoked with 'new'");
    ensureInit();
    if (descriptor === null || typeof descriptor !== 'object') {
      throw new TypeError('WebAssembly.Memory(): Argument 0 must be a memory descriptor');
    }
    const what = 'WebAssembly.Memory()';
    const init = descriptor.initial ?? descriptor.minimum;
    if (init === undefined) throw new TypeError(`${what}: Property 'initial' is required`);
    const initial = toIndex(init, what, 'initial');
    if (initial > 65536) throw new RangeError(`${what}: Property 'initial': value ${initial} is above the upper bound 65536`);
    let maximum;
    if (descriptor.maximum !== undefined) {
      maximum = toIndex(descriptor.maximum, what, 'maximum');
      if (maximum > 65536) throw new RangeError(`${what}: Property 'maximum': value ${maximum} is above the upper bound 65536`);
      if (maximum < initial) throw new RangeError(`${what}: Property 'maximum': value ${maximum} is below the lower bound ${initial}`);
    }
    const h = op_wasm_memory_new(initial, maximum, Boolean(descriptor.shared));
    Object.defineProperty(this, kHandle, { value: h });
    memories.set(h, this);
  }

  get buffer() {
    return op_wasm_memory_buffer(handleOf(this, Memory, 'WebAssembly.Memory.buffer'));
  }

  grow(delta) {
    const h = handleOf(this, Memory, 'WebAssembly.Memory.grow()');
    return op_wasm_memory_grow(h, toIndex(delta, 'WebAssembly.Memory.grow()', 'delta'));
  }
}

function elementType(element, what) {
  const e = String(element);
  if (e === 'anyfunc' || e === 'funcref' || e === 'externref') return e;
  throw new TypeError(`${what}: Descriptor property 'element' must be a WebAssembly reference type`);
}

export class Table {
  constructor(descriptor, value) {
    if (new.target === undefined) throw new TypeError("WebAssembly.Table must be invoked with 'new'");
    ensureInit();
    const what = 'WebAssembly.Table()';
    if (descriptor === null || typeof descriptor !== 'object') throw new TypeError(`${what}: Argument 0 must be a table descriptor`);
    const element = elementType(descriptor.element, what);
    const init = descriptor.initial ?? descriptor.minimum;
    if (init === undefined) throw new TypeError(`${what}: Property 'initial' is required`);
    const initial = toIndex(init, what, 'initial');
    if (initial > 10000000) throw new RangeError(`${what}: Property 'initial': value ${initial} is above the upper bound 10000000`);
    let maximum;
    if (descriptor.maximum !== undefined) {
      maximum = toIndex(descriptor.maximum, what, 'maximum');
      if (maximum < initial) throw new RangeError(`${what}: Property 'maximum': value ${maximum} is below the lower bound ${initial}`);
    }
    const h = op_wasm_table_new(element, initial, maximum, value, arguments.length > 1 && value !== undefined);
    Object.defineProperty(this, kHandle, { value: h });
    tables.set(h, this);
  }

  get length() {
    return op_wasm_table_length(handleOf(this, Table, 'WebAssembly.Table.length'));
  }

  get(index) {
    const h = handleOf(this, Table, 'WebAssembly.Table.get()');
    return op_wasm_table_get(h, toIndex(index, 'WebAssembly.Table.get()', 'index'));
  }

  set(index, value) {
    const h = handleOf(this, Table, 'WebAssembly.Table.set()');
    op_wasm_table_set(h, toIndex(index, 'WebAssembly.Table.set()', 'index'), value, arguments.length > 1);
  }

  grow(delta, value) {
    const h = handleOf(this, Table, 'WebAssembly.Table.grow()');
    return op_wasm_table_grow(h, toIndex(delta, 'WebAssembly.Table.grow()', 'delta'), value, arguments.length > 1);
  }
}

export class Global {
  constructor(descriptor, value) {
    if (new.target === undefined) throw new TypeError("WebAssembly.Global must be invoked with 'new'");
    ensureInit();
    if (descriptor === null || typeof descriptor !== 'object') {
      throw new TypeError('WebAssembly.Global(): Argument 0 must be a global descriptor');
    }
    const type = String(descriptor.value);
    if (!['i32', 'i64', 'f32', 'f64', 'externref', 'anyfunc', 'funcref'].includes(type)) {
      throw new TypeError("WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type");
    }
    const h = op_wasm_global_new(type, Boolean(descriptor.mutable), value, arguments.length > 1);
    Object.defineProperty(this, kHandle, { value: h });
    globals.set(h, this);
  }

  get value() {
    return op_wasm_global_get(handleOf(this, Global, 'get WebAssembly.Global.value'));
  }

  set value(v) {
    op_wasm_global_set(handleOf(this, Global, 'set WebAssembly.Global.value'), v);
  }

  valueOf() {
    return op_wasm_global_get(handleOf(this, Global, 'WebAssembly.Global.valueOf()'));
  }

  /** `{ value, mutable }` (the type reflection proposal's `type()`). */
  type() {
    const [value, mutable] = op_wasm_global_type(handleOf(this, Global, 'WebAssembly.Global.type()'));
    return { value, mutable: mutable === 'true' };
  }
}

for (const [C, tag] of [[Module, 'WebAssembly.Module'], [Instance, 'WebAssembly.Instance'], [Memory, 'WebAssembly.Memory'], [Table, 'WebAssembly.Table'], [Global, 'WebAssembly.Global']]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: tag, configurable: true });
}

export function validate(bytes) {
  ensureInit();
  return op_wasm_validate(bytesOf(bytes, 'WebAssembly.validate()'));
}

export function compile(bytes) {
  let copy;
  try {
    copy = bytesOf(bytes, 'WebAssembly.compile()').slice();
  } catch (err) {
    return Promise.reject(err);
  }
  // Compiled on this thread, after the caller's synchronous code (a later microtask).
  return Promise.resolve().then(() => new Module(copy));
}

export function instantiate(source, importObject) {
  if (source instanceof Module) {
    return Promise.resolve().then(() => new Instance(source, importObject));
  }
  return compile(source).then((module) => ({ module, instance: new Instance(module, importObject) }));
}

async function responseBytes(source, what) {
  const response = await source;
  if (typeof Response !== 'function' || !(response instanceof Response)) {
    throw new TypeError(`${what}: Argument 0 must be provided and must be a Response`);
  }
  const type = response.headers.get('content-type');
  if (type === null || type.split(';')[0].trim().toLowerCase() !== 'application/wasm') {
    throw new TypeError(`${what}: Incorrect response MIME type. Expected 'application/wasm'.`);
  }
  if (!response.ok) throw new TypeError(`${what}: HTTP status code is not ok`);
  return response.arrayBuffer();
}

export async function compileStreaming(source) {
  return compile(await responseBytes(source, 'WebAssembly.compileStreaming()'));
}

export async function instantiateStreaming(source, importObject) {
  return instantiate(await responseBytes(source, 'WebAssembly.instantiateStreaming()'), importObject);
}

/** The global `WebAssembly` object; `*Streaming` only where `Response` exists. */
export function makeNamespace() {
  const ns = {};
  const members = { compile, validate, instantiate, Module, Instance, Memory, Table, Global, CompileError, LinkError, RuntimeError };
  if (typeof globalThis.Response === 'function') {
    members.compileStreaming = compileStreaming;
    members.instantiateStreaming = instantiateStreaming;
  }
  for (const [k, v] of Object.entries(members)) {
    Object.defineProperty(ns, k, { value: v, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  return ns;
}

let namespace;
export default {
  get WebAssembly() {
    return namespace ??= makeNamespace();
  },
};
