//! node:dns resolve*/reverse/Resolver end to end against a tiny authoritative DNS responder on
//! 127.0.0.1 (a random UDP port) in this test process: every answer's exact Node shape, the
//! c-ares error codes (ENOTFOUND, ENODATA, ESERVFAIL, EREFUSED, ECONNREFUSED/ETIMEOUT,
//! ECANCELLED, EBADNAME), argument validation, and the --allow-net gate on the name server.
//! When `node` is on PATH the same script runs under it too and must print the same.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    net::{Ipv4Addr, Ipv6Addr, UdpSocket},
    path::PathBuf,
    process::{Command, Output},
    str::FromStr,
};

use hickory_proto::{
    op::{Message, OpCode, ResponseCode},
    rr::{
        rdata::{A, AAAA, CAA, CNAME, MX, NAPTR, NS, PTR, SOA, SRV, TXT},
        Name, RData, Record, RecordType,
    },
};

fn n(s: &str) -> Name {
    Name::from_str(s).unwrap()
}

fn soa() -> RData {
    RData::SOA(SOA::new(
        n("ns1.example.test."),
        n("hostmaster.example.test."),
        2024010101,
        7200,
        3600,
        1209600,
        300,
    ))
}

/// The zone: (owner, ttl, data).
fn zone() -> Vec<(&'static str, u32, RData)> {
    vec![
        (
            "a.example.test.",
            300,
            RData::A(A(Ipv4Addr::new(192, 0, 2, 1))),
        ),
        (
            "a.example.test.",
            300,
            RData::A(A(Ipv4Addr::new(192, 0, 2, 2))),
        ),
        (
            "a.example.test.",
            600,
            RData::AAAA(AAAA(Ipv6Addr::from_str("2001:db8::1").unwrap())),
        ),
        (
            "www.example.test.",
            60,
            RData::CNAME(CNAME(n("a.example.test."))),
        ),
        (
            "example.test.",
            3600,
            RData::MX(MX::new(10, n("mx1.example.test."))),
        ),
        (
            "example.test.",
            3600,
            RData::MX(MX::new(20, n("mx2.example.test."))),
        ),
        ("example.test.", 3600, RData::NS(NS(n("ns1.example.test.")))),
        ("example.test.", 3600, RData::NS(NS(n("ns2.example.test.")))),
        (
            "example.test.",
            3600,
            RData::TXT(TXT::new(vec!["v=spf1".into(), " -all".into()])),
        ),
        (
            "example.test.",
            3600,
            RData::TXT(TXT::new(vec!["hello".into()])),
        ),
        ("example.test.", 3600, soa()),
        (
            "example.test.",
            3600,
            RData::CAA(CAA::new_issue(false, Some(n("ca.example.net")), vec![])),
        ),
        (
            "example.test.",
            3600,
            RData::CAA(CAA::new_iodef(
                true,
                url::Url::parse("mailto:security@example.test").unwrap(),
            )),
        ),
        (
            "_sip._tcp.example.test.",
            120,
            RData::SRV(SRV::new(10, 5, 5060, n("sip.example.test."))),
        ),
        (
            "naptr.example.test.",
            120,
            RData::NAPTR(NAPTR::new(
                100,
                10,
                b"S".to_vec().into(),
                b"SIP+D2U".to_vec().into(),
                b"".to_vec().into(),
                n("_sip._udp.example.test."),
            )),
        ),
        (
            "1.2.0.192.in-addr.arpa.",
            300,
            RData::PTR(PTR(n("a.example.test."))),
        ),
    ]
}

