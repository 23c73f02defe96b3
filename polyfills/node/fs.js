// node:fs for atoll (Node 20 semantics). Every operation is written once in internal/fs/core.js
// and exposed three ways: fooSync (runs the op now), foo(..., cb) (runs it on the blocking pool,
// calls back on a later tick) and node:fs/promises. All file access goes through the Rust ops,
// which reach the disk only through the --allow-read/--allow-write capability.
import {
  callSync as S, callAsync as A, toCallback, makeCallback, constants, Stats, BigIntStats, Dirent,
  getValidatedPath, bufferFrom, statsHolder, lazyProcess,
} from '../internal/fs/utils.js';
import { op_fs_read_file_sync, op_fs_write_file_sync, op_fs_stat_sync } from 'atoll:ops';
import * as core from '../internal/fs/core.js';
import { Dir, opendir, opendirSync } from '../internal/fs/dir.js';
import { codes } from '../internal/errors.js';
import { createReadStream, createWriteStream } from '../internal/fs/streams.js';
import promises from 'node:fs/promises';

// The callback form of `impl`: the callback is always the last argument.
function withCallback(name, impl, spread) {
  const fn = {
    [name](...args) {
      const cb = makeCallback(args.pop());
      let result;
      try {
        result = impl(A, ...args);
      } catch (err) {
        // Bad arguments throw now; an already-aborted signal goes to the callback, as in Node.
        if (err?.name !== 'AbortError') throw err;
        result = Promise.reject(err);
      }
      toCallback(Promise.resolve(result), cb, spread);
    },
  }[name];
  return fn;
}

const bytesRead = (r) => [r.bytesRead, r.buffer];
const bytesWritten = (r) => [r.bytesWritten, r.buffer];

export const readFile = withCallback('readFile', core.readFile);
// readFileSync, writeFileSync, statSync and lstatSync go straight to their op for the commonest
// call (a string path, no options; a Uint8Array to write): what the general path would do, minus
// its option handling. The op answers null for a path with a NUL byte, whose error the general
// path raises.
export function readFileSync(path, options) {
  if (typeof path === 'string' && options === undefined) {
    const bytes = op_fs_read_file_sync(path, 0);
    if (bytes !== null) return bufferFrom(bytes);
  }
  return core.readFile(S, path, options);
}
export const writeFile = withCallback('writeFile', core.writeFile);
const kWriteFlags = constants.O_TRUNC | constants.O_CREAT | constants.O_WRONLY;
export function writeFileSync(path, data, options) {
  if (typeof path === 'string' && options === undefined && data instanceof Uint8Array
    && op_fs_write_file_sync(path, data, kWriteFlags, 0o666) !== null) return;
  core.writeFile(S, path, data, options);
}
export const appendFile = withCallback('appendFile', (run, p, d, o) => core.writeFile(run, p, d, o, 'a'));
export const appendFileSync = (path, data, options) => { core.writeFile(S, path, data, options, 'a'); };

export const open = withCallback('open', core.open);
export const openSync = (path, flags, mode) => core.open(S, path, flags, mode);
export function close(fd, cb = () => {}) {
  toCallback(Promise.resolve(core.close(A, fd)), makeCallback(cb), () => []);
}
export const closeSync = (fd) => { core.close(S, fd); };
export const read = withCallback('read', core.read, bytesRead);
export const readSync = (fd, buffer, offset, length, position) => core.read(S, fd, buffer, offset, length, position).bytesRead;
export const write = withCallback('write', core.write, bytesWritten);
export const writeSync = (fd, buffer, offset, length, position) => core.write(S, fd, buffer, offset, length, position).bytesWritten;
export const readv = withCallback('readv', core.readv, (r) => [r.bytesRead, r.buffers]);
export const readvSync = (fd, buffers, position) => core.readv(S, fd, buffers, position).bytesRead;
export const writev = withCallback('writev', core.writev, (r) => [r.bytesWritten, r.buffers]);
export const writevSync = (fd, buffers, position) => core.writev(S, fd, buffers, position).bytesWritten;
export const fsync = withCallback('fsync', core.fsync, () => []);
export const fsyncSync = (fd) => { core.fsync(S, fd); };
export const fdatasync = withCallback('fdatasync', core.fdatasync, () => []);
export const fdatasyncSync = (fd) => { core.fdatasync(S, fd); };
export const ftruncate = withCallback('ftruncate', core.ftruncate, () => []);
export const ftruncateSync = (fd, len) => { core.ftruncate(S, fd, len); };
export const fstat = withCallback('fstat', core.fstat);
export const fstatSync = (fd, options) => core.fstat(S, fd, options);
export const futimes = withCallback('futimes', core.futimes, () => []);
export const futimesSync = (fd, atime, mtime) => { core.futimes(S, fd, atime, mtime); };
export const fchmod = withCallback('fchmod', core.fchmod, () => []);
export const fchmodSync = (fd, mode) => { core.fchmod(S, fd, mode); };
export const fchown = withCallback('fchown', core.fchown, () => []);
export const fchownSync = (fd, uid, gid) => { core.fchown(S, fd, uid, gid); };

