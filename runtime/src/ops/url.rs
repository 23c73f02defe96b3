//! WHATWG URL parsing for the `URL` class, on the `url` crate.

use super::{OpError, OpValue};

/// The URL's components as `URL`'s getters report them.
fn components(u: &url::Url) -> OpValue {
    let port = u.port().map(|p| p.to_string()).unwrap_or_default();
    let host = match u.host_str() {
        Some(h) if !port.is_empty() => format!("{h}:{port}"),
        Some(h) => h.to_owned(),
        None => String::new(),
    };
    let search = match u.query() {
        Some(q) if !q.is_empty() => format!("?{q}"),
        _ => String::new(),
    };
    let hash = match u.fragment() {
        Some(f) if !f.is_empty() => format!("#{f}"),
        _ => String::new(),
    };
    OpValue::Object(vec![
        ("href", u.as_str().into()),
        ("origin", u.origin().ascii_serialization().into()),
        ("protocol", format!("{}:", u.scheme()).into()),
        ("username", u.username().into()),
        ("password", u.password().unwrap_or("").into()),
        ("host", host.into()),
        ("hostname", u.host_str().unwrap_or("").into()),
        ("port", port.into()),
        ("pathname", u.path().into()),
        ("search", search.into()),
        ("hash", hash.into()),
    ])
}

fn invalid(input: &str) -> OpError {
    OpError::code("ERR_INVALID_URL", format!("Invalid URL: {input}"))
}

/// `new URL(input, base)`.
pub fn parse(input: &str, base: Option<&str>) -> Result<OpValue, OpError> {
    let parsed = match base {
        Some(b) => url::Url::parse(b).and_then(|b| b.join(input)),
        None => url::Url::parse(input),
    };
    parsed.map(|u| components(&u)).map_err(|_| invalid(input))
}

/// The spec's host parser, given a state override and an empty host, leaves a URL that has
/// credentials or a port unchanged. The url crate would make `c://:8080/`, a URL its own
/// getters then panic on (found by fuzz/fuzz_targets/url_parse.rs).
fn keeps_host(u: &url::Url, host: &str) -> bool {
    host.is_empty() && (u.port().is_some() || !u.username().is_empty() || u.password().is_some())
}

/// A `URL` setter: `field` of `href` becomes `value`; invalid values leave the URL unchanged,
/// as the spec's setters do.
pub fn set(href: &str, field: &str, value: &str) -> Result<OpValue, OpError> {
    let mut u = url::Url::parse(href).map_err(|_| invalid(href))?;
    match field {
        "href" => u = url::Url::parse(value).map_err(|_| invalid(value))?,
        "protocol" => {
            let _ = u.set_scheme(value.trim_end_matches(':').split(':').next().unwrap_or(""));
        }
        "username" => {
            let _ = u.set_username(value);
        }
        "password" => {
            let _ = u.set_password(Some(value).filter(|v| !v.is_empty()));
        }
        "host" => {
            let (h, p) = match value.rsplit_once(':') {
                Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
                _ => (value, None),
            };
            if keeps_host(&u, h) {
                return Ok(components(&u));
            }
            if u.set_host(Some(h)).is_ok() {
                if let Some(p) = p.and_then(|p| p.parse::<u16>().ok()) {
                    let _ = u.set_port(Some(p));
                }
            }
        }
        "hostname" => {
            if !keeps_host(&u, value) {
                let _ = u.set_host(Some(value));
            }
        }
        "port" => {
            if value.is_empty() {
                let _ = u.set_port(None);
            } else if let Ok(p) = value
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse::<u16>()
            {
                let _ = u.set_port(Some(p));
            }
        }
        "pathname" => u.set_path(value),
        "search" => {
            let q = value.strip_prefix('?').unwrap_or(value);
            u.set_query(Some(q).filter(|q| !q.is_empty()));
        }
        "hash" => {
            let f = value.strip_prefix('#').unwrap_or(value);
            u.set_fragment(Some(f).filter(|f| !f.is_empty()));
        }
        _ => return Err(OpError::Type(format!("unknown URL field {field}"))),
    }
    Ok(components(&u))
}

/// `url.domainToASCII`.
pub fn domain_to_ascii(domain: &str) -> String {
    url::Host::parse(domain)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(v: &OpValue, name: &str) -> String {
        match v {
            OpValue::Object(fields) => match fields.iter().find(|(k, _)| *k == name) {
                Some((_, OpValue::String(s))) => s.clone(),
                _ => panic!("no {name}"),
            },
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn parses_relative_to_base_and_reports_components() {
        let u = parse("../c?x=1#f", Some("https://user:pw@EXAMPLE.com:8080/a/b")).unwrap();
        assert_eq!(
            field(&u, "href"),
            "https://user:pw@example.com:8080/c?x=1#f"
        );
        assert_eq!(field(&u, "host"), "example.com:8080");
        assert_eq!(field(&u, "search"), "?x=1");
        assert_eq!(field(&u, "origin"), "https://example.com:8080");
        assert!(parse("not a url", None).is_err());
    }

    #[test]
    fn empty_host_keeps_a_url_with_a_port_or_credentials() {
        // Node: the URL is unchanged; the url crate alone panicked in `password()` afterwards.
        for (href, name) in [
            ("c://example.com:8080/a/b?x=1%00#f", "hostname"),
            ("c://example.com:8080/a", "host"),
            ("c://u:p@x.com/a", "hostname"),
            ("http://x.com:8080/a", "hostname"),
        ] {
            let u = set(href, name, "").unwrap();
            assert_eq!(field(&u, "href"), href);
        }
        let u = set("c://x.com/a", "hostname", "").unwrap();
        assert_eq!(field(&u, "href"), "c:///a");
    }

    #[test]
    fn setters_update_one_field() {
        let u = set("http://a.com/x", "pathname", "/y z").unwrap();
        assert_eq!(field(&u, "href"), "http://a.com/y%20z");
        let u = set("http://a.com/x", "port", "99").unwrap();
        assert_eq!(field(&u, "host"), "a.com:99");
    }
}
