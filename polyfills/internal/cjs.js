// CommonJS: Module, require, require.resolve, require.cache, and the bridge the ESM loader
// uses to import CommonJS files (loadForImport / takeExports).
import {
  op_module_resolve, op_module_read, op_compile_function, op_require_builtin, op_builtin_list,
  op_require_esm, op_run_microtasks,
} from 'atoll:ops';
import { setMainModule } from './bootstrap.js';

// The error codes and validators load on first need: a require() that succeeds uses neither.
const errors = () => op_require_builtin('atoll:internal/errors');
function validateString(value, name) {
  if (typeof value !== 'string') op_require_builtin('atoll:internal/validators').validateString(value, name);
}



function dirname(p) {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function nodeModulePaths(from) {
  const paths = [];
  let dir = from;
  for (;;) {
    if (!dir.endsWith('/node_modules')) paths.push(`${dir === '/' ? '' : dir}/node_modules`);
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return paths;
}

export class Module {
  constructor(id = '', parent) {
    this.id = id;
    this.path = dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    Object.defineProperty(this, 'parent', { value: parent, writable: true, enumerable: false });
    if (parent?.children) parent.children.push(this);
  }

  require(id) {
    return requireFrom(this, id);
  }
}

const cache = Object.create(null);
Module._cache = cache;
Module._extensions = Object.create(null);
Module.builtinModules = op_builtin_list();
Module.isBuiltin = (name) => {
  const bare = String(name).startsWith('node:') ? String(name).slice(5) : String(name);
  return Module.builtinModules.includes(bare);
};
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
Module._nodeModulePaths = nodeModulePaths;
Module.Module = Module;

Module.createRequire = (filename) => createRequire(filename);

let mainModule;

// Files compiled inside the CommonJS wrapper: their line-1 columns are shifted by its prefix.
const wrappedFiles = new Set();
export function wrapperColumnOffset(filename) {
  return wrappedFiles.has(filename) ? Module.wrapper[0].length : 0;
}

function builtinExports(name) {
  const ns = op_require_builtin(name);
  return 'default' in ns ? ns.default : ns;
}

function resolveFilename(request, parent) {
  validateString(request, 'id');
  if (request === '') throw new (errors().codes.ERR_INVALID_ARG_VALUE)('id', request, 'must be a non-empty string');
  return op_module_resolve(request, parent?.filename ?? null, 'require');
}

function requireFrom(parent, request) {
  const resolved = resolveFilename(request, parent);
  if (resolved.builtin) return builtinExports(resolved.builtin);
  return loadFile(resolved.path, resolved.format, parent).exports;
}

function stripShebang(source) {
  return source.startsWith('#!') ? `//${source.slice(2)}` : source;
}

function loadFile(filename, format, parent, isMain = false) {
  const cached = cache[filename];
  if (cached) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached;
  }
  if (format === 'module') {
    // Node 20.19+ loads synchronous ES modules through require().
    const module = new Module(filename, parent);
    module.filename = filename;
    module.exports = op_require_esm(filename);
    module.loaded = true;
    cache[filename] = module;
    return module;
  }
  if (format === 'wasm') throw new (errors().codes.ERR_NOT_IMPLEMENTED)(`require() of a .wasm file (${filename})`);
  const module = new Module(filename, parent);
  module.filename = filename;
  module.paths = nodeModulePaths(dirname(filename));
  if (isMain) {
    mainModule = module;
    module.id = '.';
    setMainModule(module); // process.mainModule, already while the entry runs (as in Node)
  }
  cache[filename] = module;
  let threw = true;
  try {
    if (format === 'json') {
      const source = op_module_read(filename);
      try {
        module.exports = JSON.parse(source);
      } catch (err) {
        err.message = `${filename}: ${err.message}`;
        throw err;
      }
    } else {
      const source = stripShebang(op_module_read(filename));
      wrappedFiles.add(filename);
      const wrapper = op_compile_function(Module.wrap(source), filename);
      const require = makeRequire(module);
      const dir = dirname(filename);
      Reflect.apply(wrapper, module.exports, [module.exports, require, module, filename, dir]);
    }
    threw = false;
    module.loaded = true;
  } finally {
    if (threw) delete cache[filename];
  }
  return module;
}

export function makeRequire(module) {
  const require = function require(id) { return requireFrom(module, id); };
  require.resolve = function resolve(request, options) {
    if (options?.paths) {
      for (const base of options.paths) {
        try {
          const r = op_module_resolve(request, `${base}/[paths]`, 'require');
          return r.builtin ? request : r.path;
        } catch { /* try the next */ }
      }
    }
    const r = resolveFilename(request, module);
    return r.builtin ? request : r.path;
  };
  require.resolve.paths = (request) => (Module.isBuiltin(request) ? null : nodeModulePaths(module?.path ?? '/'));
  require.cache = cache;
  require.extensions = Module._extensions;
  Object.defineProperty(require, 'main', { get: () => mainModule, enumerable: true });
  return require;
}

// module.createRequire(filename | URL)
export function createRequire(filename) {
  let path = filename;
  if (typeof filename === 'object' && filename !== null && typeof filename.href === 'string') filename = filename.href;
  if (typeof filename === 'string' && filename.startsWith('file:')) {
    path = decodeURIComponent(new URL(filename).pathname);
  } else if (typeof filename !== 'string' || !filename.startsWith('/')) {
    throw new (errors().codes.ERR_INVALID_ARG_VALUE)('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
  }
  const m = new Module(path, null);
  m.filename = path;
  m.paths = nodeModulePaths(dirname(path));
  return makeRequire(m);
}

// Entry point: CommonJS runs synchronously; ESM goes through the engine's module loader.
export function runMain(filename, onError) {
  const resolved = op_module_resolve(filename, null, 'require');
  if (resolved.format === 'module') {
    import(resolved.path).catch(onError);
    // Node evaluates an ES entry module inside a promise job: its microtasks drain before
    // the first nextTick.
    op_run_microtasks();
    return;
  }
  loadFile(resolved.path, resolved.format, null, true);
}

// ESM importing CommonJS: run it (cached) and report its export names.
export function loadForImport(filename) {
  const resolved = op_module_resolve(filename, null, 'require');
  const module = loadFile(resolved.path, resolved.format, null);
  const exp = module.exports;
  if (exp === null || (typeof exp !== 'object' && typeof exp !== 'function')) return [];
  return Object.keys(exp);
}

export function takeExports(filename) {
  return cache[filename]?.exports;
}

export function makeImportMetaResolve(filename) {
  return function resolve(specifier) {
    validateString(specifier, 'specifier');
    const r = op_module_resolve(specifier, filename, 'import');
    if (r.builtin) return r.builtin;
    return `file://${encodeURI(r.path).replace(/[?#]/g, encodeURIComponent)}`;
  };
}
