// atoll: fs.Dir (opendir). The directory is listed once when opened; read() hands the entries
// out one at a time, like Node's buffered reads.
import { callSync, callAsync, getValidatedPath, Dirent, toCallback, lazyProcess } from './utils.js';
import { codes } from '../errors.js';
import { validateFunction } from '../validators.js';

const kEntries = Symbol('entries');
const kPath = Symbol('path');
const kClosed = Symbol('closed');

function joinPath(dir, name) {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export class Dir {
  constructor(path, entries, recursive = false) {
    this[kPath] = path;
    this[kEntries] = entries.map(([name, type]) => new Dirent(name, type, path));
    this[kClosed] = false;
    this.recursive = recursive;
  }

  get path() { return this[kPath]; }

  #next() {
    if (this[kClosed]) throw new codes.ERR_DIR_CLOSED();
    const d = this[kEntries].shift() ?? null;
    if (d && this.recursive && d.isDirectory()) {
      const sub = joinPath(d.parentPath, d.name);
      for (const [name, type] of callSync('read_dir', sub)) this[kEntries].push(new Dirent(name, type, sub));
    }
    return d;
  }

  readSync() { return this.#next(); }

  read(cb) {
    if (cb === undefined) {
      return new Promise((resolve, reject) => {
        setImmediate(() => { try { resolve(this.#next()); } catch (e) { reject(e); } });
      });
    }
    validateFunction(cb, 'callback');
    setImmediate(() => {
      let d;
      try { d = this.#next(); } catch (e) { cb(e); return; }
      cb(null, d);
    });
    return undefined;
  }

  closeSync() {
    if (this[kClosed]) throw new codes.ERR_DIR_CLOSED();
    this[kClosed] = true;
  }

  close(cb) {
    if (cb === undefined) {
      if (this[kClosed]) return Promise.reject(new codes.ERR_DIR_CLOSED());
      this[kClosed] = true;
      return Promise.resolve();
    }
    validateFunction(cb, 'callback');
    const err = this[kClosed] ? new codes.ERR_DIR_CLOSED() : null;
    this[kClosed] = true;
    lazyProcess().nextTick(cb, err);
    return undefined;
  }

  async* entries() {
    try {
      while (true) {
        const d = await this.read();
        if (d === null) break;
        yield d;
      }
    } finally {
      if (!this[kClosed]) await this.close();
    }
  }

  [Symbol.asyncIterator]() { return this.entries(); }
  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')]() { if (!this[kClosed]) await this.close(); }
}

export function opendirSync(path, options) {
  const p = getValidatedPath(path);
  return new Dir(p, callSync('read_dir', p), !!options?.recursive);
}

export function opendirPromise(path, options) {
  const p = getValidatedPath(path);
  return callAsync('read_dir', p).then((entries) => new Dir(p, entries, !!options?.recursive));
}

export function opendir(path, options, cb) {
  if (typeof options === 'function') { cb = options; options = undefined; }
  validateFunction(cb, 'callback');
  toCallback(opendirPromise(path, options), cb);
}
