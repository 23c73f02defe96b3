//! node:tls / node:https against the committed test certificates with --allow-net=127.0.0.1
//! (the node-compat run has no net grant, so only this run exercises the exchange under atoll),
//! and the sandbox around Unix domain sockets: binding and connecting need --allow-write on the
//! socket path, and neither `..` nor a symlink inside a grant reaches a socket outside it.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

fn atoll() -> Command {
    Command::new(env!("CARGO_BIN_EXE_atoll"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atoll-tlsunix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn show(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run_js(dir: &Path, flags: &[String], source: &str) -> Output {
    let script = dir.join("main.js");
    std::fs::write(&script, source).unwrap();
    atoll()
        .arg("run")
        .args(flags)
        .arg(&script)
        .current_dir(dir)
        .output()
        .expect("atoll runs")
}

#[test]
fn https_and_tls_over_loopback_with_the_test_ca() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/node-compat");
    let file = root.join("tls/https-client.test.mjs");
    let out = atoll()
        .arg("run")
        .arg(format!("--allow-read={}", root.display()))
        .arg("--allow-net=127.0.0.1")
        .arg("--allow-env=TEST_NET")
        .arg(&file)
        .env("TEST_NET", "1")
        .output()
        .expect("atoll runs");
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("tls ok"),
        "{}",
        show(&out)
    );
}

#[test]
fn https_request_without_allow_net_is_denied_before_connecting() {
    let dir = scratch("https-denied");
    let out = run_js(
        &dir,
        &[],
        r#"
const https = require('node:https');
https.get('https://127.0.0.1:9/', () => console.log('connected?'))
  .on('error', (e) => console.log(e.code, e.resource, /--allow-net=127\.0\.0\.1:9/.test(e.message)));
fetch('https://localhost:9/').catch((e) => console.log('fetch', e.code ?? e.cause?.code));
"#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("ERR_ACCESS_DENIED 127.0.0.1:9 true"),
        "{}",
        show(&out)
    );
    assert!(stdout.contains("fetch ERR_ACCESS_DENIED"), "{}", show(&out));
}

#[test]
fn unix_sockets_need_a_write_grant_on_the_path() {
    let dir = scratch("unix-denied");
    let inside = dir.join("granted");
    let outside = dir.join("outside");
    std::fs::create_dir_all(&inside).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    // A socket outside the grant, served by a host-side listener, and a symlink to it inside.
    let target = outside.join("svc.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&target).unwrap();
    std::os::unix::fs::symlink(&target, inside.join("link.sock")).unwrap();
    let flags = [
        format!("--allow-write={}", inside.display()),
        format!("--allow-read={}", inside.display()),
    ];
    let out = run_js(
        &dir,
        &flags,
        &format!(
            r#"
const net = require('node:net');
const inside = {inside:?};
const outside = {outside:?};
const report = (what) => (e) => console.log(what, e.code, e.permission, e.resource, e.message.includes('--allow-write=' + e.resource));
net.createServer().listen(outside + '/new.sock').on('error', report('listen-outside'));
net.connect(outside + '/svc.sock').on('error', report('connect-outside'));
net.connect(inside + '/../outside/svc.sock').on('error', report('connect-dotdot'));
net.connect(inside + '/link.sock').on('error', report('connect-symlink'));
const s = net.createServer((c) => c.end('inside ok')).listen(inside + '/ok.sock', () => {{
  net.connect(inside + '/ok.sock').on('data', (d) => {{ console.log(String(d)); s.close(); }});
}});
"#
        ),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let denied = |what: &str, resource: &Path| {
        let line = format!(
            "{what} ERR_ACCESS_DENIED FileSystemWrite {} true",
            resource.display()
        );
        assert!(stdout.contains(&line), "missing {line:?}\n{}", show(&out));
    };
    denied("listen-outside", &outside.join("new.sock"));
    denied("connect-outside", &target);
    denied("connect-dotdot", &target);
    // The symlink is inside the grant; where it leads is not.
    assert!(
        stdout.contains("connect-symlink ERR_ACCESS_DENIED FileSystemWrite"),
        "{}",
        show(&out)
    );
    assert!(stdout.contains("inside ok"), "{}", show(&out));
    assert!(!outside.join("new.sock").exists());
    assert!(!inside.join("ok.sock").exists(), "close() removes the file");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_symlink_in_place_of_the_socket_path_does_not_redirect_bind() {
    let dir = scratch("unix-bind-symlink");
    let inside = dir.join("granted");
    let outside = dir.join("outside");
    std::fs::create_dir_all(&inside).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(outside.join("planted.sock"), inside.join("s.sock")).unwrap();
    let out = run_js(
        &dir,
        &[format!("--allow-write={}", inside.display())],
        &format!(
            r#"
require('node:net').createServer().listen({:?}).on('error', (e) => console.log(e.code));
"#,
            inside.join("s.sock")
        ),
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("EADDRINUSE"),
        "{}",
        show(&out)
    );
    assert!(!outside.join("planted.sock").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
