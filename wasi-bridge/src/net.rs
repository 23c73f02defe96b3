//! The network capability: one choke point every socket goes through. `--allow-net` entries are
//! `host` (any port) or `host:port`; nothing is allowed without one. Checks run AFTER name
//! resolution and BEFORE each connect/bind, on the addresses actually used, so a name that
//! resolves somewhere unexpected cannot widen an IP grant.
//!
//! Matching: an IP entry matches a resolved address equal to it; a name entry matches the name
//! the script asked for (and therefore the addresses it resolved to). `localhost`, `127.0.0.1`
//! and `::1` are one host.

use std::{
    io,
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
};

use crate::grants::{Grants, Scope};

/// A connect or listen the grants do not cover. `resource` is `host:port` as Node's permission
/// model reports it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("network access to {resource} denied (grant it with --allow-net={resource})")]
pub struct Denied {
    pub resource: String,
}

/// Why a policed connect/bind failed.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error(transparent)]
    Denied(#[from] Denied),
    /// Name resolution failed (`getaddrinfo`).
    #[error("getaddrinfo {0}")]
    Resolve(io::Error),
    /// The OS refused (`connect`, `listen`, ...).
    #[error("{0}")]
    Io(io::Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostPat {
    Ip(IpAddr),
    Name(String),
    /// `localhost`, `127.0.0.1`, `::1`.
    Loopback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    host: HostPat,
    port: Option<u16>,
}

/// The network grants, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetPolicy {
    all: bool,
    entries: Vec<Entry>,
}

fn is_loopback_name(name: &str) -> bool {
    name == "localhost"
}

fn is_loopback_ip(ip: &IpAddr) -> bool {
    *ip == IpAddr::V4(Ipv4Addr::LOCALHOST) || *ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
}

fn norm_name(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn host_pat(host: &str) -> HostPat {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<IpAddr>() {
        Ok(ip) if is_loopback_ip(&ip) => HostPat::Loopback,
        Ok(ip) => HostPat::Ip(ip),
        Err(_) if is_loopback_name(&norm_name(host)) => HostPat::Loopback,
        Err(_) => HostPat::Name(norm_name(host)),
    }
}

/// `host`, `host:port`, `1.2.3.4:80`, `::1`, `[::1]:80`.
fn parse_entry(s: &str) -> Option<Entry> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (ip, tail) = rest.split_once(']')?;
        let port = match tail.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if tail.is_empty() => None,
            None => return None,
        };
        return Some(Entry {
            host: host_pat(ip),
            port,
        });
    }
    if s.parse::<IpAddr>().is_ok() {
        return Some(Entry {
            host: host_pat(s),
            port: None,
        });
    }
    if let Some((h, p)) = s.rsplit_once(':') {
        return Some(Entry {
            host: host_pat(h),
            port: Some(p.parse().ok()?),
        });
    }
    Some(Entry {
        host: host_pat(s),
        port: None,
    })
}