export const stat = withCallback('stat', (run, p, o) => core.stat(run, p, o, true));
export function statSync(path, options) {
  if (typeof path === 'string' && options === undefined) {
    const st = op_fs_stat_sync(path, true, statsHolder);
    if (st !== null) return st;
  }
  return core.stat(S, path, options, true);
}
export const lstat = withCallback('lstat', (run, p, o) => core.stat(run, p, o, false));
export function lstatSync(path, options) {
  if (typeof path === 'string' && options === undefined) {
    const st = op_fs_stat_sync(path, false, statsHolder);
    if (st !== null) return st;
  }
  return core.stat(S, path, options, false);
}
export const readdir = withCallback('readdir', core.readdir);
export const readdirSync = (path, options) => core.readdir(S, path, options);
export const mkdir = withCallback('mkdir', core.mkdir);
export const mkdirSync = (path, options) => core.mkdir(S, path, options);
export const mkdtemp = withCallback('mkdtemp', core.mkdtemp);
export const mkdtempSync = (prefix, options) => core.mkdtemp(S, prefix, options);
export const rm = withCallback('rm', core.rm, () => []);
export const rmSync = (path, options) => { core.rm(S, path, options); };
export const rmdir = withCallback('rmdir', core.rmdir, () => []);
export const rmdirSync = (path, options) => { core.rmdir(S, path, options); };
export const unlink = withCallback('unlink', core.unlink, () => []);
export const unlinkSync = (path) => { core.unlink(S, path); };
export const rename = withCallback('rename', core.rename, () => []);
export const renameSync = (from, to) => { core.rename(S, from, to); };
export const copyFile = withCallback('copyFile', core.copyFile, () => []);
export const copyFileSync = (src, dest, mode) => { core.copyFile(S, src, dest, mode); };
export const cp = withCallback('cp', core.cp, () => []);
export const cpSync = (src, dest, options) => { core.cp(S, src, dest, options); };
export const link = withCallback('link', core.link, () => []);
export const linkSync = (existing, newPath) => { core.link(S, existing, newPath); };
export const symlink = withCallback('symlink', core.symlink, () => []);
export const symlinkSync = (target, path, type) => { core.symlink(S, target, path, type); };
export const readlink = withCallback('readlink', core.readlink);
export const readlinkSync = (path, options) => core.readlink(S, path, options);
export const realpath = withCallback('realpath', core.realpath);
export const realpathSync = (path, options) => core.realpath(S, path, options);
realpath.native = withCallback('native', core.realpath);
realpathSync.native = (path, options) => core.realpath(S, path, options);
export const access = withCallback('access', core.access, () => []);
export const accessSync = (path, mode) => { core.access(S, path, mode); };
export const chmod = withCallback('chmod', core.chmod, () => []);
export const chmodSync = (path, mode) => { core.chmod(S, path, mode); };
export const chown = withCallback('chown', core.chown, () => []);
export const chownSync = (path, uid, gid) => { core.chown(S, path, uid, gid); };
export const utimes = withCallback('utimes', core.utimes, () => []);
export const utimesSync = (path, atime, mtime) => { core.utimes(S, path, atime, mtime); };
export const lutimes = withCallback('lutimes', (run, p, a, m) => core.utimes(run, p, a, m, false), () => []);
export const lutimesSync = (path, atime, mtime) => { core.utimes(S, path, atime, mtime, false); };
export const truncate = withCallback('truncate', core.truncate, () => []);
export const truncateSync = (path, len) => { core.truncate(S, path, len); };

export function exists(path, cb) {
  makeCallback(cb);
  let p;
  try { p = getValidatedPath(path); } catch { lazyProcess().nextTick(cb, false); return; }
  A('access', p, 0).then(() => lazyProcess().nextTick(cb, true), () => lazyProcess().nextTick(cb, false));
}
export function existsSync(path) {
  try {
    core.access(S, path, 0);
    return true;
  } catch {
    return false;
  }
}

function notImplemented(name) {
  return { [name]() { throw new codes.ERR_NOT_IMPLEMENTED(`fs.${name}`); } }[name];
}
export const watch = notImplemented('watch');
export const watchFile = notImplemented('watchFile');
export const unwatchFile = notImplemented('unwatchFile');
export const lchown = notImplemented('lchown');
export const lchownSync = notImplemented('lchownSync');
export const statfs = notImplemented('statfs');
export const statfsSync = notImplemented('statfsSync');

export const { F_OK, R_OK, W_OK, X_OK } = constants;
export { constants, Stats, BigIntStats, Dirent, Dir, opendir, opendirSync, promises };
export { createReadStream, createWriteStream };

export default {
  readFile, readFileSync, writeFile, writeFileSync, appendFile, appendFileSync,
  open, openSync, close, closeSync, read, readSync, write, writeSync, readv, readvSync,
  writev, writevSync, fsync, fsyncSync, fdatasync, fdatasyncSync, ftruncate, ftruncateSync,
  fstat, fstatSync, futimes, futimesSync, fchmod, fchmodSync, fchown, fchownSync,
  stat, statSync, lstat, lstatSync, readdir, readdirSync, mkdir, mkdirSync, mkdtemp, mkdtempSync,
  rm, rmSync, rmdir, rmdirSync, unlink, unlinkSync, rename, renameSync, copyFile, copyFileSync,
  cp, cpSync, link, linkSync, symlink, symlinkSync, readlink, readlinkSync, realpath, realpathSync,
  access, accessSync, chmod, chmodSync, chown, chownSync, utimes, utimesSync, lutimes, lutimesSync,
  truncate, truncateSync, exists, existsSync, watch, watchFile, unwatchFile, lchown, lchownSync,
  statfs, statfsSync, opendir, opendirSync, constants, Stats, BigIntStats, Dirent, Dir, promises,
  F_OK, R_OK, W_OK, X_OK, createReadStream, createWriteStream,
};
