// node:fs/promises for atoll: the operations of internal/fs/core.js on the blocking pool, and
// FileHandle over an fd from the Rust fd table.
import { callAsync as A, constants, getOptions, dataToBytes, checkAborted } from '../../internal/fs/utils.js';
import * as core from '../../internal/fs/core.js';
import { opendirPromise } from '../../internal/fs/dir.js';
import { codes } from '../../internal/errors.js';

const kFd = Symbol('kFd');
const kClosed = Symbol('kClosed');

export class FileHandle {
  constructor(fd) {
    this[kFd] = fd;
    this[kClosed] = false;
  }

  get fd() { return this[kFd]; }

  #check(syscall) {
    if (this[kClosed]) {
      const err = new Error('file closed');
      err.code = 'EBADF';
      err.syscall = syscall;
      throw err;
    }
    return this[kFd];
  }

  async read(buffer, offset, length, position) {
    return core.read(A, this.#check('read'), buffer, offset, length, position);
  }

  async readv(buffers, position) { return core.readv(A, this.#check('read'), buffers, position); }

  async write(buffer, offsetOrOptions, length, position) {
    return core.write(A, this.#check('write'), buffer, offsetOrOptions, length, position);
  }

  async writev(buffers, position) { return core.writev(A, this.#check('write'), buffers, position); }

  async readFile(options) { return core.readFile(A, this.#check('read'), options); }

  async writeFile(data, options) {
    options = getOptions(options, { encoding: 'utf8' });
    checkAborted(options.signal);
    const bytes = dataToBytes(data, options.encoding);
    await A('write', this.#check('write'), bytes, -1);
  }

  async appendFile(data, options) { return this.writeFile(data, options); }

  async stat(options) { return core.fstat(A, this.#check('fstat'), options); }
  async truncate(len = 0) { return core.ftruncate(A, this.#check('ftruncate'), len); }
  async sync() { return core.fsync(A, this.#check('fsync')); }
  async datasync() { return core.fdatasync(A, this.#check('fdatasync')); }
  async chmod(mode) { return core.fchmod(A, this.#check('fchmod'), mode); }
  async chown(uid, gid) { return core.fchown(A, this.#check('fchown'), uid, gid); }
  async utimes(atime, mtime) { return core.futimes(A, this.#check('futime'), atime, mtime); }

  async close() {
    if (this[kClosed]) return undefined;
    this[kClosed] = true;
    return core.close(A, this[kFd]);
  }

  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')]() { return this.close(); }
}

export async function open(path, flags, mode) {
  return new FileHandle(await core.open(A, path, flags, mode));
}

function fileOrHandle(f) { return f instanceof FileHandle ? f.fd : f; }

export async function readFile(path, options) { return core.readFile(A, fileOrHandle(path), options); }
export async function writeFile(path, data, options) { return core.writeFile(A, fileOrHandle(path), data, options); }
export async function appendFile(path, data, options) { return core.writeFile(A, fileOrHandle(path), data, options, 'a'); }
export async function stat(path, options) { return core.stat(A, path, options, true); }
export async function lstat(path, options) { return core.stat(A, path, options, false); }
export async function readdir(path, options) { return core.readdir(A, path, options); }
export async function mkdir(path, options) { return core.mkdir(A, path, options); }
export async function mkdtemp(prefix, options) { return core.mkdtemp(A, prefix, options); }
export async function rm(path, options) { return core.rm(A, path, options); }
export async function rmdir(path, options) { return core.rmdir(A, path, options); }
export async function unlink(path) { return core.unlink(A, path); }
export async function rename(from, to) { return core.rename(A, from, to); }
export async function copyFile(src, dest, mode) { return core.copyFile(A, src, dest, mode); }
export async function cp(src, dest, options) { return core.cp(A, src, dest, options); }
export async function link(existing, newPath) { return core.link(A, existing, newPath); }
export async function symlink(target, path, type) { return core.symlink(A, target, path, type); }
export async function readlink(path, options) { return core.readlink(A, path, options); }
export async function realpath(path, options) { return core.realpath(A, path, options); }
export async function access(path, mode) { return core.access(A, path, mode); }
export async function chmod(path, mode) { return core.chmod(A, path, mode); }
export async function chown(path, uid, gid) { return core.chown(A, path, uid, gid); }
export async function utimes(path, atime, mtime) { return core.utimes(A, path, atime, mtime); }
export async function lutimes(path, atime, mtime) { return core.utimes(A, path, atime, mtime, false); }
export async function truncate(path, len) { return core.truncate(A, path, len); }
export async function opendir(path, options) { return opendirPromise(path, options); }
export async function lchown() { throw new codes.ERR_NOT_IMPLEMENTED('fsPromises.lchown'); }
export async function statfs() { throw new codes.ERR_NOT_IMPLEMENTED('fsPromises.statfs'); }
export function watch() { throw new codes.ERR_NOT_IMPLEMENTED('fsPromises.watch'); }

export { constants };

export default {
  open, readFile, writeFile, appendFile, stat, lstat, readdir, mkdir, mkdtemp, rm, rmdir, unlink,
  rename, copyFile, cp, link, symlink, readlink, realpath, access, chmod, chown, utimes, lutimes,
  truncate, opendir, lchown, statfs, watch, constants, FileHandle,
};