fn answer(req: &Message) -> Message {
    let mut resp = Message::response(req.id, OpCode::Query);
    resp.metadata.authoritative = true;
    resp.metadata.recursion_desired = req.recursion_desired;
    let Some(q) = req.queries.first() else {
        resp.metadata.response_code = ResponseCode::FormErr;
        return resp;
    };
    resp.add_query(q.clone());
    let qname = q.name().to_ascii().to_ascii_lowercase();
    let qtype = q.query_type();
    match qname.as_str() {
        "servfail.example.test." => {
            resp.metadata.response_code = ResponseCode::ServFail;
            return resp;
        }
        "refused.example.test." => {
            resp.metadata.response_code = ResponseCode::Refused;
            return resp;
        }
        _ => {}
    }
    let zone = zone();
    let mut name = qname.clone();
    // Follow a CNAME as an authoritative server does (unless the CNAME itself is asked for).
    if qtype != RecordType::CNAME && qtype != RecordType::ANY {
        for (owner, ttl, data) in &zone {
            if *owner == name && data.record_type() == RecordType::CNAME {
                resp.add_answer(Record::from_rdata(n(owner), *ttl, data.clone()));
                if let RData::CNAME(c) = data {
                    name = c.0.to_ascii();
                }
            }
        }
    }
    let exists = zone.iter().any(|(o, _, _)| *o == name);
    for (owner, ttl, data) in &zone {
        if *owner == name && (qtype == RecordType::ANY || data.record_type() == qtype) {
            resp.add_answer(Record::from_rdata(n(owner), *ttl, data.clone()));
        }
    }
    if !exists {
        resp.metadata.response_code = ResponseCode::NXDomain;
    }
    if resp.answers.is_empty() {
        resp.add_authority(Record::from_rdata(n("example.test."), 300, soa()));
    }
    resp
}

/// Serve the zone on 127.0.0.1:<random> until the process ends.
fn start_server() -> u16 {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = sock.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            let Ok((len, from)) = sock.recv_from(&mut buf) else {
                continue;
            };
            let Ok(req) = Message::from_vec(&buf[..len]) else {
                continue;
            };
            if let Ok(bytes) = answer(&req).to_vec() {
                let _ = sock.send_to(&bytes, from);
            }
        }
    });
    port
}

/// A server that reads every query and never answers.
fn start_silent_server() -> u16 {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = sock.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while sock.recv_from(&mut buf).is_ok() {}
    });
    port
}

/// A UDP port nobody listens on.
fn dead_port() -> u16 {
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    s.local_addr().unwrap().port()
}

fn run(bin: &str, args: &[&str], name: &str, source: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("atoll-dns-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let script: PathBuf = dir.join("main.js");
    std::fs::write(&script, source).unwrap();
    let out = Command::new(bin)
        .args(args)
        .arg(&script)
        .current_dir(&dir)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn stdout_ok(out: &Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what}: exit {:?}\nstdout: {stdout}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn node() -> Option<&'static str> {
    Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "node")
}

/// Each line: `label JSON` for a result or an error's Node fields.
const SCRIPT: &str = r#"
const dns = require('node:dns');
const dnsPromises = require('node:dns/promises');
const assert = require('node:assert');
const SERVER = '127.0.0.1:' + process.env.DNS_PORT;

const shape = (e) => ({ name: e.name, code: e.code, errno: 'errno' in e ? (e.errno === undefined ? 'undefined' : e.errno) : 'absent',
  syscall: e.syscall, hostname: e.hostname, message: e.message });
const out = [];
const log = (label, v) => out.push(label + ' ' + JSON.stringify(v));

function cb(r, method, ...args) {
  return new Promise((resolve) => r[method](...args, (err, res) => {
    log(method + ' ' + args[0], err ? shape(err) : res);
    resolve();
  }));
}