/// `host:port` as Node's permission errors name it (`[::1]:80` for IPv6 literals).
pub fn resource(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

impl NetPolicy {
    pub fn new(grants: &Grants) -> NetPolicy {
        match &grants.net {
            Scope::All => NetPolicy {
                all: true,
                entries: Vec::new(),
            },
            Scope::None => NetPolicy {
                all: false,
                entries: Vec::new(),
            },
            Scope::Some(list) => NetPolicy {
                all: false,
                entries: list.iter().filter_map(|s| parse_entry(s)).collect(),
            },
        }
    }

    fn port_ok(e: &Entry, port: u16) -> bool {
        e.port.is_none_or(|p| p == port)
    }

    /// Does the name the script asked for match an entry (before resolution)?
    fn name_allowed(&self, host: &str, port: u16) -> bool {
        let asked = host_pat(host);
        self.entries
            .iter()
            .any(|e| Self::port_ok(e, port) && e.host == asked)
    }

    fn addr_allowed(&self, ip: &IpAddr, port: u16) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(*ip, IpAddr::V4),
            v4 => *v4,
        };
        self.entries.iter().any(|e| {
            Self::port_ok(e, port)
                && match &e.host {
                    HostPat::Ip(g) => *g == ip,
                    HostPat::Loopback => is_loopback_ip(&ip),
                    HostPat::Name(_) => false,
                }
        })
    }

    /// May the script look `host` up at all? When an entry names it, or when an IP entry might
    /// cover what it resolves to (the connect check then decides per address). Ports do not
    /// matter for resolution.
    pub fn check_resolve(&self, host: &str) -> Result<(), Denied> {
        if self.all {
            return Ok(());
        }
        let asked = host_pat(host);
        let ok = self
            .entries
            .iter()
            .any(|e| e.host == asked || matches!(e.host, HostPat::Ip(_)));
        if ok {
            Ok(())
        } else {
            Err(Denied {
                resource: host.to_owned(),
            })
        }
    }

    /// The subset of `addrs` (resolved from `host`) the script may connect to on `port`.
    pub fn allowed_addrs(&self, host: &str, addrs: &[SocketAddr], port: u16) -> Vec<SocketAddr> {
        if self.all || self.name_allowed(host, port) {
            return addrs.to_vec();
        }
        addrs
            .iter()
            .filter(|a| self.addr_allowed(&a.ip(), port))
            .copied()
            .collect()
    }

    /// Connect to `host` (resolved to `addrs`) on `port`: allowed when some address is.
    pub fn check_connect(&self, host: &str, addrs: &[SocketAddr], port: u16) -> Result<(), Denied> {
        if self.all {
            return Ok(());
        }
        let ok = if addrs.is_empty() {
            self.name_allowed(host, port)
        } else {
            !self.allowed_addrs(host, addrs, port).is_empty()
        };
        if ok {
            Ok(())
        } else {
            Err(Denied {
                resource: resource(host, port),
            })
        }
    }

    /// Bind/listen on `addr:port`; `host` is the name the script gave, if any.
    pub fn check_listen(&self, host: Option<&str>, addr: IpAddr, port: u16) -> Result<(), Denied> {
        if self.all
            || self.addr_allowed(&addr, port)
            || host.is_some_and(|h| self.name_allowed(h, port))
        {
            return Ok(());
        }
        Err(Denied {
            resource: resource(host.unwrap_or(&addr.to_string()), port),
        })
    }

    /// Resolve `host` (gated by [`Self::check_resolve`] unless it is an IP literal).
    pub async fn resolve(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, NetError> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return Ok(vec![SocketAddr::new(ip, port)]);
        }
        if is_loopback_name(&norm_name(bare)) {
            // Never ask a resolver about localhost (RFC 6761): it is loopback.
            return Ok(vec![
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port),
                SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), port),
            ]);
        }
        self.check_resolve(bare)?;
        let addrs = tokio::net::lookup_host((bare, port))
            .await
            .map_err(NetError::Resolve)?;
        Ok(addrs.collect())
    }

    /// The single connect path: resolve, check, then try each allowed address in turn.
    pub async fn connect_tcp(
        &self,
        host: &str,
        port: u16,
    ) -> Result<tokio::net::TcpStream, NetError> {
        // A name no entry could cover is denied before a resolver ever sees it.
        let addrs = self.resolve(host, port).await.map_err(|e| match e {
            NetError::Denied(_) => NetError::Denied(Denied {
                resource: resource(host, port),
            }),
            e => e,
        })?;
        self.check_connect(host, &addrs, port)?;
        let mut last = None;
        for addr in self.allowed_addrs(host, &addrs, port) {
            match tokio::net::TcpStream::connect(addr).await {
                Ok(s) => return Ok(s),
                Err(e) => last = Some(e),
            }
        }
        Err(NetError::Io(last.unwrap_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, "no address")
        })))
    }

    /// The single listen path: check, then bind with SO_REUSEADDR and `backlog`.
    pub fn bind_tcp(
        &self,
        host: Option<&str>,
        addr: SocketAddr,
        backlog: u32,
    ) -> Result<tokio::net::TcpListener, NetError> {
        self.check_listen(host, addr.ip(), addr.port())?;
        let sock = if addr.is_ipv4() {
            tokio::net::TcpSocket::new_v4()
        } else {
            tokio::net::TcpSocket::new_v6()
        }
        .map_err(NetError::Io)?;
        sock.set_reuseaddr(true).map_err(NetError::Io)?;
        sock.bind(addr).map_err(NetError::Io)?;
        sock.listen(backlog).map_err(NetError::Io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(entries: &[&str]) -> NetPolicy {
        let mut g = Grants::default();
        g.net
            .add(Some(entries.iter().map(|s| s.to_string()).collect()));
        NetPolicy::new(&g)
    }

    fn sa(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn deny_by_default() {
        let p = NetPolicy::new(&Grants::default());
        assert!(p
            .check_connect("127.0.0.1", &[sa("127.0.0.1:80")], 80)
            .is_err());
        assert!(p
            .check_listen(None, "127.0.0.1".parse().unwrap(), 0)
            .is_err());
        assert!(p.check_resolve("example.com").is_err());
        // Only name entries: other names never reach a resolver.
        assert!(policy(&["a.example"]).check_resolve("b.example").is_err());
    }

    #[test]
    fn all_allows_everything() {
        let p = NetPolicy::new(&Grants::all());
        assert!(p.check_connect("x", &[sa("10.0.0.1:1")], 1).is_ok());
        assert!(p.check_listen(None, "0.0.0.0".parse().unwrap(), 80).is_ok());
    }

    #[test]
    fn host_entry_allows_any_port_host_port_only_that_port() {
        let p = policy(&["127.0.0.1", "example.com:443"]);
        assert!(p
            .check_connect("127.0.0.1", &[sa("127.0.0.1:1")], 1)
            .is_ok());
        assert!(p
            .check_connect("127.0.0.1", &[sa("127.0.0.1:65000")], 65000)
            .is_ok());
        let ex = [sa("93.184.216.34:443")];
        assert!(p.check_connect("example.com", &ex, 443).is_ok());
        let ex80 = [sa("93.184.216.34:80")];
        let err = p.check_connect("example.com", &ex80, 80).unwrap_err();
        assert_eq!(err.resource, "example.com:80");
    }

    #[test]
    fn loopback_names_are_one_host() {
        for grant in [
            "localhost",
            "127.0.0.1",
            "::1",
            "[::1]:8080",
            "localhost:8080",
        ] {
            let p = policy(&[grant]);
            for (host, addr) in [
                ("localhost", "127.0.0.1:8080"),
                ("127.0.0.1", "127.0.0.1:8080"),
                ("::1", "[::1]:8080"),
                ("localhost", "[::1]:8080"),
            ] {
                assert!(
                    p.check_connect(host, &[sa(addr)], 8080).is_ok(),
                    "{grant} should allow {host} ({addr})"
                );
            }
            assert!(p
                .check_listen(None, "127.0.0.1".parse().unwrap(), 8080)
                .is_ok());
            assert!(p.check_listen(None, "::1".parse().unwrap(), 8080).is_ok());
        }
        let p = policy(&["localhost:8080"]);
        assert!(p
            .check_connect("127.0.0.1", &[sa("127.0.0.1:1")], 1)
            .is_err());
    }

    #[test]
    fn ip_entry_matches_resolved_addresses_only() {
        let p = policy(&["10.1.2.3"]);
        let addrs = [sa("10.9.9.9:80"), sa("10.1.2.3:80")];
        assert!(p.check_connect("svc.internal", &addrs, 80).is_ok());
        assert_eq!(
            p.allowed_addrs("svc.internal", &addrs, 80),
            vec![sa("10.1.2.3:80")]
        );
        assert!(p
            .check_connect("other.internal", &[sa("10.9.9.9:80")], 80)
            .is_err());
        // An IPv4-mapped IPv6 address is the IPv4 address.
        assert!(p
            .check_connect("x", &[sa("[::ffff:10.1.2.3]:80")], 80)
            .is_ok());
    }

    #[test]
    fn name_entry_matches_the_name_and_its_addresses() {
        let p = policy(&["Example.COM."]);
        let addrs = [sa("1.2.3.4:80"), sa("5.6.7.8:80")];
        assert_eq!(p.allowed_addrs("example.com", &addrs, 80), addrs.to_vec());
        // The same addresses asked for by IP are not covered by the name.
        assert!(p.check_connect("1.2.3.4", &[sa("1.2.3.4:80")], 80).is_err());
        assert!(p.check_resolve("example.com").is_ok());
        assert!(p.check_resolve("evil.com").is_err());
        assert!(p
            .check_connect("evil.com", &[sa("1.2.3.4:80")], 80)
            .is_err());
    }

    #[test]
    fn listen_checks_address_and_port() {
        let p = policy(&["127.0.0.1:3000", "0.0.0.0:8080"]);
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(p.check_listen(None, lo, 3000).is_ok());
        assert!(p.check_listen(Some("localhost"), lo, 3000).is_ok());
        let err = p.check_listen(None, lo, 3001).unwrap_err();
        assert_eq!(err.resource, "127.0.0.1:3001");
        assert!(p
            .check_listen(None, "0.0.0.0".parse().unwrap(), 8080)
            .is_ok());
        assert!(p
            .check_listen(None, "0.0.0.0".parse().unwrap(), 80)
            .is_err());
        let err = p.check_listen(None, "::1".parse().unwrap(), 1).unwrap_err();
        assert_eq!(err.resource, "[::1]:1");
    }

    #[test]
    fn entries_parse() {
        assert_eq!(
            parse_entry("[::1]:80"),
            Some(Entry {
                host: HostPat::Loopback,
                port: Some(80)
            })
        );
        assert_eq!(
            parse_entry("fe80::1"),
            Some(Entry {
                host: HostPat::Ip("fe80::1".parse().unwrap()),
                port: None
            })
        );
        assert_eq!(parse_entry("host:notaport"), None);
        assert_eq!(parse_entry(""), None);
    }
}
