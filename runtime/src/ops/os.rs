//! `node:os` facts, read from libc and /proc by the runtime itself (not through the fs grants).
//!
//! Facts that identify the host or its user (hostname, user info, network interfaces, home
//! directory, CPU model) need the environment grant: they are the same kind of information as
//! `$HOSTNAME`/`$USER`/`$HOME`, and atoll has no separate `--allow-sys`. `homedir` follows
//! `$HOME` (`--allow-env=HOME` is enough, as Node reads `$HOME` first); the rest need bare
//! `--allow-env` or `-A`. Everything else (platform, memory, load, uptime) is open.

use std::ffi::CStr;

use super::{OpError, OpState, OpValue};

fn env_denied(what: &str) -> OpError {
    let flag = if what == "HOME" {
        "--allow-env=HOME"
    } else {
        "--allow-env"
    };
    OpError::AccessDenied {
        permission: "Env",
        resource: what.into(),
        flag: flag.into(),
    }
}

fn uname() -> Option<libc::utsname> {
    // SAFETY: uname(2) fills the struct we own.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    (unsafe { libc::uname(&mut u) } == 0).then_some(u)
}

fn field(chars: &[libc::c_char]) -> String {
    // SAFETY: utsname fields are NUL-terminated within their arrays.
    unsafe { CStr::from_ptr(chars.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

fn sysinfo() -> Option<libc::sysinfo> {
    // SAFETY: sysinfo(2) fills the struct we own.
    let mut s: libc::sysinfo = unsafe { std::mem::zeroed() };
    (unsafe { libc::sysinfo(&mut s) } == 0).then_some(s)
}

/// CPUs this process may run on (`os.availableParallelism()`).
fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn total_mem() -> f64 {
    sysinfo().map_or(0.0, |s| s.totalram as f64 * s.mem_unit as f64)
}

/// `os.freemem()`: MemAvailable from /proc/meminfo, as libuv reports it.
#[allow(clippy::disallowed_methods)] // /proc/meminfo is a host fact read by the runtime, not a script path.
pub fn freemem() -> f64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("MemAvailable:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb * 1024.0)
        .or_else(|| sysinfo().map(|s| s.freeram as f64 * s.mem_unit as f64))
        .unwrap_or(0.0)
}

/// `os.loadavg()`: getloadavg(3).
pub fn loadavg() -> Vec<f64> {
    let mut l = [0f64; 3];
    // SAFETY: getloadavg writes at most 3 doubles into the array.
    let n = unsafe { libc::getloadavg(l.as_mut_ptr(), 3) };
    if n < 3 {
        return vec![0.0; 3];
    }
    l.to_vec()
}

/// `os.uptime()`: seconds since boot (sysinfo(2)).
pub fn uptime() -> f64 {
    sysinfo().map_or(0.0, |s| s.uptime as f64)
}

/// Facts that do not identify the host: `os.type()`, `release()`, `version()`, `machine()`,
/// `arch()`, `platform()`, `endianness()`, `totalmem()`, `availableParallelism()`, `tmpdir()`
/// default, `devNull`, `EOL`.
pub fn info() -> OpValue {
    let u = uname();
    let get = |f: fn(&libc::utsname) -> &[libc::c_char]| u.as_ref().map(|u| field(f(u)));
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    };
    OpValue::Object(vec![
        (
            "type",
            get(|u| &u.sysname).unwrap_or_else(|| "Linux".into()).into(),
        ),
        ("release", get(|u| &u.release).unwrap_or_default().into()),
        ("version", get(|u| &u.version).unwrap_or_default().into()),
        ("machine", get(|u| &u.machine).unwrap_or_default().into()),
        ("arch", arch.into()),
        ("platform", std::env::consts::OS.into()),
        (
            "endianness",
            if cfg!(target_endian = "little") {
                "LE"
            } else {
                "BE"
            }
            .into(),
        ),
        ("totalmem", total_mem().into()),
        ("parallelism", (parallelism() as f64).into()),
    ])
}

fn user_entry(uid: libc::uid_t) -> Option<(String, String, String)> {
    let mut buf = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both ours and sized as passed.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut out) };
    if rc != 0 || out.is_null() {
        return None;
    }
    // SAFETY: on success the pointers point into `buf` and are NUL-terminated.
    let s = |p: *const libc::c_char| {
        if p.is_null() {
            String::new()
        } else {
            unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
        }
    };
    Some((s(pwd.pw_name), s(pwd.pw_dir), s(pwd.pw_shell)))
}