(async () => {
  const r = new dns.Resolver();
  r.setServers([SERVER]);
  assert.deepStrictEqual(r.getServers(), [SERVER]);
  await cb(r, 'resolve4', 'a.example.test');
  await cb(r, 'resolve4', 'a.example.test', { ttl: true });
  await cb(r, 'resolve6', 'a.example.test', { ttl: true });
  await cb(r, 'resolve6', 'a.example.test');
  await cb(r, 'resolve4', 'www.example.test');
  await cb(r, 'resolveCname', 'www.example.test');
  await cb(r, 'resolveMx', 'example.test');
  await cb(r, 'resolveNs', 'example.test');
  await cb(r, 'resolveTxt', 'example.test');
  await cb(r, 'resolveSrv', '_sip._tcp.example.test');
  await cb(r, 'resolveSoa', 'example.test');
  await cb(r, 'resolveCaa', 'example.test');
  await cb(r, 'resolveNaptr', 'naptr.example.test');
  await cb(r, 'resolvePtr', '1.2.0.192.in-addr.arpa');
  await cb(r, 'reverse', '192.0.2.1');
  await cb(r, 'resolveAny', 'example.test');
  await cb(r, 'resolve', 'example.test', 'MX');
  await cb(r, 'resolve', 'a.example.test');
  // Failures.
  await cb(r, 'resolve4', 'nx.example.test');
  await cb(r, 'resolveMx', 'a.example.test');
  await cb(r, 'resolve4', 'servfail.example.test');
  await cb(r, 'resolve4', 'refused.example.test');
  await cb(r, 'resolve4', 'a..example.test');

  // The promise API, on its own Resolver and on the shared default one.
  const p = new dnsPromises.Resolver();
  p.setServers([SERVER]);
  log('p.resolveSrv', await p.resolveSrv('_sip._tcp.example.test'));
  log('p.resolve TXT', await p.resolve('example.test', 'TXT'));
  log('p.resolve4 ttl', await p.resolve4('a.example.test', { ttl: true }));
  log('p.nx', await p.resolve6('nx.example.test').catch(shape));
  log('p.reverse bad', await p.reverse('not-an-ip').catch(shape));
  dns.setServers([SERVER]);
  dnsPromises.setServers([SERVER]);
  assert.deepStrictEqual(dnsPromises.getServers(), [SERVER]);
  assert.deepStrictEqual(dns.getServers(), [SERVER]);
  log('default.resolveMx', await dnsPromises.resolveMx('example.test'));
  log('default.resolveSoa', await new Promise((res) => dns.resolveSoa('example.test', (e, v) => res(e ? shape(e) : v))));
  assert.strictEqual(dns.promises, dnsPromises);

  // Cancel: pending queries fail with ECANCELLED.
  const c = new dnsPromises.Resolver();
  c.setServers([SERVER]);
  const pending = c.resolveMx('example.test').catch(shape);
  c.cancel();
  const cancelled = await pending;
  log('cancel', cancelled.code === 'ECANCELLED' ? cancelled : 'answered before cancel');

  // Nobody on the port: the ICMP port-unreachable ends the query at once (ECONNREFUSED).
  const dead = new dnsPromises.Resolver({ timeout: 5000, tries: 4 });
  dead.setServers(['127.0.0.1:' + process.env.DNS_DEAD_PORT]);
  const t0 = Date.now();
  log('dead', await dead.resolve4('a.example.test').catch(shape));
  assert.ok(Date.now() - t0 < 4000, 'ECONNREFUSED without waiting for the timeout');
  // A server that never answers: ETIMEOUT after timeout x tries.
  const silent = new dnsPromises.Resolver({ timeout: 200, tries: 1 });
  silent.setServers(['127.0.0.1:' + process.env.DNS_SILENT_PORT]);
  log('silent', await silent.resolveTxt('example.test').catch(shape));

  // Argument validation.
  const v = (label, f) => { try { f(); log(label, 'no throw'); } catch (e) { log(label, { name: e.name, code: e.code, message: e.message }); } };
  v('v.name', () => r.resolve4(1, () => {}));
  v('v.callback', () => r.resolve4('x'));
  v('v.rrtype value', () => r.resolve('x', 'FOO', () => {}));
  v('v.rrtype type', () => r.resolve('x', 1, () => {}));
  v('v.p.rrtype', () => p.resolve('x', 'FOO'));
  v('v.servers', () => r.setServers('x'));
  v('v.servers ip', () => r.setServers(['nope']));
  v('v.servers type', () => r.setServers([1]));
  v('v.timeout', () => new dns.Resolver({ timeout: 'x' }));
  v('v.tries', () => new dns.Resolver({ tries: 0 }));
  v('v.reverse', () => r.reverse('nope', () => {}));
  r.setServers(['[::1]:5353', '127.0.0.1:53', '192.0.2.9', '[2001:db8::2]']);
  log('getServers', r.getServers());
  for (const line of out) console.log(line);
})();
"#;

