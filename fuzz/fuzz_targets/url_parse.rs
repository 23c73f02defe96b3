//! `new URL(input, base)` and the URL setters (runtime/src/ops/url.rs) on arbitrary strings.
#![no_main]

use atoll::ops::{url, OpValue};
use libfuzzer_sys::fuzz_target;

const FIELDS: &[&str] = &[
    "href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search",
    "hash",
];

fn href(v: &OpValue) -> String {
    match v {
        OpValue::Object(f) => match f.iter().find(|(k, _)| *k == "href") {
            Some((_, OpValue::String(s))) => s.clone(),
            _ => panic!("no href"),
        },
        _ => panic!("not an object"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // input \n base \n setter-value, any of them possibly missing.
    let mut parts = s.splitn(3, '\n');
    let input = parts.next().unwrap_or("");
    let base = parts.next();
    let value = parts.next().unwrap_or("");
    let _ = url::domain_to_ascii(input);
    let Ok(u) = url::parse(input, base) else {
        return;
    };
    // A serialized URL parses again. (Not always to itself: the url crate normalises some file:
    // URLs with drive letters differently from Node, e.g. `file://.//e://.//`.)
    let h = href(&u);
    url::parse(&h, None).expect("href of a parsed URL must parse");
    let field = FIELDS[data.len() % FIELDS.len()];
    let _ = url::set(&h, field, value);
});
