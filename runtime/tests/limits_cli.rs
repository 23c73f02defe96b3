//! `--max-handles` and `--max-children`: a script that holds too many files, sockets or child
//! processes gets the error the OS limit gives in Node (EMFILE / EAGAIN), never a crash, and
//! closing a handle frees its slot. Also the same limits through `atoll::embed`.

#![allow(clippy::disallowed_methods)] // fixtures use ambient std::fs

use std::{
    path::PathBuf,
    process::{Command, Output},
};

use atoll::{embed::Sandbox, ResultValue};
use wasi_bridge::{grants::Scope, Grants};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let root = std::env::temp_dir().join(format!("atoll-limits-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        for i in 0..4 {
            std::fs::write(root.join(format!("f{i}.txt")), format!("file {i}")).unwrap();
        }
        Dir(root)
    }

    fn run(&self, flags: &[&str], source: &str) -> Output {
        std::fs::write(self.0.join("main.js"), source).unwrap();
        Command::new(env!("CARGO_BIN_EXE_atoll"))
            .arg("run")
            .args(flags)
            .arg("main.js")
            .current_dir(&self.0)
            .output()
            .unwrap()
    }

    fn grant(&self) -> Vec<String> {
        vec![
            format!("--allow-read={}", self.0.display()),
            format!("--allow-write={}", self.0.display()),
        ]
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{text}\nstderr:\n{err}",
        out.status.code()
    );
    assert!(!err.contains("panicked"), "{err}");
    text
}

/// Prints `label: <code> <errno> <syscall> <message>` for an error, `label: ok` otherwise.
const PRELUDE: &str = r#"
const fs = require('node:fs');
const path = require('node:path');
const show = (label, e) => console.log(e
  ? `${label}: ${e.code} ${e.errno} ${e.syscall} ${e.message}`
  : `${label}: ok`);
const attempt = (label, fn) => { try { const v = fn(); show(label); return v; } catch (e) { show(label, e); } };
"#;

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn files_past_max_handles_fail_with_emfile_until_one_is_closed() {
    let d = Dir::new("fs");
    let mut flags: Vec<String> = d.grant();
    flags.push("--max-handles=3".into());
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let out = d.run(
        &flags,
        &format!(
            "{PRELUDE}
const p = (i) => path.join(__dirname, `f${{i}}.txt`);
const a = attempt('open0', () => fs.openSync(p(0), 'r'));
attempt('open1', () => fs.openSync(p(1), 'r'));
attempt('open2', () => fs.openSync(p(2), 'r'));
attempt('open3', () => fs.openSync(p(3), 'r'));
attempt('create', () => fs.openSync(p('new'), 'w'));
console.log('created: ' + fs.existsSync(p('new')));
// transient opens inside one call are not held, so still work at the limit
attempt('readFile', () => fs.readFileSync(p(3), 'utf8'));
fs.closeSync(a);
const again = attempt('reopen', () => fs.openSync(p(3), 'r'));
attempt('full-again', () => fs.openSync(p(0), 'r'));
fs.closeSync(again);
(async () => {{
  const fh = await fs.promises.open(p(0));
  show('filehandle');
  await fs.promises.open(p(1)).then(() => show('fh-over'), (e) => show('fh-over', e));
  await new Promise((r) => fs.open(p(1), 'r', (e) => {{ show('cb-over', e); r(); }}));
  await new Promise((r) => fs.createReadStream(p(1)).on('error', (e) => {{ show('stream-over', e); r(); }}).on('open', () => {{ show('stream-over'); r(); }}));
  await fh.close();
  const fh2 = await fs.promises.open(p(1));
  show('fh-after-close');
  await fh2.close();
}})();
"
        ),
    );
    let text = stdout(&out);
    let path = |i: &str| d.0.join(format!("f{i}.txt")).display().to_string();
    let emfile = |label: &str, file: &str| {
        format!(
            "{label}: EMFILE -24 open EMFILE: too many open files, open '{}'",
            path(file)
        )
    };
    assert_eq!(
        lines(&text),
        vec![
            "open0: ok".to_string(),
            "open1: ok".into(),
            "open2: ok".into(),
            emfile("open3", "3"),
            emfile("create", "new"),
            "created: false".into(),
            "readFile: ok".into(),
            "reopen: ok".into(),
            emfile("full-again", "0"),
            "filehandle: ok".into(),
            emfile("fh-over", "1"),
            emfile("cb-over", "1"),
            emfile("stream-over", "1"),
            "fh-after-close: ok".into(),
        ]
    );
}