const EXPECTED: &str = r#"resolve4 a.example.test ["192.0.2.1","192.0.2.2"]
resolve4 a.example.test [{"address":"192.0.2.1","ttl":300},{"address":"192.0.2.2","ttl":300}]
resolve6 a.example.test [{"address":"2001:db8::1","ttl":600}]
resolve6 a.example.test ["2001:db8::1"]
resolve4 www.example.test ["192.0.2.1","192.0.2.2"]
resolveCname www.example.test ["a.example.test"]
resolveMx example.test [{"exchange":"mx1.example.test","priority":10},{"exchange":"mx2.example.test","priority":20}]
resolveNs example.test ["ns1.example.test","ns2.example.test"]
resolveTxt example.test [["v=spf1"," -all"],["hello"]]
resolveSrv _sip._tcp.example.test [{"name":"sip.example.test","port":5060,"priority":10,"weight":5}]
resolveSoa example.test {"nsname":"ns1.example.test","hostmaster":"hostmaster.example.test","serial":2024010101,"refresh":7200,"retry":3600,"expire":1209600,"minttl":300}
resolveCaa example.test [{"critical":0,"issue":"ca.example.net"},{"critical":128,"iodef":"mailto:security@example.test"}]
resolveNaptr naptr.example.test [{"flags":"S","service":"SIP+D2U","regexp":"","replacement":"_sip._udp.example.test","order":100,"preference":10}]
resolvePtr 1.2.0.192.in-addr.arpa ["a.example.test"]
reverse 192.0.2.1 ["a.example.test"]
resolveAny example.test [{"exchange":"mx1.example.test","priority":10,"type":"MX"},{"exchange":"mx2.example.test","priority":20,"type":"MX"},{"value":"ns1.example.test","type":"NS"},{"value":"ns2.example.test","type":"NS"},{"entries":["v=spf1"," -all"],"type":"TXT"},{"entries":["hello"],"type":"TXT"},{"nsname":"ns1.example.test","hostmaster":"hostmaster.example.test","serial":2024010101,"refresh":7200,"retry":3600,"expire":1209600,"minttl":300,"type":"SOA"},{"critical":0,"issue":"ca.example.net","type":"CAA"},{"critical":128,"iodef":"mailto:security@example.test","type":"CAA"}]
resolve example.test [{"exchange":"mx1.example.test","priority":10},{"exchange":"mx2.example.test","priority":20}]
resolve a.example.test ["192.0.2.1","192.0.2.2"]
resolve4 nx.example.test {"name":"Error","code":"ENOTFOUND","errno":"undefined","syscall":"queryA","hostname":"nx.example.test","message":"queryA ENOTFOUND nx.example.test"}
resolveMx a.example.test {"name":"Error","code":"ENODATA","errno":"undefined","syscall":"queryMx","hostname":"a.example.test","message":"queryMx ENODATA a.example.test"}
resolve4 servfail.example.test {"name":"Error","code":"ESERVFAIL","errno":"undefined","syscall":"queryA","hostname":"servfail.example.test","message":"queryA ESERVFAIL servfail.example.test"}
resolve4 refused.example.test {"name":"Error","code":"EREFUSED","errno":"undefined","syscall":"queryA","hostname":"refused.example.test","message":"queryA EREFUSED refused.example.test"}
resolve4 a..example.test {"name":"Error","code":"EBADNAME","errno":"undefined","syscall":"queryA","hostname":"a..example.test","message":"queryA EBADNAME a..example.test"}
p.resolveSrv [{"name":"sip.example.test","port":5060,"priority":10,"weight":5}]
p.resolve TXT [["v=spf1"," -all"],["hello"]]
p.resolve4 ttl [{"address":"192.0.2.1","ttl":300},{"address":"192.0.2.2","ttl":300}]
p.nx {"name":"Error","code":"ENOTFOUND","errno":"undefined","syscall":"queryAaaa","hostname":"nx.example.test","message":"queryAaaa ENOTFOUND nx.example.test"}
p.reverse bad {"name":"Error","code":"EINVAL","errno":-22,"syscall":"getHostByAddr","hostname":"not-an-ip","message":"getHostByAddr EINVAL not-an-ip"}
default.resolveMx [{"exchange":"mx1.example.test","priority":10},{"exchange":"mx2.example.test","priority":20}]
default.resolveSoa {"nsname":"ns1.example.test","hostmaster":"hostmaster.example.test","serial":2024010101,"refresh":7200,"retry":3600,"expire":1209600,"minttl":300}
cancel {"name":"Error","code":"ECANCELLED","errno":"undefined","syscall":"queryMx","hostname":"example.test","message":"queryMx ECANCELLED example.test"}
dead {"name":"Error","code":"ECONNREFUSED","errno":"undefined","syscall":"queryA","hostname":"a.example.test","message":"queryA ECONNREFUSED a.example.test"}
silent {"name":"Error","code":"ETIMEOUT","errno":"undefined","syscall":"queryTxt","hostname":"example.test","message":"queryTxt ETIMEOUT example.test"}
v.name {"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","message":"The \"name\" argument must be of type string. Received type number (1)"}
v.callback {"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","message":"The \"callback\" argument must be of type function. Received undefined"}
v.rrtype value {"name":"TypeError","code":"ERR_INVALID_ARG_VALUE","message":"The argument 'rrtype' is invalid. Received 'FOO'"}
v.rrtype type {"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","message":"The \"rrtype\" argument must be of type string. Received type number (1)"}
v.p.rrtype {"name":"TypeError","code":"ERR_INVALID_ARG_VALUE","message":"The argument 'rrtype' is invalid. Received 'FOO'"}
v.servers {"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","message":"The \"servers\" argument must be an instance of Array. Received type string ('x')"}
v.servers ip {"name":"TypeError","code":"ERR_INVALID_IP_ADDRESS","message":"Invalid IP address: nope"}
v.servers type {"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","message":"The \"servers[0]\" argument must be of type string. Received type number (1)"}
v.timeout {"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","message":"The \"options.timeout\" property must be of type number. Received type string ('x')"}
v.tries {"name":"RangeError","code":"ERR_OUT_OF_RANGE","message":"The value of \"options.tries\" is out of range. It must be >= 1 && <= 2147483647. Received 0"}
v.reverse {"name":"Error","code":"EINVAL","message":"getHostByAddr EINVAL nope"}
getServers ["[::1]:5353","127.0.0.1","192.0.2.9","2001:db8::2"]
"#;