/// Host identity: `os.hostname()` (gethostname(2)), `os.homedir()` ($HOME, else the passwd
/// entry), `os.userInfo()` (getpwuid_r(3)). Gated by the env grant (see the module docs).
pub fn host(st: &OpState, what: &str) -> Result<OpValue, OpError> {
    // SAFETY: plain id getters.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    match what {
        "homedir" => {
            if !st.grants.env_allowed("HOME") {
                return Err(env_denied("HOME"));
            }
            Ok(std::env::var("HOME")
                .ok()
                .filter(|h| !h.is_empty())
                .or_else(|| user_entry(uid).map(|u| u.1))
                .unwrap_or_default()
                .into())
        }
        "hostname" => {
            if !st.grants.env.is_all() {
                return Err(env_denied("hostname"));
            }
            let mut buf = [0 as libc::c_char; 256];
            // SAFETY: gethostname writes at most len bytes.
            if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len()) } != 0 {
                return Err(OpError::io(
                    &std::io::Error::last_os_error(),
                    "uv_os_gethostname",
                    None,
                ));
            }
            Ok(field(&buf).into())
        }
        "userInfo" => {
            if !st.grants.env.is_all() {
                return Err(env_denied("userInfo"));
            }
            let Some((username, homedir, shell)) = user_entry(uid) else {
                return Err(OpError::io(
                    &std::io::Error::from_raw_os_error(libc::ENOENT),
                    "uv_os_get_passwd",
                    None,
                ));
            };
            Ok(OpValue::Object(vec![
                ("uid", (uid as f64).into()),
                ("gid", (gid as f64).into()),
                ("username", username.into()),
                ("homedir", homedir.into()),
                (
                    "shell",
                    if shell.is_empty() {
                        OpValue::Null
                    } else {
                        shell.into()
                    },
                ),
            ]))
        }
        other => Err(OpError::Type(format!("unknown host fact {other}"))),
    }
}

/// `os.cpus()`: one entry per CPU with times from /proc/stat (ms). The model and speed are host
/// identity: without the env grant they read "unknown" and 0, so `os.cpus().length` still works.
#[allow(clippy::disallowed_methods)] // /proc/stat and /proc/cpuinfo are host facts read by the runtime.
pub fn cpus(st: &OpState) -> Result<OpValue, OpError> {
    let reveal = st.grants.env.is_all();
    // SAFETY: sysconf is a plain query.
    let tick = (unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).max(1) as f64;
    let ms = |v: &str| v.parse::<f64>().unwrap_or(0.0) * 1000.0 / tick;
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let models: Vec<String> = info
        .lines()
        .filter(|l| l.starts_with("model name"))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim().to_string()))
        .collect();
    let speeds: Vec<f64> = info
        .lines()
        .filter(|l| l.starts_with("cpu MHz"))
        .filter_map(|l| l.split_once(':')?.1.trim().parse::<f64>().ok())
        .collect();
    let mut out = Vec::new();
    for line in stat.lines() {
        let mut parts = line.split_whitespace();
        let Some(name) = parts.next() else { continue };
        if !name.starts_with("cpu") || name == "cpu" {
            continue;
        }
        let v: Vec<&str> = parts.collect();
        let i = out.len();
        let g = |k: usize| v.get(k).map_or(0.0, |s| ms(s));
        let (model, speed) = if reveal {
            (
                models.get(i).cloned().unwrap_or_else(|| "unknown".into()),
                speeds.get(i).map_or(0.0, |s| s.floor()),
            )
        } else {
            ("unknown".to_string(), 0.0)
        };
        out.push(OpValue::Object(vec![
            ("model", model.into()),
            ("speed", speed.into()),
            (
                "times",
                OpValue::Object(vec![
                    ("user", g(0).into()),
                    ("nice", g(1).into()),
                    ("sys", g(2).into()),
                    ("idle", g(3).into()),
                    ("irq", g(5).into()),
                ]),
            ),
        ]));
    }
    Ok(OpValue::Array(out))
}

