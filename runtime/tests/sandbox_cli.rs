//! The sandbox from a script's point of view: each test lays out `app/` (the script, run from
//! there), `data/` (what the flags may grant) and `outside/` (never granted, holding a secret),
//! runs a small script and checks what it could and could not do.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    path::PathBuf,
    process::{Command, Output},
};

const SECRET: &str = "top-secret-contents";

struct Sandbox {
    root: PathBuf,
}

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        let root =
            std::env::temp_dir().join(format!("atoll-sandbox-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for d in ["app", "data", "outside"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("outside/secret.txt"), SECRET).unwrap();
        std::fs::write(root.join("data/ok.txt"), "granted").unwrap();
        Sandbox { root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn flag(&self, name: &str, rel: &str) -> String {
        format!("--{name}={}", self.path(rel).display())
    }

    /// Run `source` as `app/main.js` with `flags`, cwd `app/`.
    fn run(&self, flags: &[String], source: &str) -> Output {
        self.run_env(flags, source, &[])
    }

    fn run_env(&self, flags: &[String], source: &str, env: &[(&str, &str)]) -> Output {
        std::fs::write(self.path("app/main.js"), source).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_atoll"));
        cmd.arg("run")
            .args(flags)
            .arg("main.js")
            .current_dir(self.path("app"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn stdout(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{text}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// A JS helper every script starts with: `report(label, fn)` prints `label: ok` or
/// `label: <code> <permission> <message>`.
const PRELUDE: &str = r#"
const fs = require('node:fs');
const path = require('node:path');
function report(label, fn) {
  try { const v = fn(); console.log(`${label}: ok ${v === undefined ? '' : String(v)}`); }
  catch (e) { console.log(`${label}: ${e.code} ${e.permission} ${e.message}`); }
}
"#;

fn line<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(&format!("{label}: ")))
        .unwrap_or_else(|| panic!("no line for {label} in:\n{text}"))
}

fn assert_denied(text: &str, label: &str, permission: &str, flag: &str) {
    let l = line(text, label);
    assert!(
        l.contains("ERR_ACCESS_DENIED") && l.contains(permission) && l.contains(flag),
        "{label}: expected ERR_ACCESS_DENIED/{permission}/{flag}, got: {l}"
    );
}

fn assert_untouched(sb: &Sandbox) {
    assert_eq!(
        std::fs::read_to_string(sb.path("outside/secret.txt")).unwrap(),
        SECRET
    );
    let names: Vec<_> = std::fs::read_dir(sb.path("outside"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["secret.txt".to_string()]);
}

#[test]
fn no_flags_denies_reads_and_writes_naming_the_flag() {
    let sb = Sandbox::new("noflags");
    let out = sb.run(
        &[],
        &format!(
            "{PRELUDE}
report('read', () => fs.readFileSync('../data/ok.txt', 'utf8'));
report('stat', () => fs.statSync('../data/ok.txt').size);
report('write', () => fs.writeFileSync('../data/new.txt', 'x'));
report('mkdir', () => fs.mkdirSync('../data/dir'));
report('own-dir', () => fs.readFileSync('./main.js', 'utf8').length);
"
        ),
    );
    let text = stdout(&out);
    assert_denied(&text, "read", "FileSystemRead", "--allow-read");
    assert_denied(&text, "stat", "FileSystemRead", "--allow-read");
    assert_denied(&text, "write", "FileSystemWrite", "--allow-write");
    assert_denied(&text, "mkdir", "FileSystemWrite", "--allow-write");
    // The entry script's own tree is readable by the module loader only, not by node:fs.
    assert_denied(&text, "own-dir", "FileSystemRead", "--allow-read");
    assert!(!sb.path("data/new.txt").exists());
    assert!(!sb.path("data/dir").exists());
}

#[test]
fn uncaught_denial_reports_the_code_on_stderr() {
    let sb = Sandbox::new("uncaught");
    let out = sb.run(
        &[],
        "require('node:fs').readFileSync('../outside/secret.txt');\n",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ERR_ACCESS_DENIED"), "{err}");
    assert!(err.contains("--allow-read"), "{err}");
    assert!(!err.contains(SECRET));
}

#[test]
fn read_only_grant_refuses_writes() {
    let sb = Sandbox::new("readonly");
    let out = sb.run(
        &[sb.flag("allow-read", "data")],
        &format!(
            "{PRELUDE}
report('read', () => fs.readFileSync('../data/ok.txt', 'utf8'));
report('write', () => fs.writeFileSync('../data/ok.txt', 'changed'));
report('append', () => fs.appendFileSync('../data/ok.txt', 'more'));
report('open-rw', () => fs.openSync('../data/ok.txt', 'r+'));
report('unlink', () => fs.unlinkSync('../data/ok.txt'));
report('rename', () => fs.renameSync('../data/ok.txt', '../data/moved.txt'));
report('chmod', () => fs.chmodSync('../data/ok.txt', 0o777));
"
        ),
    );
    let text = stdout(&out);
    assert_eq!(line(&text, "read"), "read: ok granted");
    for label in ["write", "append", "open-rw", "unlink", "rename", "chmod"] {
        assert_denied(&text, label, "FileSystemWrite", "--allow-write");
    }
    assert_eq!(
        std::fs::read_to_string(sb.path("data/ok.txt")).unwrap(),
        "granted"
    );
}

#[test]
fn dotdot_absolute_and_symlink_escapes_are_refused() {
    let sb = Sandbox::new("escapes");
    std::os::unix::fs::symlink(sb.path("outside/secret.txt"), sb.path("data/link.txt")).unwrap();
    std::os::unix::fs::symlink(sb.path("outside"), sb.path("data/linkdir")).unwrap();
    let secret = sb.path("outside/secret.txt");
    let out = sb.run(
        &[
            sb.flag("allow-read", "data"),
            sb.flag("allow-write", "data"),
        ],
        &format!(
            "{PRELUDE}
report('dotdot', () => fs.readFileSync('../data/../outside/secret.txt', 'utf8'));
report('absolute', () => fs.readFileSync({secret:?}, 'utf8'));
report('symlink-read', () => fs.readFileSync('../data/link.txt', 'utf8'));
report('symlink-write', () => fs.writeFileSync('../data/link.txt', 'pwned'));
report('symlinkdir-write', () => fs.writeFileSync('../data/linkdir/new.txt', 'pwned'));
report('symlinkdir-read', () => fs.readFileSync('../data/linkdir/secret.txt', 'utf8'));
report('js-symlink', () => fs.symlinkSync('../outside/secret.txt', '../data/js-link'));
report('js-symlink-read', () => fs.readFileSync('../data/js-link', 'utf8'));
report('rename-out', () => fs.renameSync('../data/ok.txt', '../outside/stolen.txt'));
report('copy-in', () => fs.copyFileSync('../outside/secret.txt', '../data/copy.txt'));
report('realpath', () => fs.realpathSync('../data/link.txt'));
"
        ),
    );
    let text = stdout(&out);
    assert!(!text.contains(SECRET), "secret leaked:\n{text}");
    assert_denied(&text, "dotdot", "FileSystemRead", "--allow-read");
    assert_denied(&text, "absolute", "FileSystemRead", "--allow-read");
    assert_denied(&text, "rename-out", "FileSystemWrite", "--allow-write");
    assert_denied(&text, "copy-in", "FileSystemRead", "--allow-read");
    for label in [
        "symlink-read",
        "symlink-write",
        "symlinkdir-write",
        "symlinkdir-read",
        "js-symlink-read",
        "realpath",
    ] {
        let l = line(&text, label);
        assert!(!l.contains(": ok"), "{label} escaped: {l}");
        // Every refusal carries a Node error code.
        let code = l.split_whitespace().nth(1).unwrap_or("");
        assert!(
            code.starts_with('E'),
            "{label}: expected a Node code, got {l}"
        );
    }
    assert_untouched(&sb);
    assert!(!sb.path("data/copy.txt").exists());
}

#[test]
fn require_outside_the_grants_is_refused() {
    let sb = Sandbox::new("require");
    std::fs::write(sb.path("app/local.js"), "module.exports = 'local';\n").unwrap();
    std::fs::create_dir_all(sb.path("app/node_modules/pkg")).unwrap();
    std::fs::write(
        sb.path("app/node_modules/pkg/index.js"),
        "module.exports = 'pkg';\n",
    )
    .unwrap();
    std::fs::write(sb.path("outside/mod.js"), "module.exports = 'outside';\n").unwrap();
    let outside_mod = sb.path("outside/mod.js");
    let out = sb.run(
        &[],
        &format!(
            "{PRELUDE}
report('local', () => require('./local.js'));
report('package', () => require('pkg'));
report('relative-out', () => require('../outside/mod.js'));
report('absolute-out', () => require({outside_mod:?}));
import('../outside/mod.js').then(
  () => console.log('import-out: ok'),
  (e) => console.log(`import-out: ${{e.code}} ${{e.permission}} ${{e.message}}`));
"
        ),
    );
    let text = stdout(&out);
    assert_eq!(line(&text, "local"), "local: ok local");
    assert_eq!(line(&text, "package"), "package: ok pkg");
    assert_denied(&text, "relative-out", "FileSystemRead", "--allow-read");
    assert_denied(&text, "absolute-out", "FileSystemRead", "--allow-read");
    assert_denied(&text, "import-out", "FileSystemRead", "--allow-read");
}

#[test]
fn process_env_hides_ungranted_names() {
    let sb = Sandbox::new("env");
    let out = sb.run_env(
        &["--allow-env=ATOLL_SB_SHOWN".to_string()],
        "console.log(JSON.stringify([process.env.ATOLL_SB_SHOWN, process.env.ATOLL_SB_HIDDEN,
  'ATOLL_SB_HIDDEN' in process.env, Object.keys(process.env).includes('ATOLL_SB_HIDDEN')]));\n",
        &[("ATOLL_SB_SHOWN", "yes"), ("ATOLL_SB_HIDDEN", "no")],
    );
    assert_eq!(stdout(&out).trim(), r#"["yes",null,false,false]"#);
}

#[test]
fn chdir_out_of_the_grant_then_relative_access_is_refused() {
    let sb = Sandbox::new("chdir");
    let out = sb.run(
        &[
            sb.flag("allow-read", "data"),
            sb.flag("allow-write", "data"),
        ],
        &format!(
            "{PRELUDE}
process.chdir('../data');
report('inside', () => fs.readFileSync('ok.txt', 'utf8'));
report('chdir-out', () => process.chdir('../outside'));
report('outside-read', () => fs.readFileSync('../outside/secret.txt', 'utf8'));
report('outside-write', () => fs.writeFileSync('../outside/planted.txt', 'x'));
"
        ),
    );
    let text = stdout(&out);
    assert_eq!(line(&text, "inside"), "inside: ok granted");
    // chdir itself is checked through the read capability, so it cannot leave the grants.
    assert_denied(&text, "chdir-out", "FileSystemRead", "--allow-read");
    assert_denied(&text, "outside-read", "FileSystemRead", "--allow-read");
    assert_denied(&text, "outside-write", "FileSystemWrite", "--allow-write");
    assert_untouched(&sb);
}

#[test]
fn promises_and_callbacks_are_refused_the_same_way() {
    let sb = Sandbox::new("async");
    let out = sb.run(
        &[sb.flag("allow-read", "data")],
        &format!(
            "{PRELUDE}
const show = (label) => (e) => console.log(`${{label}}: ${{e ? `${{e.code}} ${{e.permission}} ${{e.message}}` : 'ok'}}`);
fs.promises.readFile('../outside/secret.txt').then(() => show('p-read')(null), show('p-read'));
fs.promises.writeFile('../data/new.txt', 'x').then(() => show('p-write')(null), show('p-write'));
fs.promises.open('../outside/secret.txt').then(() => show('p-open')(null), show('p-open'));
fs.readFile('../outside/secret.txt', (e) => show('cb-read')(e));
fs.writeFile('../data/new.txt', 'x', (e) => show('cb-write')(e));
fs.stat('../outside', (e) => show('cb-stat')(e));
"
        ),
    );
    let text = stdout(&out);
    for label in ["p-read", "p-open", "cb-read", "cb-stat"] {
        assert_denied(&text, label, "FileSystemRead", "--allow-read");
    }
    for label in ["p-write", "cb-write"] {
        assert_denied(&text, label, "FileSystemWrite", "--allow-write");
    }
    assert!(!sb.path("data/new.txt").exists());
}

#[test]
fn granted_paths_work_for_every_form() {
    let sb = Sandbox::new("granted");
    let out = sb.run(
        &[sb.flag("allow-read", "data"), sb.flag("allow-write", "data")],
        &format!(
            "{PRELUDE}
report('sync', () => {{ fs.writeFileSync('../data/s.txt', 'sync'); return fs.readFileSync('../data/s.txt', 'utf8'); }});
fs.promises.writeFile('../data/p.txt', 'promise')
  .then(() => fs.promises.readFile('../data/p.txt', 'utf8'))
  .then((t) => console.log(`promise: ok ${{t}}`));
fs.writeFile('../data/c.txt', 'callback', () =>
  fs.readFile('../data/c.txt', 'utf8', (e, t) => console.log(`callback: ok ${{t}}`)));
"
        ),
    );
    let text = stdout(&out);
    assert_eq!(line(&text, "sync"), "sync: ok sync");
    assert_eq!(line(&text, "promise"), "promise: ok promise");
    assert_eq!(line(&text, "callback"), "callback: ok callback");
}

#[test]
fn user_code_cannot_reach_the_native_ops() {
    // `atoll:ops` (and each built-in's own `atoll:ops/<built-in>`) resolve only for built-ins:
    // the ops skip the permission checks the polyfills make before calling them.
    let sb = Sandbox::new("ops");
    let out = sb.run(
        &[],
        r#"
const names = ['atoll:ops', 'atoll:ops/node:process', 'atoll:ops/atoll:internal/bootstrap'];
(async () => {
  for (const s of names) {
    try { await import(s); console.log(`import ${s}: ok`); } catch (e) { console.log(`import ${s}: ${e.code}`); }
    try { require(s); console.log(`require ${s}: ok`); } catch (e) { console.log(`require ${s}: ${e.code}`); }
  }
})();
"#,
    );
    let text = stdout(&out);
    for s in [
        "atoll:ops",
        "atoll:ops/node:process",
        "atoll:ops/atoll:internal/bootstrap",
    ] {
        assert_eq!(
            line(&text, &format!("import {s}")),
            format!("import {s}: ERR_UNKNOWN_BUILTIN_MODULE")
        );
        assert_eq!(
            line(&text, &format!("require {s}")),
            format!("require {s}: MODULE_NOT_FOUND")
        );
    }
}