fn check(out: &str, runner: &str) {
    let want = EXPECTED;
    for (got, exp) in out.lines().zip(want.lines()) {
        assert_eq!(got, exp, "{runner}: line differs\nfull output:\n{out}");
    }
    assert_eq!(
        out.lines().count(),
        want.lines().count(),
        "{runner}: line count\nfull output:\n{out}"
    );
}

#[test]
fn resolver_answers_in_node_shapes() {
    let port = start_server();
    let dead = dead_port();
    let silent = start_silent_server();
    let grant = format!("--allow-net=127.0.0.1:{port},127.0.0.1:{dead},127.0.0.1:{silent}");
    let script = SCRIPT
        .replace("process.env.DNS_PORT", &format!("'{port}'"))
        .replace("process.env.DNS_DEAD_PORT", &format!("'{dead}'"))
        .replace("process.env.DNS_SILENT_PORT", &format!("'{silent}'"));
    let out = run(
        env!("CARGO_BIN_EXE_atoll"),
        &["run", &grant],
        "shapes",
        &script,
    );
    check(&stdout_ok(&out, "atoll"), "atoll");
    if let Some(node) = node() {
        let out = run(node, &[], "shapes-node", &script);
        check(&stdout_ok(&out, "node"), "node");
    }
}

#[test]
fn queries_need_the_name_server_granted() {
    let port = start_server();
    let script = format!(
        r#"
const dns = require('node:dns');
const r = new dns.promises.Resolver();
r.setServers(['127.0.0.1:{port}']);
r.resolve4('a.example.test').then(
  (v) => console.log('answered', JSON.stringify(v)),
  (e) => console.log(e.code, e.permission, e.resource, /--allow-net/.test(e.message)));
"#
    );
    let bin = env!("CARGO_BIN_EXE_atoll");
    // No grant, a grant for the queried name only, a grant for another port: denied.
    for flags in [
        vec!["run"],
        vec!["run", "--allow-net=a.example.test"],
        vec!["run", "--allow-net=127.0.0.1:1"],
    ] {
        let out = run(bin, &flags, "deny", &script);
        assert_eq!(
            stdout_ok(&out, "deny"),
            format!("ERR_ACCESS_DENIED Net 127.0.0.1:{port} true\n"),
            "{flags:?}"
        );
    }
    // The server's address (with or without the port), or everything: allowed.
    for grant in [
        format!("--allow-net=127.0.0.1:{port}"),
        "--allow-net=127.0.0.1".to_owned(),
        "--allow-net".to_owned(),
    ] {
        let out = run(bin, &["run", &grant], "allow", &script);
        assert_eq!(
            stdout_ok(&out, "allow"),
            "answered [\"192.0.2.1\",\"192.0.2.2\"]\n",
            "{grant}"
        );
    }
}