fn mac_string(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// `os.networkInterfaces()`: getifaddrs(3). Returns [[name, address, netmask, family, mac,
/// internal, scopeid | null], ...]; JS groups them and adds `cidr`.
pub fn network_interfaces(st: &OpState) -> Result<OpValue, OpError> {
    use std::net::{Ipv4Addr, Ipv6Addr};
    if !st.grants.env.is_all() {
        return Err(env_denied("networkInterfaces"));
    }
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs allocates a list we free below with freeifaddrs.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return Err(OpError::io(
            &std::io::Error::last_os_error(),
            "uv_interface_addresses",
            None,
        ));
    }
    let mut macs = std::collections::HashMap::new();
    let mut rows = Vec::new();
    let mut cur = head;
    // SAFETY: walking the list getifaddrs returned; each sockaddr is read per its family.
    unsafe {
        while !cur.is_null() {
            let ifa = &*cur;
            cur = ifa.ifa_next;
            if ifa.ifa_addr.is_null() {
                continue;
            }
            let name = CStr::from_ptr(ifa.ifa_name).to_string_lossy().into_owned();
            let internal = ifa.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
            match (*ifa.ifa_addr).sa_family as i32 {
                libc::AF_PACKET => {
                    let ll = &*(ifa.ifa_addr as *const libc::sockaddr_ll);
                    let len = (ll.sll_halen as usize).min(8);
                    macs.insert(name, mac_string(&ll.sll_addr[..len]));
                }
                libc::AF_INET => {
                    let a = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                    let addr = Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr));
                    let mask = if ifa.ifa_netmask.is_null() {
                        Ipv4Addr::UNSPECIFIED
                    } else {
                        let m = &*(ifa.ifa_netmask as *const libc::sockaddr_in);
                        Ipv4Addr::from(u32::from_be(m.sin_addr.s_addr))
                    };
                    rows.push((
                        name,
                        addr.to_string(),
                        mask.to_string(),
                        "IPv4",
                        internal,
                        None,
                    ));
                }
                libc::AF_INET6 => {
                    let a = &*(ifa.ifa_addr as *const libc::sockaddr_in6);
                    let addr = Ipv6Addr::from(a.sin6_addr.s6_addr);
                    let mask = if ifa.ifa_netmask.is_null() {
                        Ipv6Addr::UNSPECIFIED
                    } else {
                        let m = &*(ifa.ifa_netmask as *const libc::sockaddr_in6);
                        Ipv6Addr::from(m.sin6_addr.s6_addr)
                    };
                    rows.push((
                        name,
                        addr.to_string(),
                        mask.to_string(),
                        "IPv6",
                        internal,
                        Some(a.sin6_scope_id as f64),
                    ));
                }
                _ => {}
            }
        }
        libc::freeifaddrs(head);
    }
    Ok(OpValue::Array(
        rows.into_iter()
            .map(|(name, addr, mask, family, internal, scope)| {
                let mac = macs
                    .get(&name)
                    .cloned()
                    .unwrap_or_else(|| "00:00:00:00:00:00".into());
                OpValue::Array(vec![
                    name.into(),
                    addr.into(),
                    mask.into(),
                    family.into(),
                    mac.into(),
                    internal.into(),
                    scope.map_or(OpValue::Null, OpValue::Number),
                ])
            })
            .collect(),
    ))
}

/// `os.getPriority(pid)`: getpriority(2).
pub fn get_priority(pid: i32) -> Result<i32, OpError> {
    // SAFETY: errno is cleared first because -1 is a valid priority.
    unsafe {
        *libc::__errno_location() = 0;
        let p = libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t);
        let err = std::io::Error::last_os_error();
        if p == -1 && err.raw_os_error().unwrap_or(0) != 0 {
            return Err(OpError::io(&err, "uv_os_getpriority", None));
        }
        Ok(p)
    }
}

/// `os.setPriority(pid, prio)`: setpriority(2). Another process needs `--allow-run`.
pub fn set_priority(st: &OpState, pid: i32, prio: i32) -> Result<(), OpError> {
    if pid != 0 && pid != std::process::id() as i32 && !st.grants.run.is_all() {
        return Err(OpError::AccessDenied {
            permission: "ChildProcess",
            resource: pid.to_string(),
            flag: "--allow-run".into(),
        });
    }
    // SAFETY: plain setpriority(2).
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, prio) } != 0 {
        return Err(OpError::io(
            &std::io::Error::last_os_error(),
            "uv_os_setpriority",
            None,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasi_bridge::Grants;

    #[test]
    fn host_identity_needs_the_env_grant() {
        let st = OpState::new(Grants::default(), vec![], "atoll".into(), "/".into()).unwrap();
        assert!(matches!(
            host(&st, "hostname"),
            Err(OpError::AccessDenied {
                permission: "Env",
                ..
            })
        ));
        assert!(host(&st, "homedir").is_err());
        assert!(network_interfaces(&st).is_err());
        let masked = cpus(&st).unwrap();
        if let OpValue::Array(list) = masked {
            assert!(!list.is_empty());
        }
        let all = OpState::new(Grants::all(), vec![], "atoll".into(), "/".into()).unwrap();
        assert!(host(&all, "hostname").is_ok());
    }

    #[test]
    fn static_facts_are_open() {
        assert_eq!(loadavg().len(), 3);
        assert!(uptime() > 0.0);
        assert!(freemem() > 0.0);
    }
}
