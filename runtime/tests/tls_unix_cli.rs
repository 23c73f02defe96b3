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

/// The `tr` (timer) field of the /proc/net/tcp row of the established connection whose local
/// port is `port`: 2 is the keepalive timer.
fn tcp_timer_of(port: u16) -> Option<u32> {
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    table.lines().skip(1).find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        let local_port = u16::from_str_radix(f.get(1)?.rsplit(':').next()?, 16).ok()?;
        (local_port == port && f.get(3) == Some(&"01"))
            .then(|| u32::from_str_radix(f.get(5)?.split(':').next()?, 16).ok())
            .flatten()
    })
}

/// A TLS socket's JS handle is the plaintext end of the TLS pump; setKeepAlive must reach the
/// TCP connection under it (the kernel then runs a keepalive timer on it).
#[test]
fn set_keep_alive_on_a_tls_socket_applies_to_its_tcp_connection() {
    use std::io::BufRead;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/node-compat/tls/fixtures");
    let dir = scratch("keepalive");
    let script = dir.join("main.js");
    std::fs::write(
        &script,
        r#"
const fs = require('node:fs');
const tls = require('node:tls');
const fixtures = process.argv[2];
const read = (n) => fs.readFileSync(`${fixtures}/${n}`);
const server = tls.createServer({ key: read('server-key.pem'), cert: read('server.pem') }, (s) => s.resume());
server.listen(0, '127.0.0.1', () => {
  const c = tls.connect({ port: server.address().port, host: '127.0.0.1', ca: read('ca.pem') }, () => {
    const enable = process.argv[3] === 'on';
    c.setKeepAlive(enable, 60000);
    c.setNoDelay(false);
    // Once the handshake's last bytes are acknowledged (no retransmit timer on the row).
    setTimeout(() => console.log(c.localPort), 300);
    process.stdin.once('data', () => { c.destroy(); server.close(); process.stdin.pause(); });
  });
});
"#,
    )
    .unwrap();
    for (mode, expect_keepalive) in [("on", true), ("off", false)] {
        let mut child = atoll()
            .arg("run")
            .arg(format!("--allow-read={}", fixtures.display()))
            .arg("--allow-net=127.0.0.1")
            .arg(&script)
            .arg(&fixtures)
            .arg(mode)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("atoll runs");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("port line: {line:?}"));
        let timer = tcp_timer_of(port);
        use std::io::Write;
        let _ = child.stdin.take().unwrap().write_all(b"x");
        let status = child.wait().unwrap();
        assert!(status.success(), "atoll exit {status:?}");
        let timer = timer.unwrap_or_else(|| panic!("no established connection from port {port}"));
        assert_eq!(timer == 2, expect_keepalive, "{mode}: timer field {timer}");
    }
}