#[test]
fn sockets_and_servers_count_and_free_their_slots() {
    let d = Dir::new("net");
    let out = d.run(
        &["--allow-net=127.0.0.1", "--max-handles=3"],
        &format!(
            "{PRELUDE}
const net = require('node:net');
let accepted = 0;
const server = net.createServer((s) => {{
  accepted++;
  s.on('close', () => {{ if (accepted === 1) step2(); }});
  s.resume();
}});
server.on('error', (e) => show('server-error', e));
server.listen(0, '127.0.0.1', () => {{
  const {{ port }} = server.address();
  const second = net.createServer();
  second.on('error', (e) => show('listen-over', e));
  // server + client + accepted connection = 3 handles
  const c1 = net.connect(port, '127.0.0.1', () => {{
    show('connect1');
    setTimeout(() => {{
      const c2 = net.connect(port, '127.0.0.1', () => show('connect-over'));
      c2.on('error', (e) => {{
        console.log(`connect-over: ${{e.code}} ${{e.errno}} ${{e.syscall}} ${{e.message.replace(String(port), 'PORT')}}`);
        second.listen(0, '127.0.0.1', () => show('listen-over'));
        setTimeout(() => c1.destroy(), 50);
      }});
    }}, 50);
  }});
}});
function step2() {{
  const {{ port }} = server.address();
  const c3 = net.connect(port, '127.0.0.1', () => {{
    show('connect-after-close');
    c3.end();
    server.close();
  }});
  c3.on('error', (e) => show('connect-after-close', e));
}}
"
        ),
    );
    let text = stdout(&out);
    assert_eq!(
        lines(&text),
        vec![
            "connect1: ok",
            "connect-over: EMFILE -24 connect connect EMFILE 127.0.0.1:PORT",
            "listen-over: EMFILE -24 listen listen EMFILE: too many open files 127.0.0.1",
            "connect-after-close: ok",
        ],
        "{text}"
    );
}

#[test]
fn accepted_connections_past_the_limit_are_refused_with_emfile_on_the_server() {
    let d = Dir::new("accept");
    let out = d.run(
        &["--allow-net=127.0.0.1", "--max-handles=2"],
        &format!(
            "{PRELUDE}
const net = require('node:net');
// server (1) + client (2): the accepted side would be the third handle
const server = net.createServer(() => show('accepted'));
server.on('error', (e) => {{
  show('server-error', e);
  server.close();
}});
server.listen(0, '127.0.0.1', () => {{
  const c = net.connect(server.address().port, '127.0.0.1');
  c.on('connect', () => show('client-connect'));
  c.on('error', () => {{}});
  c.on('close', () => show('client-closed'));
}});
"
        ),
    );
    let text = stdout(&out);
    assert!(
        text.contains("server-error: EMFILE -24 accept"),
        "expected EMFILE on the server:\n{text}"
    );
    assert!(!text.contains("accepted: ok"), "{text}");
}

#[test]
fn children_past_max_children_fail_with_eagain_until_one_exits() {
    let d = Dir::new("children");
    let out = d.run(
        &["--allow-run", "--max-children=1"],
        &format!(
            "{PRELUDE}
const cp = require('node:child_process');
const first = cp.spawn('sleep', ['10']);
first.on('spawn', () => show('first'));
const over = cp.spawn('true');
over.on('spawn', () => show('spawn-over'));
over.on('error', (e) => {{
  console.log(`spawn-over: ${{e.code}} ${{e.errno}} ${{e.syscall}} ${{e.path}} ${{e.message}}`);
  const r = cp.spawnSync('true');
  show('sync-over', r.error);
  cp.execFile('true', (e) => show('execFile-over', e));
  setTimeout(() => first.kill(), 50);
}});
first.on('exit', (code, signal) => {{
  console.log(`first-exit: ${{signal}}`);
  const again = cp.spawn('true');
  again.on('error', (e) => show('after-exit', e));
  again.on('exit', (code) => {{
    console.log(`after-exit: ${{code}}`);
    show('sync-after', cp.spawnSync('true').error);
  }});
}});
"
        ),
    );
    let text = stdout(&out);
    assert_eq!(
        lines(&text),
        vec![
            "first: ok",
            "spawn-over: EAGAIN -11 spawn true true spawn true EAGAIN",
            "sync-over: EAGAIN -11 spawnSync true spawnSync true EAGAIN",
            "execFile-over: EAGAIN -11 spawn true spawn true EAGAIN",
            "first-exit: SIGTERM",
            "after-exit: 0",
            "sync-after: ok",
        ],
        "{text}"
    );
}

