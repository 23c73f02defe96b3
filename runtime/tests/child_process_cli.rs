//! node:child_process through the CLI with `--allow-run`: each test writes a small script into a
//! temp dir, runs atoll on it and checks stdout/stderr/exit status. The node-compat suite runs
//! without `--allow-run` (denied paths only); the positive paths live here.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    path::PathBuf,
    process::{Command, Output},
};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let root = std::env::temp_dir().join(format!("atoll-cp-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        Dir(root)
    }

    fn write(&self, name: &str, source: &str) {
        std::fs::write(self.0.join(name), source).unwrap();
    }

    /// Run `source` as `main.js` (cwd: the dir) with `flags` and extra host env.
    fn run(&self, flags: &[&str], source: &str, env: &[(&str, &str)]) -> Output {
        self.write("main.js", source);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_atoll"));
        cmd.arg("run")
            .args(flags)
            .arg("main.js")
            .current_dir(&self.0);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn check(o: &Output, expected: &str) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        stdout(o),
        expected,
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn spawn_echo_with_pipes_and_event_order() {
    let d = Dir::new("echo");
    let o = d.run(
        &["--allow-run"],
        r#"
        const { spawn } = require('child_process');
        const c = spawn('echo', ['hi', 'there']);
        const ev = [];
        let out = '';
        c.stdout.on('data', (b) => { out += b; });
        c.on('spawn', () => ev.push('spawn'));
        c.on('exit', (code, sig) => ev.push(`exit ${code} ${sig}`));
        c.on('close', (code) => { ev.push(`close ${code}`); console.log(JSON.stringify(out), ev.join(',')); });
        "#,
        &[],
    );
    check(&o, "\"hi there\\n\" spawn,exit 0 null,close 0\n");
}

#[test]
fn exec_with_shell_and_nonzero_exit() {
    let d = Dir::new("exec");
    let o = d.run(
        &["--allow-run"],
        r#"
        const { exec } = require('child_process');
        exec('echo $((6 * 7)); echo oops >&2; exit 9', (err, so, se) => {
          console.log(so.trim(), se.trim(), err.code, err.killed, err.signal, err.cmd);
        });
        "#,
        &[],
    );
    check(
        &o,
        "42 oops 9 false null echo $((6 * 7)); echo oops >&2; exit 9\n",
    );
}

#[test]
fn promisified_exec_resolves_stdout_and_stderr() {
    let d = Dir::new("promisify");
    let o = d.run(
        &["--allow-run"],
        r#"
        const util = require('util');
        const exec = util.promisify(require('child_process').exec);
        exec('printf a; printf b >&2').then((r) => console.log(JSON.stringify(r)));
        "#,
        &[],
    );
    check(&o, "{\"stdout\":\"a\",\"stderr\":\"b\"}\n");
}

#[test]
fn kill_with_sigterm_and_timeout() {
    let d = Dir::new("kill");
    let o = d.run(
        &["--allow-run"],
        r#"
        const { spawn, execFile } = require('child_process');
        const c = spawn('sleep', ['30']);
        c.on('exit', (code, sig) => {
          console.log('kill', code, sig, c.killed);
          const t = spawn('sleep', ['30'], { timeout: 50, killSignal: 'SIGKILL' });
          t.on('exit', (code, sig) => {
            console.log('timeout', code, sig);
            execFile('sleep', ['30'], { timeout: 50 }, (err) => console.log('execFile', err.killed, err.signal));
          });
        });
        setTimeout(() => c.kill(), 20);
        "#,
        &[],
    );
    check(
        &o,
        "kill null SIGTERM true\ntimeout null SIGKILL\nexecFile true SIGTERM\n",
    );
}

#[test]
fn missing_program_is_enoent() {
    let d = Dir::new("enoent");
    let o = d.run(
        &["--allow-run"],
        r#"
        const { spawn, spawnSync } = require('child_process');
        const c = spawn('atoll-no-such-program', ['a']);
        c.on('error', (e) => console.log(e.message, e.errno, e.syscall, e.path, JSON.stringify(e.spawnargs)));
        c.on('close', (code) => {
          console.log('close', code);
          const r = spawnSync('atoll-no-such-program');
          console.log(r.error.message, r.status, r.pid);
        });
        "#,
        &[],
    );
    check(
        &o,
        "spawn atoll-no-such-program ENOENT -2 spawn atoll-no-such-program atoll-no-such-program [\"a\"]\nclose -2\nspawnSync atoll-no-such-program ENOENT null 0\n",
    );
}

#[test]
fn stdin_is_piped_to_cat() {
    let d = Dir::new("cat");
    let o = d.run(
        &["--allow-run"],
        r#"
        const { spawn } = require('child_process');
        const c = spawn('cat');
        let out = '';
        c.stdout.setEncoding('utf8').on('data', (s) => { out += s; });
        c.on('close', () => console.log(out.length, out.slice(0, 6), out.slice(-6)));
        // Larger than a pipe buffer, so writes and reads interleave.
        const big = 'abcdef'.repeat(50000) + 'ZYXWVU';
        c.stdin.end(big);
        "#,
        &[],
    );
    check(&o, "300006 abcdef ZYXWVU\n");
}

#[test]
fn sync_forms() {
    let d = Dir::new("sync");
    let o = d.run(
        &["--allow-run"],
        r#"
        const cp = require('child_process');
        console.log(cp.execSync('echo sync').toString().trim());
        console.log(cp.execFileSync('cat', { input: 'fed' }).toString());
        const r = cp.spawnSync('sh', ['-c', 'exit 4']);
        console.log(r.status, r.signal);
        const t = cp.spawnSync('sleep', ['30'], { timeout: 50 });
        console.log(t.error.code, t.signal);
        try { cp.execSync('exit 3', { stdio: 'pipe' }); } catch (e) { console.log(e.status, e.message); }
        "#,
        &[],
    );
    check(
        &o,
        "sync\nfed\n4 null\nETIMEDOUT SIGTERM\n3 Command failed: exit 3\n",
    );
}

#[test]
fn env_defaults_to_the_granted_view() {
    let d = Dir::new("env");
    let script = r#"
        const { execSync } = require('child_process');
        console.log(JSON.stringify(execSync('echo "[$ATOLL_CP_SECRET][$ATOLL_CP_OK]"').toString().trim()));
        console.log(JSON.stringify(execSync('echo "[$X]"', { env: { X: 'explicit' } }).toString().trim()));
        "#;
    let env = [("ATOLL_CP_SECRET", "s3cret"), ("ATOLL_CP_OK", "fine")];
    let o = d.run(&["--allow-run"], script, &env);
    check(&o, "\"[][]\"\n\"[explicit]\"\n");
    let o = d.run(&["--allow-run", "--allow-env=ATOLL_CP_OK"], script, &env);
    check(&o, "\"[][fine]\"\n\"[explicit]\"\n");
}

#[test]
fn without_allow_run_everything_is_denied() {
    let d = Dir::new("denied");
    let o = d.run(
        &[],
        r#"
        const cp = require('child_process');
        for (const f of [() => cp.spawn('echo'), () => cp.exec('echo'), () => cp.execFileSync('true'), () => cp.spawnSync('ls')]) {
          try { f(); console.log('ran'); } catch (e) { console.log(e.code, e.permission, e.resource, e.message); }
        }
        "#,
        &[],
    );
    check(
        &o,
        "ERR_ACCESS_DENIED ChildProcess echo Access to this API has been restricted. Use --allow-run=echo to grant it.\n\
         ERR_ACCESS_DENIED ChildProcess /bin/sh Access to this API has been restricted. Use --allow-run=/bin/sh to grant it.\n\
         ERR_ACCESS_DENIED ChildProcess true Access to this API has been restricted. Use --allow-run=true to grant it.\n\
         ERR_ACCESS_DENIED ChildProcess ls Access to this API has been restricted. Use --allow-run=ls to grant it.\n",
    );
}

#[test]
fn allow_run_list_matches_the_resolved_program() {
    let d = Dir::new("list");
    // A different program that is merely called `echo`.
    d.write("echo", "#!/bin/sh\necho impostor\n");
    std::fs::set_permissions(
        d.0.join("echo"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let o = d.run(
        &["--allow-run=echo"],
        r#"
        const cp = require('child_process');
        const tryIt = (label, f) => { try { console.log(label, f().toString().trim()); } catch (e) { console.log(label, e.code, e.resource, e.message); } };
        tryIt('bare', () => cp.execFileSync('echo', ['ok']));
        tryIt('path', () => cp.execFileSync('/bin/echo', ['ok']));
        tryIt('impostor', () => cp.execFileSync('./echo'));
        tryIt('PATH', () => cp.execFileSync('echo', ['x'], { env: { PATH: process.cwd() } }));
        tryIt('shell', () => cp.execSync('echo hi'));
        tryIt('other', () => cp.execFileSync('true'));
        "#,
        &[],
    );
    check(
        &o,
        "bare ok\npath ok\n\
         impostor ERR_ACCESS_DENIED ./echo Access to this API has been restricted. Use --allow-run=./echo to grant it.\n\
         PATH ERR_ACCESS_DENIED echo Access to this API has been restricted. Use --allow-run=echo to grant it.\n\
         shell ERR_ACCESS_DENIED /bin/sh Access to this API has been restricted. Use --allow-run=/bin/sh to grant it.\n\
         other ERR_ACCESS_DENIED true Access to this API has been restricted. Use --allow-run=true to grant it.\n",
    );
    // With `sh` granted, shell: true works (and can run anything: documented).
    let o = d.run(
        &["--allow-run=sh"],
        "console.log(require('child_process').execSync('echo via-shell').toString().trim());",
        &[],
    );
    check(&o, "via-shell\n");
}

#[test]
fn fork_runs_atoll_with_the_parent_grants() {
    let d = Dir::new("fork");
    let data = d.0.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("ok.txt"), "granted").unwrap();
    d.write(
        "child.js",
        r#"
        const fs = require('fs');
        const path = require('path');
        console.log('child', process.argv.slice(2).join(','), fs.readFileSync(path.join(__dirname, 'data/ok.txt'), 'utf8'));
        try { fs.readFileSync('/etc/hostname'); console.log('escaped'); } catch (e) { console.log('child', e.code); }
        try { require('child_process').spawnSync('true'); console.log('spawned'); } catch (e) { console.log('child', e.code); }
        "#,
    );
    let read = format!("--allow-read={}", data.display());
    let o = d.run(
        &[&read],
        r#"
        const { fork } = require('child_process');
        const c = fork(__dirname + '/child.js', ['a', 'b'], { silent: true });
        let out = '';
        c.stdout.on('data', (b) => { out += b; });
        c.on('close', (code) => {
          process.stdout.write(out);
          console.log('exit', code);
          c.send('x', (e) => console.log(e.code));
        });
        "#,
        &[],
    );
    check(
        &o,
        "child a,b granted\nchild ERR_ACCESS_DENIED\nchild ERR_ACCESS_DENIED\nexit 0\nERR_IPC_CHANNEL_CLOSED\n",
    );
}

/// An IPC echo child for the tests below (a plain Node script).
const IPC_ECHO: &str = r#"
process.on('message', (m) => {
  if (m === 'bye') process.disconnect();
  else process.send({ echo: m, pid: process.pid });
});
"#;

#[test]
fn spawn_with_an_ipc_stdio_entry_needs_allow_run() {
    let d = Dir::new("spawn-ipc");
    d.write("child.js", IPC_ECHO);
    let script = r#"
        const { spawn } = require('child_process');
        let c;
        try {
          c = spawn(process.execPath, [__dirname + '/child.js'], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
        } catch (e) { console.log(e.code); process.exit(0); }
        c.on('message', (m) => { console.log(m.echo, m.pid === c.pid); c.send('bye'); });
        c.on('disconnect', () => console.log('disconnect'));
        c.on('exit', (code) => console.log('exit', code));
        c.send('hi');
        "#;
    // Spawning the atoll binary is running a program: --allow-run rules, unlike fork().
    check(&d.run(&[], script, &[]), "ERR_ACCESS_DENIED\n");
    check(
        &d.run(&["--allow-run", "--allow-read"], script, &[]),
        "hi true\ndisconnect\nexit 0\n",
    );
}

#[test]
fn unref_parent_channel_and_child_let_the_parent_exit() {
    let d = Dir::new("ipc-unref");
    d.write("child.js", IPC_ECHO);
    let start = std::time::Instant::now();
    // The child waits for messages forever; unref'd, neither it nor its channel holds the parent.
    // --timeout: a loop the channel wrongly holds open fails (124) instead of hanging.
    let o = d.run(
        &["--timeout=5000"],
        r#"
        const c = require('child_process').fork(__dirname + '/child.js');
        c.unref();
        c.channel.unref();
        console.log('done');
        "#,
        &[],
    );
    check(&o, "done\n");
    assert!(start.elapsed() < std::time::Duration::from_secs(4));
}

#[test]
fn fork_with_node_as_exec_path_speaks_nodes_json_protocol() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("node is not on PATH: skipped");
        return;
    }
    let d = Dir::new("ipc-node");
    d.write("child.js", IPC_ECHO);
    let o = d.run(
        &["--allow-run=node"],
        r#"
        const c = require('child_process').fork(__dirname + '/child.js', { execPath: 'node' });
        c.on('message', (m) => { console.log(JSON.stringify(m.echo), typeof m.pid); c.send('bye'); });
        c.on('exit', (code) => console.log('exit', code));
        c.send({ from: 'atoll', list: [1, 'two'] });
        "#,
        &[],
    );
    check(
        &o,
        "{\"from\":\"atoll\",\"list\":[1,\"two\"]} number\nexit 0\n",
    );
}

#[test]
fn unref_lets_the_loop_exit() {
    let d = Dir::new("unref");
    let start = std::time::Instant::now();
    let o = d.run(
        &["--allow-run"],
        r#"
        const c = require('child_process').spawn('sleep', ['5'], { stdio: 'ignore', detached: true });
        c.unref();
        console.log('done');
        "#,
        &[],
    );
    check(&o, "done\n");
    assert!(start.elapsed() < std::time::Duration::from_secs(4));
}

#[test]
fn child_channel_unref_lets_a_listening_child_exit() {
    let d = Dir::new("ipc-child-unref");
    // A 'message' listener refs the child's channel; process.channel.unref() overrides that.
    d.write(
        "child.js",
        "process.on('message', () => {}); process.channel.unref(); console.log('child', process.connected);",
    );
    let o = d.run(
        &["--timeout=5000"],
        r#"
        const c = require('child_process').fork(__dirname + '/child.js');
        c.on('disconnect', () => console.log('disconnect'));
        c.on('exit', (code) => console.log('exit', code));
        "#,
        &[],
    );
    check(&o, "child true\ndisconnect\nexit 0\n");
}

#[test]
fn disconnect_after_a_burst_delivers_every_queued_message() {
    let d = Dir::new("ipc-burst");
    // More than the socket buffer holds: most of it is still queued when disconnect() comes, and
    // goes out before the channel closes (Node drops what is queued; atoll closes gracefully).
    d.write(
        "child.js",
        "for (let i = 0; i < 20000; i++) process.send({ i, pad: 'z'.repeat(64) }); process.disconnect();",
    );
    let o = d.run(
        &["--timeout=20000"],
        r#"
        const c = require('child_process').fork(__dirname + '/child.js');
        let n = 0;
        let inOrder = true;
        c.on('message', (m) => { inOrder = inOrder && m.i === n; n++; });
        c.on('exit', (code) => console.log(n, inOrder, code));
        "#,
        &[],
    );
    check(&o, "20000 true 0\n");
}
