//! node:http's HTTP/1 framing (runtime/src/ops/http.rs) on arbitrary bytes, fed in arbitrary
//! chunks: it may reject input, never panic, and must not keep more than a head's worth of
//! unparsed bytes.
#![no_main]

use atoll::ops::http::{Event, Kind, Parser, MAX_HEADER_SIZE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    let kind = if ctl & 1 == 0 {
        Kind::Request
    } else {
        Kind::Response
    };
    let mut p = Parser::new(kind);
    p.no_body = ctl & 2 != 0;
    // Chunk boundaries from the control byte: the same message split differently.
    let step = usize::from(ctl >> 2).max(1);
    let mut events = Vec::new();
    for chunk in rest.chunks(step) {
        let (ev, err) = p.execute_partial(chunk);
        events.extend(ev);
        assert!(
            p.buffered() <= MAX_HEADER_SIZE + step,
            "unbounded head buffer"
        );
        if err.is_some() {
            return;
        }
    }
    let _ = p.finish();
    // Body bytes never exceed what was fed.
    let body: usize = events
        .iter()
        .map(|e| match e {
            Event::Body(b) | Event::Upgrade(b) => b.len(),
            _ => 0,
        })
        .sum();
    assert!(body <= rest.len());
});
