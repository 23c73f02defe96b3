//! Hostile scripts against the sandbox, through the JS APIs a real attacker would use (file:
//! URLs, Buffers, /proc, workers, child processes, the module loader, process.env). Each test
//! lays out `app/` (the script and its cwd), `data/` (the grant) and `outside/` (never
//! granted), runs the script, and asserts both the refusal and that nothing outside was read
//! (the secret never reaches stdout/stderr), created, changed or revealed: `outside/` is
//! snapshotted (names, kinds, sizes, modes, mtimes, contents, link targets) before and after.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs
#![cfg(target_os = "linux")]

use std::{
    collections::BTreeMap,
    os::unix::fs::{symlink, MetadataExt},
    path::{Path, PathBuf},
    process::{Command, Output},
};

const SECRET: &str = "top-secret-contents";
const HIDDEN_ENV: &str = "hidden-env-value-4711";

struct Sandbox {
    root: PathBuf,
    before: BTreeMap<PathBuf, String>,
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(p: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let m = std::fs::symlink_metadata(p).unwrap();
        let mut desc = format!(
            "mode={:o} size={} mtime={}.{} ino={} nlink={}",
            m.mode(),
            m.size(),
            m.mtime(),
            m.mtime_nsec(),
            m.ino(),
            m.nlink()
        );
        if m.file_type().is_symlink() {
            desc += &format!(" -> {:?}", std::fs::read_link(p).unwrap());
        } else if m.is_file() {
            desc += &format!(" {:?}", std::fs::read(p).unwrap());
        }
        out.insert(p.to_path_buf(), desc);
        if m.is_dir() {
            for e in std::fs::read_dir(p).unwrap() {
                walk(&e.unwrap().path(), out);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, &mut out);
    out
}

impl Sandbox {
    /// `setup` runs after the standard layout and before the outside snapshot.
    fn new(name: &str, setup: impl FnOnce(&Path)) -> Sandbox {
        let root = std::env::temp_dir().join(format!("atoll-escape-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for d in ["app", "data", "outside/dir"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("outside/secret.txt"), SECRET).unwrap();
        std::fs::write(root.join("outside/dir/inner.txt"), SECRET).unwrap();
        std::fs::write(
            root.join("outside/mod.js"),
            format!("module.exports = {SECRET:?};\n"),
        )
        .unwrap();
        std::fs::write(root.join("data/ok.txt"), "granted").unwrap();
        symlink("../outside/secret.txt", root.join("data/link.txt")).unwrap();
        symlink("../outside", root.join("data/linkdir")).unwrap();
        setup(&root);
        let before = snapshot(&root.join("outside"));
        Sandbox { root, before }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn rw(&self) -> Vec<String> {
        let d = self.path("data");
        vec![
            format!("--allow-read={}", d.display()),
            format!("--allow-write={}", d.display()),
        ]
    }

    fn run(&self, flags: &[String], source: &str) -> String {
        self.run_env(flags, source, &[])
    }

    /// Runs `app/main.js` (PRELUDE + `source`) from `app/`; the script must exit 0.
    fn run_env(&self, flags: &[String], source: &str, env: &[(&str, &str)]) -> String {
        std::fs::write(self.path("app/main.js"), format!("{PRELUDE}\n{source}")).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_atoll"));
        cmd.arg("run")
            .args(flags)
            .arg("main.js")
            .current_dir(self.path("app"))
            .env("ATOLL_ESCAPE_HIDDEN", HIDDEN_ENV);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out: Output = cmd.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "exit {:?}\nstdout:\n{text}\nstderr:\n{err}",
            out.status.code()
        );
        for leak in [SECRET, HIDDEN_ENV] {
            assert!(
                !text.contains(leak) && !err.contains(leak),
                "{leak} leaked:\n{text}\n{err}"
            );
        }
        text
    }

    /// Nothing under `outside/` was created, removed or changed.
    fn outside_unchanged(&self) {
        assert_eq!(
            self.before,
            snapshot(&self.path("outside")),
            "outside/ changed"
        );
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `report(label, fn)` prints `label: ok <value>` or `label: <code> <permission> <message>`;
/// `areport` does the same for a promise, in order.
const PRELUDE: &str = r#"
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const root = path.resolve('..');
const fmt = (label, e) => `${label}: ${e.code} ${e.permission} ${e.message}`;
function report(label, fn) {
  try { const v = fn(); console.log(`${label}: ok ${v === undefined ? '' : String(v)}`); }
  catch (e) { console.log(fmt(label, e)); }
}
const queue = [];
function areport(label, fn) { queue.push([label, fn]); }
process.nextTick(async () => {
  for (const [label, fn] of queue) {
    try { const v = await fn(); console.log(`${label}: ok ${v === undefined ? '' : String(v)}`); }
    catch (e) { console.log(fmt(label, e)); }
  }
});
"#;

fn line<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(&format!("{label}: ")))
        .unwrap_or_else(|| panic!("no line for {label} in:\n{text}"))
}

#[track_caller]
fn denied(text: &str, label: &str, permission: &str) {
    let l = line(text, label);
    assert!(
        l.contains("ERR_ACCESS_DENIED") && l.contains(permission),
        "{label}: expected ERR_ACCESS_DENIED {permission}, got: {l}"
    );
}

#[track_caller]
fn code(text: &str, label: &str, code: &str) {
    let l = line(text, label);
    assert!(
        l.starts_with(&format!("{label}: {code} ")),
        "{label}: expected {code}, got: {l}"
    );
}

#[test]
fn file_urls_and_buffers_are_confined_like_strings() {
    let sb = Sandbox::new("urls", |_| {});
    let text = sb.run(
        &sb.rw(),
        r#"
report('url', () => fs.readFileSync(new URL(`file://${root}/outside/secret.txt`), 'utf8'));
report('url-dotdot', () => fs.readFileSync(new URL(`file://${root}/data/../outside/secret.txt`), 'utf8'));
report('url-encoded-dots', () => fs.readFileSync(new URL(`file://${root}/data/%2e%2e/outside/secret.txt`), 'utf8'));
report('url-encoded-slash', () => fs.readFileSync(new URL(`file://${root}/data/..%2foutside/secret.txt`), 'utf8'));
report('url-link', () => fs.readFileSync(pathToFileURL(`${root}/data/link.txt`), 'utf8'));
report('url-write', () => fs.writeFileSync(new URL(`file://${root}/outside/planted.txt`), 'x'));
report('url-readdir', () => fs.readdirSync(new URL(`file://${root}/data/linkdir`)));
report('buffer', () => fs.readFileSync(Buffer.from('../outside/secret.txt'), 'utf8'));
report('buffer-link', () => fs.readFileSync(Buffer.from('../data/linkdir/secret.txt'), 'utf8'));
report('buffer-write', () => fs.writeFileSync(Buffer.from('../outside/planted.txt'), 'x'));
report('buffer-mkdir', () => fs.mkdirSync(Buffer.from('../data/linkdir/newdir'), { recursive: true }));
report('buffer-ok', () => fs.readFileSync(Buffer.from('../data/ok.txt'), 'utf8'));
areport('p-url', () => fs.promises.readFile(new URL(`file://${root}/outside/secret.txt`)));
areport('p-buffer-write', () => fs.promises.appendFile(Buffer.from('../data/link.txt'), 'x'));
"#,
    );
    for l in [
        "url",
        "url-dotdot",
        "url-encoded-dots",
        "url-link",
        "url-readdir",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    for l in ["buffer", "buffer-link", "p-url"] {
        denied(&text, l, "FileSystemRead");
    }
    // Node refuses an encoded '/' in a file URL before any fs access.
    code(&text, "url-encoded-slash", "ERR_INVALID_FILE_URL_PATH");
    for l in [
        "url-write",
        "buffer-write",
        "buffer-mkdir",
        "p-buffer-write",
    ] {
        let got = line(&text, l);
        assert!(got.contains("ERR_ACCESS_DENIED"), "{l}: {got}");
    }
    assert_eq!(line(&text, "buffer-ok"), "buffer-ok: ok granted");
    sb.outside_unchanged();
}

#[test]
fn nul_bytes_and_oversized_paths_fail_cleanly() {
    let sb = Sandbox::new("nul", |_| {});
    let text = sb.run(
        &sb.rw(),
        r#"
report('nul', () => fs.readFileSync('../data/ok.txt\0../../outside/secret.txt', 'utf8'));
report('nul-buffer', () => fs.readFileSync(Buffer.from('../data/ok.txt\0x'), 'utf8'));
report('nul-write', () => fs.writeFileSync('../data/x\0/../../outside/planted.txt', 'x'));
report('nul-url', () => fs.readFileSync(new URL(`file://${root}/data/ok.txt%00/../../outside/secret.txt`), 'utf8'));
const deep = '../data/' + 'x/../'.repeat(20000) + '../outside/secret.txt';
try { fs.readFileSync(deep); console.log('deep-dotdot: ok'); } catch (e) { console.log(`deep-dotdot: ${e.code}`); }
const long = '../data/' + 'x'.repeat(100000);
try { fs.readFileSync(long); console.log('long-name: ok'); } catch (e) { console.log(`long-name: ${e.code}`); }
try { fs.writeFileSync('../data/' + 'y/'.repeat(3000) + 'z', 'x'); console.log('long-path-write: ok'); } catch (e) { console.log(`long-path-write: ${e.code}`); }
try { fs.mkdirSync('../data/' + 'd/'.repeat(3000), { recursive: true }); console.log('long-mkdir: ok'); } catch (e) { console.log(`long-mkdir: ${e.code}`); }
"#,
    );
    for l in ["nul", "nul-buffer", "nul-write"] {
        code(&text, l, "ERR_INVALID_ARG_VALUE");
    }
    let l = line(&text, "nul-url");
    assert!(
        l.contains("ERR_INVALID_ARG_VALUE") || l.contains("ERR_ACCESS_DENIED"),
        "{l}"
    );
    assert_eq!(line(&text, "deep-dotdot"), "deep-dotdot: ERR_ACCESS_DENIED");
    assert_eq!(line(&text, "long-name"), "long-name: ENAMETOOLONG");
    for l in ["long-path-write", "long-mkdir"] {
        let got = line(&text, l);
        assert!(!got.ends_with(": ok"), "{got}");
        assert!(got.split(": ").nth(1).unwrap().starts_with('E'), "{got}");
    }
    sb.outside_unchanged();
}

#[test]
fn proc_and_dev_fd_of_an_inside_fd_and_thread_self_are_refused() {
    let sb = Sandbox::new("procfd", |_| {});
    let text = sb.run(
        &sb.rw(),
        r#"
const fd = fs.openSync('../data/ok.txt', 'r');
report('inside-fd', () => fs.readFileSync(fd, 'utf8'));
report('proc-self-fd', () => fs.readFileSync(`/proc/self/fd/${fd}`, 'utf8'));
report('dev-fd', () => fs.readFileSync(`/dev/fd/${fd}`, 'utf8'));
report('proc-fd-dir', () => fs.readdirSync('/proc/self/fd'));
report('proc-fd-write', () => fs.writeFileSync(`/proc/self/fd/${fd}`, 'x'));
report('thread-self-root', () => fs.readFileSync(`/proc/thread-self/root${root}/outside/secret.txt`, 'utf8'));
report('thread-self-cwd', () => fs.readFileSync('/proc/thread-self/cwd/../outside/secret.txt', 'utf8'));
report('self-cwd', () => fs.readFileSync('/proc/self/cwd/../outside/secret.txt', 'utf8'));
report('environ', () => fs.readFileSync('/proc/self/environ', 'utf8'));
report('cmdline', () => fs.readFileSync('/proc/self/cmdline', 'utf8'));
report('mem', () => fs.openSync('/proc/self/mem', 'r'));
report('pid-root', () => fs.readFileSync(`/proc/${process.pid}/root${root}/outside/secret.txt`, 'utf8'));
report('data-via-proc', () => fs.readFileSync(`/proc/self/root${root}/data/ok.txt`, 'utf8'));
"#,
    );
    assert_eq!(line(&text, "inside-fd"), "inside-fd: ok granted");
    for l in [
        "proc-self-fd",
        "dev-fd",
        "proc-fd-dir",
        "thread-self-root",
        "thread-self-cwd",
        "self-cwd",
        "environ",
        "cmdline",
        "mem",
        "pid-root",
        "data-via-proc",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    denied(&text, "proc-fd-write", "FileSystemWrite");
    sb.outside_unchanged();
}

/// `readlink` of a link inside the grant returns the link's own text: the link is a file in
/// the grant, and Node's permission model and Deno both check only the link's path for it. What
/// it points at stays unknown: existence, type, content, and the targets of links outside.
#[test]
fn readlink_reveals_only_the_link_text_never_the_target() {
    let sb = Sandbox::new("readlink", |root| {
        symlink("../outside/nope.txt", root.join("data/dangling.txt")).unwrap();
        // a link outside the grant whose own target must stay unknown
        symlink("/etc/hostname", root.join("outside/olink")).unwrap();
        symlink("../outside/olink", root.join("data/via_olink")).unwrap();
        symlink("../outside/dir", root.join("data/dirlink")).unwrap();
    });
    let text = sb.run(
        &sb.rw(),
        r#"
report('readlink', () => fs.readlinkSync('../data/link.txt'));
report('readlink-outside', () => fs.readlinkSync('../outside/olink'));
report('readlink-through-dir', () => fs.readlinkSync('../data/linkdir/olink'));
for (const name of ['link.txt', 'dangling.txt']) {
  for (const [op, f] of [['stat', fs.statSync], ['access', fs.accessSync], ['realpath', fs.realpathSync], ['native', fs.realpathSync.native]]) {
    try { f(`../data/${name}`); console.log(`${op}-${name}: ok`); }
    catch (e) { console.log(`${op}-${name}: ${e.code} ${e.permission} ${e.resource}`); }
  }
}
report('exists-link', () => fs.existsSync('../data/link.txt'));
report('exists-dangling', () => fs.existsSync('../data/dangling.txt'));
report('lstat-link', () => fs.lstatSync('../data/link.txt').isSymbolicLink());
report('via-olink', () => fs.readFileSync('../data/via_olink', 'utf8'));
report('via-olink-realpath', () => fs.realpathSync('../data/via_olink'));
report('dirlink-realpath', () => fs.realpathSync('../data/dirlink/inner.txt'));
areport('p-realpath', () => fs.promises.realpath('../data/link.txt'));
areport('p-readlink', () => fs.promises.readlink('../data/link.txt'));
"#,
    );
    assert_eq!(
        line(&text, "readlink"),
        "readlink: ok ../outside/secret.txt"
    );
    assert_eq!(
        line(&text, "p-readlink"),
        "p-readlink: ok ../outside/secret.txt"
    );
    denied(&text, "readlink-outside", "FileSystemRead");
    denied(&text, "readlink-through-dir", "FileSystemRead");
    // An existing and a missing target answer alike: no existence oracle.
    for op in ["stat", "access", "realpath", "native"] {
        let a = line(&text, &format!("{op}-link.txt")).replace("link.txt", "X");
        let b = line(&text, &format!("{op}-dangling.txt")).replace("dangling.txt", "X");
        assert!(a.contains("ERR_ACCESS_DENIED"), "{a}");
        assert_eq!(a, b, "{op} tells an existing target from a missing one");
    }
    assert_eq!(line(&text, "exists-link"), "exists-link: ok false");
    assert_eq!(line(&text, "exists-dangling"), "exists-dangling: ok false");
    assert_eq!(line(&text, "lstat-link"), "lstat-link: ok true");
    for l in [
        "via-olink",
        "via-olink-realpath",
        "dirlink-realpath",
        "p-realpath",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    // Neither the outside link's target nor any resolved outside path is revealed.
    assert!(!text.contains("/etc/hostname"), "{text}");
    for l in ["via-olink-realpath", "dirlink-realpath", "p-realpath"] {
        assert!(!line(&text, l).contains("/outside"), "{}", line(&text, l));
    }
    sb.outside_unchanged();
}

#[test]
fn opendir_readdir_and_recursive_walks_do_not_cross_a_link_out() {
    let sb = Sandbox::new("opendir", |root| {
        std::fs::create_dir(root.join("data/sub")).unwrap();
        symlink("../../outside", root.join("data/sub/up")).unwrap();
    });
    let text = sb.run(
        &sb.rw(),
        r#"
report('opendir', () => fs.opendirSync('../data/linkdir').readSync()?.name);
report('readdir', () => fs.readdirSync('../data/linkdir').join(','));
report('readdir-types', () => fs.readdirSync('../data/sub/up', { withFileTypes: true }).length);
report('recursive', () => fs.readdirSync('../data', { recursive: true }).sort().join(','));
report('recursive-types', () => fs.readdirSync('../data', { recursive: true, withFileTypes: true }).map((d) => d.name).sort().join(','));
report('glob-like', () => fs.readdirSync('../data/sub/up/dir').join(','));
report('rm-recursive-link', () => fs.rmSync('../data/sub', { recursive: true }));
report('sub-gone', () => fs.existsSync('../data/sub'));
areport('p-opendir', async () => { const d = await fs.promises.opendir('../data/linkdir'); for await (const e of d) return e.name; });
areport('p-readdir', () => fs.promises.readdir('../data/sub/up'));
"#,
    );
    for l in [
        "opendir",
        "readdir",
        "readdir-types",
        "glob-like",
        "p-opendir",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    // The walk lists the links themselves and does not descend through them.
    let rec = line(&text, "recursive");
    assert!(
        !rec.contains("secret") && !rec.contains("inner") && !rec.contains("mod.js"),
        "{rec}"
    );
    assert!(rec.contains("linkdir") && rec.contains("ok.txt"), "{rec}");
    let rec = line(&text, "recursive-types");
    assert!(!rec.contains("secret") && !rec.contains("inner"), "{rec}");
    // rm -r of a tree holding a link out removes the link, not what it points at
    assert_eq!(line(&text, "rm-recursive-link"), "rm-recursive-link: ok ");
    assert_eq!(line(&text, "sub-gone"), "sub-gone: ok false");
    sb.outside_unchanged();
}

#[test]
fn copies_through_a_symlinked_dir_or_of_a_link_out_stay_inside() {
    let sb = Sandbox::new("copy", |root| {
        std::fs::create_dir(root.join("data/tree")).unwrap();
        std::fs::write(root.join("data/tree/t.txt"), "t").unwrap();
        symlink("../../outside/secret.txt", root.join("data/tree/l")).unwrap();
    });
    let text = sb.run(
        &sb.rw(),
        r#"
report('copyFile-dest-link-dir', () => fs.copyFileSync('../data/ok.txt', '../data/linkdir/stolen.txt'));
report('copyFile-src-link', () => fs.copyFileSync('../data/link.txt', '../data/copy.txt'));
report('copyFile-over-link', () => fs.copyFileSync('../data/ok.txt', '../data/link.txt'));
report('cp-dest-link-dir', () => fs.cpSync('../data/tree', '../data/linkdir/planted', { recursive: true }));
report('cp-src-link-dir', () => fs.cpSync('../data/linkdir/dir', '../data/stolen', { recursive: true }));
report('cp-deref', () => fs.cpSync('../data/tree', '../data/deref', { recursive: true, dereference: true }));
report('cp-tree', () => fs.cpSync('../data/tree', '../data/copy', { recursive: true }));
report('cp-copied-link', () => fs.readFileSync('../data/copy/l', 'utf8'));
report('cp-copied-file', () => fs.readFileSync('../data/copy/t.txt', 'utf8'));
areport('p-copyFile', () => fs.promises.copyFile('../data/linkdir/secret.txt', '../data/p.txt'));
areport('p-cp', () => fs.promises.cp('../data/ok.txt', '../data/linkdir/dir/p.txt'));
areport('cb-copyFile', () => new Promise((res, rej) => fs.copyFile('../data/ok.txt', '../data/linkdir/cb.txt', (e) => e ? rej(e) : res())));
"#,
    );
    for l in [
        "copyFile-dest-link-dir",
        "copyFile-over-link",
        "cp-dest-link-dir",
        "p-cp",
        "cb-copyFile",
    ] {
        let got = line(&text, l);
        assert!(got.contains("ERR_ACCESS_DENIED"), "{l}: {got}");
    }
    for l in [
        "copyFile-src-link",
        "cp-src-link-dir",
        "cp-deref",
        "p-copyFile",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    // A plain cp copies the link as a link; following the copy is still refused.
    assert_eq!(line(&text, "cp-tree"), "cp-tree: ok ");
    denied(&text, "cp-copied-link", "FileSystemRead");
    assert_eq!(line(&text, "cp-copied-file"), "cp-copied-file: ok t");
    for f in ["data/copy.txt", "data/stolen", "data/p.txt"] {
        assert!(!sb.path(f).exists(), "{f} was created");
    }
    assert!(std::fs::symlink_metadata(sb.path("data/link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    sb.outside_unchanged();
}

#[test]
fn hard_links_and_renames_of_links_pointing_out_stay_confined() {
    let sb = Sandbox::new("links", |_| {});
    let text = sb.run(
        &sb.rw(),
        r#"
report('link-out', () => fs.linkSync('../data/ok.txt', '../outside/hl'));
report('link-in', () => fs.linkSync('../outside/secret.txt', '../data/hl'));
report('link-through-dir', () => fs.linkSync('../data/linkdir/secret.txt', '../data/hl2'));
report('link-into-dir', () => fs.linkSync('../data/ok.txt', '../data/linkdir/hl3'));
// link(2) does not follow: a hard link to the symlink is another symlink, still confined
report('link-of-link', () => fs.linkSync('../data/link.txt', '../data/hl4'));
report('read-link-of-link', () => fs.readFileSync('../data/hl4', 'utf8'));
report('rename-link', () => fs.renameSync('../data/link.txt', '../data/moved.txt'));
report('read-renamed', () => fs.readFileSync('../data/moved.txt', 'utf8'));
report('rename-link-out', () => fs.renameSync('../data/moved.txt', '../outside/moved.txt'));
report('rename-dir-link-out', () => fs.renameSync('../data/linkdir', '../outside/dir/ld'));
report('rename-over-secret', () => fs.renameSync('../data/ok.txt', '../data/linkdir/secret.txt'));
report('rename-secret-in', () => fs.renameSync('../data/linkdir/secret.txt', '../data/s.txt'));
report('symlink-into-dir', () => fs.symlinkSync('/etc/passwd', '../data/linkdir/planted'));
areport('p-link', () => fs.promises.link('../outside/secret.txt', '../data/p-hl'));
areport('p-rename', () => fs.promises.rename('../data/ok.txt', '../data/linkdir/ok.txt'));
"#,
    );
    for l in [
        "link-out",
        "link-into-dir",
        "rename-link-out",
        "rename-dir-link-out",
    ] {
        denied(&text, l, "FileSystemWrite");
    }
    for l in [
        "rename-over-secret",
        "rename-secret-in",
        "symlink-into-dir",
        "p-rename",
        "link-in",
        "link-through-dir",
        "p-link",
    ] {
        let got = line(&text, l);
        assert!(got.contains("ERR_ACCESS_DENIED"), "{l}: {got}");
    }
    assert_eq!(line(&text, "link-of-link"), "link-of-link: ok ");
    denied(&text, "read-link-of-link", "FileSystemRead");
    assert_eq!(line(&text, "rename-link"), "rename-link: ok ");
    denied(&text, "read-renamed", "FileSystemRead");
    for f in ["data/hl", "data/hl2", "data/s.txt", "data/p-hl"] {
        assert!(!sb.path(f).exists(), "{f} was created");
    }
    assert_eq!(
        std::fs::read_to_string(sb.path("data/ok.txt")).unwrap(),
        "granted"
    );
    sb.outside_unchanged();
}

#[test]
fn truncate_utimes_chmod_chown_through_a_link_out_change_nothing() {
    let sb = Sandbox::new("meta", |_| {});
    let text = sb.run(
        &sb.rw(),
        r#"
const { uid, gid } = fs.statSync('../data/ok.txt');
for (const p of ['../data/link.txt', '../data/linkdir/secret.txt', '../data/linkdir/dir']) {
  report(`truncate ${p}`, () => fs.truncateSync(p, 0));
  report(`utimes ${p}`, () => fs.utimesSync(p, 0, 0));
  report(`chmod ${p}`, () => fs.chmodSync(p, 0o777));
  report(`chown ${p}`, () => fs.chownSync(p, uid, gid));
  report(`append ${p}`, () => fs.appendFileSync(p, 'x'));
  report(`open-rplus ${p}`, () => fs.openSync(p, 'r+'));
}
report('lutimes-link-only', () => fs.lutimesSync('../data/link.txt', 5, 5));
areport('p-truncate', () => fs.promises.truncate('../data/link.txt'));
areport('p-utimes', () => fs.promises.utimes('../data/linkdir/secret.txt', 1, 1));
areport('p-chmod', () => fs.promises.chmod('../data/link.txt', 0o600));
areport('cb-truncate', () => new Promise((res, rej) => fs.truncate('../data/link.txt', 0, (e) => e ? rej(e) : res())));
"#,
    );
    for p in [
        "../data/link.txt",
        "../data/linkdir/secret.txt",
        "../data/linkdir/dir",
    ] {
        for op in [
            "truncate",
            "utimes",
            "chmod",
            "chown",
            "append",
            "open-rplus",
        ] {
            let label = format!("{op} {p}");
            let got = line(&text, &label);
            assert!(got.contains("ERR_ACCESS_DENIED"), "{got}");
        }
    }
    for l in ["p-truncate", "p-utimes", "p-chmod", "cb-truncate"] {
        assert!(line(&text, l).contains("ERR_ACCESS_DENIED"), "{text}");
    }
    // The link's own times are inside the grant.
    assert_eq!(line(&text, "lutimes-link-only"), "lutimes-link-only: ok ");
    sb.outside_unchanged();
}

#[test]
fn ungranted_env_vars_are_invisible_through_every_enumeration() {
    let sb = Sandbox::new("env", |_| {});
    let text = sb.run_env(
        &[
            "--allow-env=ATOLL_ESCAPE_SHOWN".into(),
            "--allow-run=env".into(),
        ],
        r#"
const k = 'ATOLL_ESCAPE_HIDDEN';
const e = process.env;
console.log('shown: ' + e.ATOLL_ESCAPE_SHOWN);
console.log('get: ' + e[k]);
console.log('in: ' + (k in e));
console.log('own: ' + Object.prototype.hasOwnProperty.call(e, k));
console.log('desc: ' + JSON.stringify(Object.getOwnPropertyDescriptor(e, k)));
console.log('keys: ' + Object.keys(e).join(','));
console.log('names: ' + Object.getOwnPropertyNames(e).join(','));
console.log('reflect: ' + Reflect.ownKeys(e).map(String).join(','));
console.log('json: ' + JSON.stringify(e));
console.log('entries: ' + JSON.stringify(Object.entries(e)));
console.log('spread: ' + JSON.stringify({ ...e }));
console.log('assign: ' + JSON.stringify(Object.assign({}, e)));
const forin = []; for (const x in e) forin.push(x);
console.log('forin: ' + forin.join(','));
console.log('inspect: ' + require('node:util').inspect(e));
// a child started without an explicit env gets the granted view, not the host's
const child = require('node:child_process').execFileSync('env', { encoding: 'utf8' });
console.log('child-has-hidden: ' + child.includes(k));
console.log('child-has-shown: ' + child.includes('ATOLL_ESCAPE_SHOWN=yes'));
"#,
        &[("ATOLL_ESCAPE_SHOWN", "yes")],
    );
    assert_eq!(line(&text, "shown"), "shown: yes");
    assert_eq!(line(&text, "get"), "get: undefined");
    assert_eq!(line(&text, "in"), "in: false");
    assert_eq!(line(&text, "own"), "own: false");
    assert_eq!(line(&text, "desc"), "desc: undefined");
    assert!(!text.contains("ATOLL_ESCAPE_HIDDEN="), "{text}");
    for l in [
        "keys", "names", "reflect", "json", "entries", "spread", "assign", "forin", "inspect",
    ] {
        let got = line(&text, l);
        assert!(!got.contains("HIDDEN"), "{got}");
        assert!(got.contains("ATOLL_ESCAPE_SHOWN"), "{got}");
    }
    assert_eq!(line(&text, "child-has-hidden"), "child-has-hidden: false");
    assert_eq!(line(&text, "child-has-shown"), "child-has-shown: true");
}

#[test]
fn require_and_import_through_links_urls_and_create_require_are_refused() {
    let sb = Sandbox::new("modules", |root| {
        std::fs::create_dir_all(root.join("app/node_modules")).unwrap();
        symlink("../../outside", root.join("app/node_modules/evil")).unwrap();
        symlink("../outside/mod.js", root.join("app/linked.js")).unwrap();
        symlink("../outside", root.join("app/outdir")).unwrap();
        std::fs::write(
            root.join("outside/data.json"),
            format!("{{\"s\":{SECRET:?}}}"),
        )
        .unwrap();
        std::fs::write(root.join("app/ok.js"), "module.exports = 'ok';\n").unwrap();
    });
    let text = sb.run(
        &[],
        r#"
const show = (label) => [(v) => console.log(`${label}: ok ${typeof v}`), (e) => console.log(fmt(label, e))];
report('local', () => require('./ok.js'));
report('package-link-out', () => require('evil/mod.js'));
report('file-link-out', () => require('./linked.js'));
report('dir-link-out', () => require('./outdir/mod.js'));
report('json-out', () => require('../outside/data.json'));
report('resolve-out', () => require.resolve('../outside/mod.js'));
report('createRequire', () => require('node:module').createRequire(`${root}/outside/x.js`)('./mod.js'));
report('require-url-path', () => require(pathToFileURL(`${root}/outside/mod.js`).pathname));
report('proc-root', () => require(`/proc/self/root${root}/outside/mod.js`));
import(pathToFileURL(`${root}/outside/mod.js`).href).then(...show('import-url'));
import('./linked.js').then(...show('import-link'));
import('evil/mod.js').then(...show('import-package-link'));
"#,
    );
    assert_eq!(line(&text, "local"), "local: ok ok");
    for l in [
        "package-link-out",
        "file-link-out",
        "dir-link-out",
        "json-out",
        "createRequire",
        "require-url-path",
        "proc-root",
        "import-url",
        "import-link",
        "import-package-link",
    ] {
        let got = line(&text, l);
        assert!(!got.contains(": ok"), "{l} loaded: {got}");
        assert!(
            got.contains("ERR_ACCESS_DENIED") || got.contains("MODULE_NOT_FOUND"),
            "{l}: {got}"
        );
    }
    let got = line(&text, "resolve-out");
    assert!(!got.contains(": ok"), "require.resolve revealed: {got}");
    sb.outside_unchanged();
}

#[test]
fn chdir_through_a_link_or_to_the_root_is_refused_and_keeps_the_cwd() {
    let sb = Sandbox::new("chdir", |_| {});
    let text = sb.run(
        &sb.rw(),
        r#"
process.chdir('../data');
report('inside', () => process.cwd().endsWith('/data'));
report('chdir-link', () => process.chdir('linkdir'));
report('cwd-after', () => path.basename(process.cwd()));
report('chdir-root', () => process.chdir('/'));
report('chdir-proc', () => process.chdir('/proc/self/cwd'));
report('chdir-abs-out', () => process.chdir(`${root}/outside/dir`));
report('relative-read', () => fs.readFileSync('linkdir/secret.txt', 'utf8'));
report('relative-write', () => fs.writeFileSync('../outside/dir/x', 'x'));
report('still-inside', () => fs.readFileSync('ok.txt', 'utf8'));
"#,
    );
    assert_eq!(line(&text, "inside"), "inside: ok true");
    for l in [
        "chdir-link",
        "chdir-root",
        "chdir-proc",
        "chdir-abs-out",
        "relative-read",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    denied(&text, "relative-write", "FileSystemWrite");
    assert_eq!(line(&text, "cwd-after"), "cwd-after: ok data");
    assert_eq!(line(&text, "still-inside"), "still-inside: ok granted");
    sb.outside_unchanged();
}

#[test]
fn workers_get_no_more_than_the_parent() {
    let sb = Sandbox::new("workers", |root| {
        std::fs::write(
            root.join("app/w.js"),
            "const { parentPort } = require('node:worker_threads');\n\
             const fs = require('node:fs');\n\
             const out = [];\n\
             for (const f of [() => fs.readFileSync('../outside/secret.txt', 'utf8'), () => fs.readFileSync('../data/link.txt', 'utf8'), () => fs.writeFileSync('../outside/w.txt', 'x'), () => process.env.ATOLL_ESCAPE_HIDDEN, () => require('../outside/mod.js')]) {\n\
               try { out.push('ok ' + typeof f()); } catch (e) { out.push(e.code); }\n\
             }\n\
             out.push(fs.readFileSync('../data/ok.txt', 'utf8'));\n\
             parentPort.postMessage(out.join(','));\n",
        )
        .unwrap();
    });
    let text = sb.run(
        &[format!("--allow-read={}", sb.path("data").display())],
        r#"
const { Worker, SHARE_ENV } = require('node:worker_threads');
const run = (label, spec, opts) => new Promise((res) => {
  let w;
  try { w = new Worker(spec, opts); } catch (e) { console.log(fmt(label, e)); return res(); }
  w.on('message', (m) => console.log(`${label}: ${m}`));
  w.on('error', (e) => console.log(fmt(label, e)));
  w.on('exit', res);
});
(async () => {
  await run('file', './w.js');
  // execArgv and env options cannot widen the grants or reveal the host env
  await run('execArgv', './w.js', { execArgv: ['--allow-read', '--allow-write', '-A'] });
  await run('share-env', './w.js', { env: SHARE_ENV });
  await run('eval', `
    const fs = require('node:fs');
    let r; try { fs.readFileSync(${JSON.stringify(root + '/outside/secret.txt')}); r = 'read'; } catch (e) { r = e.code; }
    require('node:worker_threads').parentPort.postMessage(r);`, { eval: true });
  await run('outside-script', `${root}/outside/mod.js`);
})();
"#,
    );
    let expected = "ERR_ACCESS_DENIED,ERR_ACCESS_DENIED,ERR_ACCESS_DENIED,ok undefined,ERR_ACCESS_DENIED,granted";
    for l in ["file", "execArgv", "share-env"] {
        assert_eq!(line(&text, l), format!("{l}: {expected}"), "{text}");
    }
    assert_eq!(line(&text, "eval"), "eval: ERR_ACCESS_DENIED");
    let got = line(&text, "outside-script");
    assert!(got.contains("ERR_ACCESS_DENIED"), "{got}");
    sb.outside_unchanged();
}

#[test]
fn child_processes_without_allow_run_leave_no_trace_outside() {
    let sb = Sandbox::new("children", |root| {
        std::fs::write(
            root.join("app/child.js"),
            "const fs = require('node:fs');\n\
             const r = [];\n\
             for (const f of [() => fs.writeFileSync(process.argv[2], 'x'), () => fs.readFileSync('../outside/secret.txt'), () => require('node:child_process').execSync('true')]) {\n\
               try { f(); r.push('ok'); } catch (e) { r.push(e.code); }\n\
             }\n\
             console.log(r.join(','));\n",
        )
        .unwrap();
    });
    let planted = sb.path("outside/pwned");
    let text = sb.run(
        &sb.rw(),
        &format!(
            r#"
const cp = require('node:child_process');
const target = {planted:?};
report('exec', () => cp.exec(`touch ${{target}}`));
report('execSync', () => cp.execSync(`touch ${{target}}`));
report('spawn-shell', () => cp.spawn('touch', [target], {{ shell: true }}));
report('spawnSync', () => cp.spawnSync('/usr/bin/touch', [target]));
report('execFile', () => cp.execFile('sh', ['-c', `touch ${{target}}`]));
areport('promisified', () => require('node:util').promisify(cp.exec)(`touch ${{target}}`));
// fork() needs no --allow-run (the child gets the parent's grants), but the module it runs,
// and the directory the child may load modules from, must be readable to the parent.
report('fork-outside', () => cp.fork('../outside/mod.js'));
report('fork-outside-silent', () => cp.fork('../outside/secret.txt', [], {{ silent: true }}));
report('fork-via-link', () => cp.fork('../data/link.txt'));
areport('fork-child', () => new Promise((res) => {{
  const c = cp.fork('./child.js', [target], {{ silent: true }});
  let out = '';
  c.stdout.on('data', (d) => out += d);
  c.on('exit', (code) => res(`${{code}} ${{out.trim()}}`));
}}));
"#
        ),
    );
    for l in [
        "exec",
        "execSync",
        "spawn-shell",
        "spawnSync",
        "execFile",
        "promisified",
    ] {
        let got = line(&text, l);
        assert!(
            got.contains("ERR_ACCESS_DENIED") && got.contains("--allow-run"),
            "{l}: {got}"
        );
    }
    for l in ["fork-outside", "fork-outside-silent", "fork-via-link"] {
        denied(&text, l, "FileSystemRead");
    }
    assert_eq!(
        line(&text, "fork-child"),
        "fork-child: ok 0 ERR_ACCESS_DENIED,ERR_ACCESS_DENIED,ERR_ACCESS_DENIED"
    );
    assert!(!planted.exists());
    sb.outside_unchanged();
}

#[test]
fn dotdot_mid_path_prefix_siblings_and_trailing_tricks_are_refused() {
    let sb = Sandbox::new("dots", |root| {
        // a sibling whose name starts with the granted directory's name
        std::fs::create_dir(root.join("data-evil")).unwrap();
        std::fs::write(root.join("data-evil/secret.txt"), SECRET).unwrap();
        std::fs::create_dir(root.join("data/sub")).unwrap();
    });
    let text = sb.run(
        &sb.rw(),
        r#"
report('prefix-sibling', () => fs.readFileSync('../data-evil/secret.txt', 'utf8'));
report('prefix-sibling-abs', () => fs.readFileSync(`${root}/data-evil/secret.txt`, 'utf8'));
report('prefix-sibling-write', () => fs.writeFileSync('../data-evil/planted', 'x'));
report('prefix-sibling-readdir', () => fs.readdirSync('../data-evil'));
report('mid-dotdot', () => fs.readFileSync('../data/sub/../../outside/secret.txt', 'utf8'));
report('mid-dotdot-abs', () => fs.readFileSync(`${root}/data/sub/../../outside/secret.txt`, 'utf8'));
report('dot-segments', () => fs.readFileSync('../data/./sub/./../.././outside/./secret.txt', 'utf8'));
report('double-slash', () => fs.readFileSync('../data//..//outside//secret.txt', 'utf8'));
report('trailing-slash', () => fs.readFileSync('../outside/secret.txt/', 'utf8'));
report('trailing-dot', () => fs.readdirSync('../outside/.'));
report('trailing-dotdot', () => fs.readdirSync('../data/..'));
report('grant-then-up', () => fs.readdirSync(`${root}/data/sub/../..`));
report('mkdir-mid-dotdot', () => fs.mkdirSync('../data/sub/../../outside/newdir', { recursive: true }));
report('rm-mid-dotdot', () => fs.rmSync('../data/../outside/dir', { recursive: true }));
report('inside-dotdot-ok', () => fs.readFileSync('../data/sub/../ok.txt', 'utf8'));
"#,
    );
    for l in [
        "prefix-sibling",
        "prefix-sibling-abs",
        "prefix-sibling-readdir",
        "mid-dotdot",
        "mid-dotdot-abs",
        "dot-segments",
        "double-slash",
        "trailing-slash",
        "trailing-dot",
        "trailing-dotdot",
        "grant-then-up",
    ] {
        denied(&text, l, "FileSystemRead");
    }
    for l in ["prefix-sibling-write", "mkdir-mid-dotdot"] {
        denied(&text, l, "FileSystemWrite");
    }
    // rm -r looks at the tree first, so it may be refused on the read side
    assert!(line(&text, "rm-mid-dotdot").contains("ERR_ACCESS_DENIED"));
    assert_eq!(
        line(&text, "inside-dotdot-ok"),
        "inside-dotdot-ok: ok granted"
    );
    assert!(!sb.path("data-evil/planted").exists());
    sb.outside_unchanged();
}