#[test]
fn a_worker_shares_its_parents_handle_budget() {
    let d = Dir::new("worker");
    let mut flags: Vec<String> = d.grant();
    flags.push("--max-handles=2".into());
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let out = d.run(
        &flags,
        &format!(
            "{PRELUDE}
const {{ Worker }} = require('node:worker_threads');
fs.openSync(path.join(__dirname, 'f0.txt'));
fs.openSync(path.join(__dirname, 'f1.txt'));
const w = new Worker(`
  const fs = require('node:fs');
  const {{ parentPort }} = require('node:worker_threads');
  try {{ fs.openSync(${{JSON.stringify(path.join(__dirname, 'f2.txt'))}}); parentPort.postMessage('ok'); }}
  catch (e) {{ parentPort.postMessage(e.code); }}
`, {{ eval: true }});
w.on('message', (m) => {{ console.log('worker: ' + m); w.terminate(); }});
"
        ),
    );
    assert_eq!(stdout(&out).trim(), "worker: EMFILE");
}

#[test]
fn embedded_sandboxes_take_the_same_limits() {
    let d = Dir::new("embed");
    let f = |i: u32| d.0.join(format!("f{i}.txt")).display().to_string();
    let grants = Grants {
        read: Scope::Some(vec![d.0.clone()]),
        ..Grants::default()
    };
    let out = Sandbox::new()
        .grants(grants)
        .max_handles(2)
        .eval(format!(
            "(() => {{
  const fs = require('node:fs');
  const codes = [];
  const a = fs.openSync({a:?});
  fs.openSync({b:?});
  try {{ fs.openSync({c:?}); codes.push('opened'); }} catch (e) {{ codes.push(e.code, e.syscall, e.path); }}
  fs.closeSync(a);
  fs.openSync({c:?});
  codes.push('reopened');
  return codes;
}})()",
            a = f(0),
            b = f(1),
            c = f(2),
        ))
        .wait();
    assert_eq!(out.exit_code, 0, "{:?}", out.result);
    assert_eq!(
        out.result,
        Some(Ok(ResultValue::Json(format!(
            r#"["EMFILE","open",{:?},"reopened"]"#,
            f(2)
        ))))
    );
    let out = Sandbox::new()
        .grants(Grants {
            run: Scope::All,
            ..Grants::default()
        })
        .max_children(0)
        .eval("require('node:child_process').spawnSync('true').error.code")
        .wait();
    assert_eq!(
        out.result,
        Some(Ok(ResultValue::Json(r#""EAGAIN""#.into())))
    );
}

#[test]
fn forked_children_inherit_the_caps_so_a_fork_chain_is_bounded() {
    let d = Dir::new("forkchain");
    let out = d.run(
        &["--max-children=2", "--max-handles=5"],
        r#"
const cp = require('node:child_process');
const depth = Number(process.argv[2] || 0);
const c = cp.fork(__filename, [String(depth + 1)]);
c.on("error", (e) => console.log(`depth ${depth}: ${e.code} ${e.syscall.split(" ")[0]}`));
"#,
    );
    // root (2 children) -> child (1) -> grandchild (0): the grandchild cannot fork.
    assert_eq!(stdout(&out).trim(), "depth 2: EAGAIN spawn");
}

/// A parent that prints how its forked `child.js` ended (and kills it if it outlives 20 s,
/// which only happens when the child escaped the parent's limits).
const FORK_AND_REPORT: &str = r#"
const cp = require('node:child_process');
const c = cp.fork(require('node:path').join(__dirname, 'child.js'), [], { stdio: 'ignore' });
const guard = setTimeout(() => { console.log('escaped'); c.kill('SIGKILL'); }, 20000);
c.on('exit', (code, signal) => { clearTimeout(guard); console.log(`child exit ${code} ${signal}`); });
"#;

#[test]
fn a_forked_child_gets_what_is_left_of_the_parents_cpu_time() {
    let d = Dir::new("forkcpu");
    std::fs::write(d.0.join("child.js"), "for (;;) {}").unwrap();
    let out = d.run(&["--max-cpu-time=1500"], FORK_AND_REPORT);
    assert_eq!(stdout(&out).trim(), "child exit 124 null", "{out:?}");
}

#[test]
fn a_forked_child_has_the_parents_max_heap() {
    let d = Dir::new("forkheap");
    std::fs::write(
        d.0.join("child.js"),
        "const keep = []; for (;;) keep.push(new Array(1e5).fill(1.5));",
    )
    .unwrap();
    let out = d.run(&["--max-heap=32M"], FORK_AND_REPORT);
    assert_eq!(stdout(&out).trim(), "child exit 134 null", "{out:?}");
}
