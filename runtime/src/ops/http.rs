//! HTTP/1.x message framing for `node:http` (the role llhttp plays in Node). Heads are parsed by
//! `httparse` and chunk-size lines by `httparse::parse_chunk_size`; this file only tracks where
//! one message's body ends (Content-Length, chunked, until-close) and the keep-alive/upgrade
//! rules. Errors carry llhttp's codes (`HPE_*`) so `clientError` handlers see Node's values.

use std::fmt::Write as _;

/// Node's default `--max-http-header-size`.
pub const MAX_HEADER_SIZE: usize = 16 * 1024;
const MAX_HEADERS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

/// A message head.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub method: String,
    pub url: String,
    pub status: u16,
    pub reason: String,
    /// HTTP/1.<minor>.
    pub minor: u8,
    /// Raw names and values in arrival order (Node's `rawHeaders`), joined by NUL (which the
    /// parser never lets into either): node:http gets this one string, no String per header.
    pub raw_headers: String,
    pub keep_alive: bool,
    pub upgrade: bool,
}

impl Head {
    /// The `(name, value)` pairs of `raw_headers`.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        raw_pairs(&self.raw_headers)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Head(Head),
    Body(Vec<u8>),
    /// The message ended; for an upgrade, the bytes after the head.
    Complete,
    Upgrade(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub code: &'static str,
    pub reason: &'static str,
}

impl ParseError {
    fn new(code: &'static str, reason: &'static str) -> Self {
        ParseError { code, reason }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Head,
    Body(u64),
    ChunkSize,
    ChunkData(u64),
    ChunkDataEnd,
    Trailers,
    UntilEof,
    /// After an upgrade or a fatal error: nothing more is parsed.
    Stopped,
}

pub struct Parser {
    kind: Kind,
    buf: Vec<u8>,
    state: State,
    /// The request this response answers was HEAD (no body whatever the headers say).
    pub no_body: bool,
    pub max_header_size: usize,
}

fn header_eq(name: &str, want: &str) -> bool {
    name.eq_ignore_ascii_case(want)
}

fn has_token(value: &str, token: &str) -> bool {
    value
        .split(',')
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

impl Parser {
    pub fn new(kind: Kind) -> Parser {
        Parser {
            kind,
            buf: Vec::new(),
            state: State::Head,
            no_body: false,
            max_header_size: MAX_HEADER_SIZE,
        }
    }

    /// Start over for a new message of `kind` (a socket reused by the client agent).
    pub fn reset(&mut self, kind: Kind) {
        self.kind = kind;
        self.buf.clear();
        self.state = State::Head;
        self.no_body = false;
    }

    /// Bytes received but not parsed yet (a partial head).
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Feed `data`; returns the events it completes.
    pub fn execute(&mut self, data: &[u8]) -> Result<Vec<Event>, ParseError> {
        let mut out = Vec::new();
        self.execute_into(data, &mut out)?;
        Ok(out)
    }

    /// Like `execute`, but the events completed before an error are kept (llhttp reports a
    /// request's head before a bad chunk in its body).
    pub fn execute_partial(&mut self, data: &[u8]) -> (Vec<Event>, Option<ParseError>) {
        let mut out = Vec::new();
        let err = self.execute_into(data, &mut out).err();
        (out, err)
    }

    fn execute_into(&mut self, data: &[u8], out: &mut Vec<Event>) -> Result<(), ParseError> {
        if self.state == State::Stopped {
            return Ok(());
        }
        // Body bytes are passed through without copying into `buf` when nothing is buffered.
        let mut owned;
        let mut input: &[u8] = if self.buf.is_empty() {
            data
        } else {
            owned = std::mem::take(&mut self.buf);
            owned.extend_from_slice(data);
            &owned[..]
        };
        loop {
            match self.state {
                State::Stopped => return Ok(()),
                State::Head => {
                    if input.is_empty() {
                        break;
                    }
                    // Tolerate CRLFs between messages (RFC 9112 §2.2).
                    while input.first().is_some_and(|b| *b == b'\r' || *b == b'\n') {
                        input = &input[1..];
                    }
                    if input.is_empty() {
                        break;
                    }
                    match self.parse_head(input) {
                        Ok(Some((head, used))) => {
                            input = &input[used..];
                            let upgrade = head.upgrade;
                            let informational =
                                self.kind == Kind::Response && (100..200).contains(&head.status);
                            let next = self.body_state(&head)?;
                            out.push(Event::Head(head));
                            if upgrade {
                                self.state = State::Stopped;
                                out.push(Event::Upgrade(input.to_vec()));
                                return Ok(());
                            }
                            if informational {
                                self.state = State::Head;
                                continue;
                            }
                            self.state = next;
                            if self.state == State::Head {
                                out.push(Event::Complete);
                            }
                        }
                        Ok(None) => {
                            if input.len() > self.max_header_size {
                                self.state = State::Stopped;
                                return Err(ParseError::new(
                                    "HPE_HEADER_OVERFLOW",
                                    "Header overflow",
                                ));
                            }
                            self.buf = input.to_vec();
                            break;
                        }
                        Err(e) => {
                            self.state = State::Stopped;
                            return Err(e);
                        }
                    }
                }
                State::Body(left) => {
                    if input.is_empty() {
                        break;
                    }
                    let n = (left as usize).min(input.len());
                    out.push(Event::Body(input[..n].to_vec()));
                    input = &input[n..];
                    if left as usize == n {
                        self.state = State::Head;
                        out.push(Event::Complete);
                    } else {
                        self.state = State::Body(left - n as u64);
                    }
                }
                State::UntilEof => {
                    if !input.is_empty() {
                        out.push(Event::Body(input.to_vec()));
                    }
                    break;
                }
                State::ChunkSize => match httparse::parse_chunk_size(input) {
                    Ok(httparse::Status::Complete((used, size))) => {
                        input = &input[used..];
                        self.state = if size == 0 {
                            State::Trailers
                        } else {
                            State::ChunkData(size)
                        };
                    }
                    Ok(httparse::Status::Partial) => {
                        if input.len() > 1024 {
                            self.state = State::Stopped;
                            return Err(ParseError::new(
                                "HPE_INVALID_CHUNK_SIZE",
                                "Invalid character in chunk size",
                            ));
                        }
                        self.buf = input.to_vec();
                        break;
                    }
                    Err(_) => {
                        self.state = State::Stopped;
                        return Err(ParseError::new(
                            "HPE_INVALID_CHUNK_SIZE",
                            "Invalid character in chunk size",
                        ));
                    }
                },
                State::ChunkData(left) => {
                    if input.is_empty() {
                        break;
                    }
                    let n = (left as usize).min(input.len());
                    out.push(Event::Body(input[..n].to_vec()));
                    input = &input[n..];
                    self.state = if left as usize == n {
                        State::ChunkDataEnd
                    } else {
                        State::ChunkData(left - n as u64)
                    };
                }
                State::ChunkDataEnd => {
                    if input.len() < 2 {
                        self.buf = input.to_vec();
                        break;
                    }
                    if &input[..2] != b"\r\n" {
                        self.state = State::Stopped;
                        return Err(ParseError::new("HPE_STRICT", "Expected CRLF after chunk"));
                    }
                    input = &input[2..];
                    self.state = State::ChunkSize;
                }
                State::Trailers => {
                    // Trailer fields end with an empty line; they are dropped.
                    match find_crlf_crlf_or_empty(input) {
                        Some(used) => {
                            input = &input[used..];
                            self.state = State::Head;
                            out.push(Event::Complete);
                        }
                        None => {
                            if input.len() > self.max_header_size {
                                self.state = State::Stopped;
                                return Err(ParseError::new(
                                    "HPE_HEADER_OVERFLOW",
                                    "Header overflow",
                                ));
                            }
                            self.buf = input.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The peer closed: a body read until close ends here; anything else mid-message is an
    /// error (`HPE_INVALID_EOF_STATE`).
    pub fn finish(&mut self) -> Result<Vec<Event>, ParseError> {
        match self.state {
            State::UntilEof => {
                self.state = State::Head;
                Ok(vec![Event::Complete])
            }
            State::Head if self.buf.is_empty() => Ok(Vec::new()),
            State::Stopped => Ok(Vec::new()),
            _ => Err(ParseError::new(
                "HPE_INVALID_EOF_STATE",
                "Invalid EOF state",
            )),
        }
    }

    fn parse_head(&self, input: &[u8]) -> Result<Option<(Head, usize)>, ParseError> {
        let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let too_many = || ParseError::new("HPE_HEADER_OVERFLOW", "Header overflow");
        let (used, method, url, status, reason, minor, raw) = match self.kind {
            Kind::Request => {
                let mut req = httparse::Request::new(&mut slots);
                match req.parse(input) {
                    Ok(httparse::Status::Complete(used)) => (
                        used,
                        req.method.unwrap_or_default().to_owned(),
                        req.path.unwrap_or_default().to_owned(),
                        0,
                        String::new(),
                        req.version.unwrap_or(1),
                        collect(req.headers),
                    ),
                    Ok(httparse::Status::Partial) => return Ok(None),
                    Err(httparse::Error::TooManyHeaders) => return Err(too_many()),
                    Err(e) => return Err(request_error(e)),
                }
            }
            Kind::Response => {
                let mut res = httparse::Response::new(&mut slots);
                match res.parse(input) {
                    Ok(httparse::Status::Complete(used)) => (
                        used,
                        String::new(),
                        String::new(),
                        res.code.unwrap_or(0),
                        res.reason.unwrap_or_default().to_owned(),
                        res.version.unwrap_or(1),
                        collect(res.headers),
                    ),
                    Ok(httparse::Status::Partial) => return Ok(None),
                    Err(httparse::Error::TooManyHeaders) => return Err(too_many()),
                    Err(e) => return Err(response_error(e)),
                }
            }
        };
        if used > self.max_header_size {
            return Err(too_many());
        }
        let mut conn_close = false;
        let mut conn_keep_alive = false;
        let mut conn_upgrade = false;
        let mut has_upgrade = false;
        for (name, value) in raw_pairs(&raw) {
            if header_eq(name, "connection") {
                conn_close |= has_token(value, "close");
                conn_keep_alive |= has_token(value, "keep-alive");
                conn_upgrade |= has_token(value, "upgrade");
            } else if header_eq(name, "upgrade") {
                has_upgrade = true;
            }
        }
        let keep_alive = if minor >= 1 {
            !conn_close
        } else {
            conn_keep_alive
        };
        let upgrade = match self.kind {
            Kind::Request => (conn_upgrade && has_upgrade) || method == "CONNECT",
            Kind::Response => status == 101,
        };
        Ok(Some((
            Head {
                method,
                url,
                status,
                reason,
                minor,
                raw_headers: raw,
                keep_alive,
                upgrade,
            },
            used,
        )))
    }

    /// Where this message's body ends (RFC 9112 §6.3).
    fn body_state(&self, head: &Head) -> Result<State, ParseError> {
        let mut chunked = false;
        let mut te = false;
        let mut length: Option<u64> = None;
        for (name, value) in head.headers() {
            if header_eq(name, "transfer-encoding") {
                te = true;
                chunked = value
                    .rsplit(',')
                    .next()
                    .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
            } else if header_eq(name, "content-length") {
                let n: u64 = value.trim().parse().map_err(|_| {
                    ParseError::new(
                        "HPE_INVALID_CONTENT_LENGTH",
                        "Invalid character in Content-Length",
                    )
                })?;
                if length.is_some_and(|l| l != n) {
                    return Err(ParseError::new(
                        "HPE_UNEXPECTED_CONTENT_LENGTH",
                        "Duplicate Content-Length",
                    ));
                }
                length = Some(n);
            }
        }
        if self.kind == Kind::Response
            && (self.no_body
                || (100..200).contains(&head.status)
                || head.status == 204
                || head.status == 304)
        {
            return Ok(State::Head);
        }
        if te && length.is_some() {
            return Err(ParseError::new(
                "HPE_UNEXPECTED_CONTENT_LENGTH",
                "Content-Length can't be present with Transfer-Encoding",
            ));
        }
        if chunked {
            return Ok(State::ChunkSize);
        }
        if te && self.kind == Kind::Request {
            return Err(ParseError::new(
                "HPE_INVALID_TRANSFER_ENCODING",
                "Request has invalid `Transfer-Encoding`",
            ));
        }
        match (length, self.kind) {
            (Some(0), _) => Ok(State::Head),
            (Some(n), _) => Ok(State::Body(n)),
            (None, Kind::Request) => Ok(State::Head),
            (None, Kind::Response) => Ok(State::UntilEof),
        }
    }
}

/// The headers as `Head::raw_headers`, written straight into one string.
fn collect(headers: &[httparse::Header<'_>]) -> String {
    let len = headers
        .iter()
        .map(|h| h.name.len() + h.value.len() + 2)
        .sum();
    let mut raw = String::with_capacity(len);
    for h in headers {
        if !raw.is_empty() {
            raw.push('\0');
        }
        raw.push_str(h.name);
        raw.push('\0');
        raw.push_str(&String::from_utf8_lossy(h.value));
    }
    raw
}

/// The parts of a NUL-joined string (none for an empty one). A byte scan: `str::split` with
/// a char pattern cost ~130 instructions per part, and node:http splits a dozen per request.
pub struct NulSplit<'a>(Option<&'a str>);

impl<'a> NulSplit<'a> {
    pub fn new(raw: &'a str) -> NulSplit<'a> {
        NulSplit((!raw.is_empty()).then_some(raw))
    }
}

impl<'a> Iterator for NulSplit<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let r = self.0?;
        match r.bytes().position(|b| b == 0) {
            Some(i) => {
                self.0 = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                self.0 = None;
                Some(r)
            }
        }
    }
}

/// The `(name, value)` pairs of a NUL-joined header string.
fn raw_pairs(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut parts = NulSplit::new(raw);
    std::iter::from_fn(move || Some((parts.next()?, parts.next()?)))
}

fn request_error(e: httparse::Error) -> ParseError {
    use httparse::Error as E;
    match e {
        E::Token => ParseError::new("HPE_INVALID_METHOD", "Invalid method encountered"),
        E::Version => ParseError::new("HPE_INVALID_VERSION", "Invalid HTTP version"),
        E::HeaderName => ParseError::new("HPE_INVALID_HEADER_TOKEN", "Invalid header token"),
        E::HeaderValue => ParseError::new("HPE_INVALID_HEADER_TOKEN", "Invalid header value char"),
        E::NewLine => ParseError::new("HPE_LF_EXPECTED", "Missing expected LF after header value"),
        E::Status => ParseError::new("HPE_INVALID_URL", "Invalid URL"),
        E::TooManyHeaders => ParseError::new("HPE_HEADER_OVERFLOW", "Header overflow"),
    }
}

fn response_error(e: httparse::Error) -> ParseError {
    match e {
        httparse::Error::Status => ParseError::new("HPE_INVALID_STATUS", "Invalid status code"),
        httparse::Error::Token | httparse::Error::Version => {
            ParseError::new("HPE_INVALID_CONSTANT", "Expected HTTP/")
        }
        other => request_error(other),
    }
}

/// Length of the trailer section including its final empty line, if complete.
fn find_crlf_crlf_or_empty(input: &[u8]) -> Option<usize> {
    if input.starts_with(b"\r\n") {
        return Some(2);
    }
    input
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

/// `ServerResponse` state `render_head` reads (`bits` of `HeadInput`).
pub const HEAD_SEND_DATE: u32 = 1;
pub const HEAD_KEEP_ALIVE: u32 = 2;
pub const HEAD_HAS_BODY: u32 = 4;
pub const HEAD_CHUNKED_BY_DEFAULT: u32 = 8;
pub const HEAD_MAX_REQUESTS_REACHED: u32 = 16;
pub const HEAD_REMOVED_CONNECTION: u32 = 32;
pub const HEAD_REMOVED_CONTENT_LENGTH: u32 = 64;
pub const HEAD_REMOVED_TE: u32 = 128;
pub const HEAD_CHUNKED: u32 = 256;
pub const HEAD_DEFAULT_KEEP_ALIVE: u32 = 512;

pub struct HeadInput {
    pub bits: u32,
    /// `_keepAliveTimeout` in ms.
    pub keep_alive_timeout: f64,
    /// `_contentLength` when it is a number.
    pub content_length: Option<f64>,
}

/// The rendered head and the message fields it changes (`None`: unchanged).
#[derive(Debug, Default, PartialEq)]
pub struct HeadOutput {
    pub head: String,
    pub last: Option<bool>,
    pub chunked: Option<bool>,
    pub keep_alive: Option<bool>,
    pub content_length: Option<f64>,
    /// A Connection / Transfer-Encoding / Content-Length header was given (its `_removed*`
    /// flag is cleared).
    pub has_connection: bool,
    pub has_te: bool,
    pub has_content_length: bool,
    /// A Keep-Alive header was given (`_defaultKeepAlive` becomes false).
    pub custom_keep_alive: bool,
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Node's checkInvalidHeaderChar: only TAB, 0x20-0x7e and 0x80-0xff.
fn is_header_value(v: &str) -> bool {
    v.chars()
        .all(|c| c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c))
}

/// `/(?:^|\W)token(?:$|\W)/i`.
fn has_word(value: &str, token: &str) -> bool {
    let v = value.as_bytes();
    let n = token.len();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (0..v.len().saturating_sub(n - 1)).any(|i| {
        v[i..i + n].eq_ignore_ascii_case(token.as_bytes())
            && (i == 0 || !word(v[i - 1]))
            && (i + n == v.len() || !word(v[i + n]))
    })
}

/// `ServerResponse._storeHeader(firstLine, headers)` for header values that are strings: the
/// same lines in the same order, the framing headers Node adds (Date, Connection, Keep-Alive,
/// Content-Length or chunked) and the fields it changes. `None` leaves the case to the JS
/// implementation (an invalid name or value, whose error it throws, `Expect`, `Trailer`, a
/// Content-Length that is not a plain number).
pub fn render_head<N: AsRef<str>, V: AsRef<str>>(
    line: &str,
    headers: &[(N, V)],
    i: &HeadInput,
) -> Option<HeadOutput> {
    let mut out = HeadOutput::default();
    let mut head = String::with_capacity(line.len() + 160);
    head.push_str(line);
    let (mut has_date, mut keep_alive) = (false, i.bits & HEAD_KEEP_ALIVE != 0);
    let mut chunked = i.bits & HEAD_CHUNKED != 0;
    for (name, value) in headers {
        let (name, value) = (name.as_ref(), value.as_ref());
        if !is_token(name) || !is_header_value(value) {
            return None;
        }
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
        if !matches!(name.len(), 4 | 6 | 7 | 10 | 14 | 17) {
            continue;
        }
        if name.eq_ignore_ascii_case("connection") {
            out.has_connection = true;
            if has_word(value, "close") {
                out.last = Some(true);
            } else {
                keep_alive = true;
                out.keep_alive = Some(true);
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            out.has_te = true;
            if has_word(value, "chunked") {
                chunked = true;
                out.chunked = Some(true);
            }
        } else if name.eq_ignore_ascii_case("content-length") {
            let v = value.trim();
            if v.is_empty() || v.len() > 15 || !v.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out.has_content_length = true;
            out.content_length = v.parse().ok();
        } else if name.eq_ignore_ascii_case("date") {
            has_date = true;
        } else if name.eq_ignore_ascii_case("keep-alive") {
            // The caller's own Keep-Alive replaces Node's.
            out.custom_keep_alive = true;
        } else if name.eq_ignore_ascii_case("expect") || name.eq_ignore_ascii_case("trailer") {
            return None;
        }
    }
    let (cont_len, te) = (out.has_content_length, out.has_te);
    let has_body = i.bits & HEAD_HAS_BODY != 0;
    let by_default = i.bits & HEAD_CHUNKED_BY_DEFAULT != 0;
    if i.bits & HEAD_SEND_DATE != 0 && !has_date {
        head.push_str("Date: ");
        push_http_date(&mut head);
        head.push_str("\r\n");
    }
    if !chunked && !cont_len && !te && has_body && !by_default && i.content_length.is_none() {
        out.last = Some(true);
    }
    if !out.has_connection && i.bits & HEAD_REMOVED_CONNECTION == 0 {
        // Node's rule for a server response: keep-alive needs a Content-Length header or
        // chunking by default (an HTTP/1.0 peer gets neither otherwise).
        let send_keep_alive = keep_alive && (cont_len || by_default);
        if send_keep_alive && i.bits & HEAD_MAX_REQUESTS_REACHED != 0 {
            head.push_str("Connection: close\r\n");
            out.last = Some(true);
        } else if send_keep_alive {
            head.push_str("Connection: keep-alive\r\n");
            let t = i.keep_alive_timeout;
            let default_keep_alive =
                i.bits & HEAD_DEFAULT_KEEP_ALIVE != 0 && !out.custom_keep_alive;
            if t != 0.0 && !t.is_nan() && default_keep_alive {
                let secs = (t / 1000.0).floor();
                // Written in place (no format! string per response); an integral f64 prints
                // as the integer.
                if (0.0..1e15).contains(&secs) {
                    head.push_str("Keep-Alive: timeout=");
                    push_decimal(&mut head, secs as u64);
                    head.push_str("\r\n");
                } else {
                    let _ = write!(head, "Keep-Alive: timeout={secs}\r\n");
                }
            }
        } else {
            out.last = Some(true);
            head.push_str("Connection: close\r\n");
        }
    }
    if !cont_len && !te {
        if !has_body {
            out.chunked = Some(false);
        } else if !by_default {
            // A response to HTTP/1.0: the body ends with the connection.
            out.last = Some(true);
        } else if let (false, Some(n)) =
            (i.bits & HEAD_REMOVED_CONTENT_LENGTH != 0, i.content_length)
        {
            if n.fract() != 0.0 || !(0.0..9.0e15).contains(&n) {
                return None;
            }
            let _ = write!(head, "Content-Length: {}\r\n", n as u64);
        } else if i.bits & HEAD_REMOVED_TE == 0 {
            head.push_str("Transfer-Encoding: chunked\r\n");
            out.chunked = Some(true);
        } else {
            out.last = Some(true);
        }
    }
    head.push_str("\r\n");
    out.head = head;
    Some(out)
}

/// `n` in decimal (what `write!` gives, without its formatting machinery).
fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| d as char));
}

thread_local! {
    /// The Date header value of the current second (Node caches it the same way).
    static DATE: std::cell::RefCell<(u64, String)> = const { std::cell::RefCell::new((u64::MAX, String::new())) };
}

/// `new Date().toUTCString()`, e.g. `Thu, 26 Nov 2026 08:56:33 GMT`.
fn push_http_date(out: &mut String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DATE.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != secs {
            *c = (secs, http_date(secs));
        }
        out.push_str(&c.1);
    });
}

fn http_date(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(bytes: &[u8]) -> Vec<Event> {
        Parser::new(Kind::Request).execute(bytes).unwrap()
    }

    #[test]
    fn get_then_pipelined_get() {
        let ev = req(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        assert_eq!(ev.len(), 4);
        match &ev[0] {
            Event::Head(h) => {
                assert_eq!((h.method.as_str(), h.url.as_str()), ("GET", "/a"));
                assert!(h.keep_alive);
                assert_eq!(h.raw_headers, "Host\0x");
                assert_eq!(h.headers().collect::<Vec<_>>(), [("Host", "x")]);
                assert_eq!(NulSplit::new("").count(), 0);
                assert_eq!(NulSplit::new("a\0\0b").collect::<Vec<_>>(), ["a", "", "b"]);
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(ev[1], Event::Complete);
    }

    #[test]
    fn content_length_body_split_across_reads() {
        let mut p = Parser::new(Kind::Request);
        let ev = p
            .execute(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhe")
            .unwrap();
        assert_eq!(ev[1], Event::Body(b"he".to_vec()));
        let ev = p.execute(b"llo").unwrap();
        assert_eq!(ev, vec![Event::Body(b"llo".to_vec()), Event::Complete]);
    }

    #[test]
    fn chunked_body_byte_by_byte() {
        let msg = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: v\r\n\r\n";
        let mut p = Parser::new(Kind::Request);
        let mut body = Vec::new();
        let mut complete = 0;
        for b in msg {
            for e in p.execute(std::slice::from_ref(b)).unwrap() {
                match e {
                    Event::Body(d) => body.extend(d),
                    Event::Complete => complete += 1,
                    _ => {}
                }
            }
        }
        assert_eq!(body, b"abcde");
        assert_eq!(complete, 1);
    }

    #[test]
    fn malformed_and_oversized() {
        let mut p = Parser::new(Kind::Request);
        assert_eq!(
            p.execute(b"GE T / HTTP/1.1\r\n\r\n").unwrap_err().code,
            "HPE_INVALID_VERSION"
        );
        let mut p = Parser::new(Kind::Request);
        let mut big = b"GET / HTTP/1.1\r\nX: ".to_vec();
        big.extend(std::iter::repeat_n(b'a', MAX_HEADER_SIZE + 10));
        assert_eq!(p.execute(&big).unwrap_err().code, "HPE_HEADER_OVERFLOW");
        let mut p = Parser::new(Kind::Request);
        let bad = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        assert_eq!(p.execute(bad).unwrap_err().code, "HPE_INVALID_CHUNK_SIZE");
    }

    #[test]
    fn response_until_eof_and_head() {
        let mut p = Parser::new(Kind::Response);
        let ev = p.execute(b"HTTP/1.0 200 OK\r\n\r\nabc").unwrap();
        assert_eq!(ev[1], Event::Body(b"abc".to_vec()));
        assert_eq!(p.finish().unwrap(), vec![Event::Complete]);
        let mut p = Parser::new(Kind::Response);
        p.no_body = true;
        let ev = p
            .execute(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")
            .unwrap();
        assert_eq!(ev.last(), Some(&Event::Complete));
    }

    #[test]
    fn partial_keeps_the_head_before_a_body_error() {
        let mut p = Parser::new(Kind::Request);
        let (ev, err) = p.execute_partial(
            b"POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        );
        assert!(matches!(&ev[..], [Event::Head(h)] if h.url == "/x"));
        assert_eq!(err.unwrap().code, "HPE_INVALID_CHUNK_SIZE");
        // Without an error it is `execute`.
        let mut p = Parser::new(Kind::Request);
        let (ev, err) = p.execute_partial(b"GET / HTTP/1.1\r\n\r\n");
        assert_eq!(ev.len(), 2);
        assert!(err.is_none());
    }

    #[test]
    fn upgrade_hands_back_the_rest() {
        let ev = req(b"GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: ws\r\n\r\nraw");
        assert_eq!(ev.last(), Some(&Event::Upgrade(b"raw".to_vec())));
    }

    #[test]
    fn informational_then_final_response() {
        let mut p = Parser::new(Kind::Response);
        let ev = p
            .execute(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
            .unwrap();
        assert_eq!(ev.len(), 3);
        assert_eq!(ev[2], Event::Complete);
    }
    #[test]
    fn http_date_matches_to_utc_string() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(1_795_683_393), "Thu, 26 Nov 2026 08:56:33 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn head_framing_like_store_header() {
        let base =
            HEAD_KEEP_ALIVE | HEAD_HAS_BODY | HEAD_CHUNKED_BY_DEFAULT | HEAD_DEFAULT_KEEP_ALIVE;
        let i = HeadInput {
            bits: base,
            keep_alive_timeout: 5000.0,
            content_length: None,
        };
        let hs = vec![("Content-Type".to_string(), "text/plain".to_string())];
        let o = render_head("HTTP/1.1 200 OK\r\n", &hs, &i).unwrap();
        assert_eq!(o.head, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n");
        assert_eq!(o.chunked, Some(true));
        let i = HeadInput {
            bits: base,
            keep_alive_timeout: 0.0,
            content_length: Some(11.0),
        };
        let hs = vec![("connection".to_string(), "Close".to_string())];
        let o = render_head("HTTP/1.1 200 OK\r\n", &hs, &i).unwrap();
        assert_eq!(
            o.head,
            "HTTP/1.1 200 OK\r\nconnection: Close\r\nContent-Length: 11\r\n\r\n"
        );
        assert_eq!(o.last, Some(true));
        // HTTP/1.0 peer: no chunking, the connection ends the body.
        let i = HeadInput {
            bits: HEAD_HAS_BODY,
            keep_alive_timeout: 0.0,
            content_length: None,
        };
        let o = render_head::<&str, &str>("HTTP/1.1 200 OK\r\n", &[], &i).unwrap();
        assert_eq!(o.head, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
        assert_eq!(o.last, Some(true));
        for bad in [
            ("X Y", "1"),
            ("X", "a\nb"),
            ("Expect", "x"),
            ("Content-Length", "0x1"),
        ] {
            let hs = vec![(bad.0.to_string(), bad.1.to_string())];
            assert!(
                render_head("HTTP/1.1 200 OK\r\n", &hs, &i).is_none(),
                "{bad:?}"
            );
        }
        assert!(has_word("keep-alive, Close", "close") && !has_word("closed", "close"));
    }

    #[test]
    fn keep_alive_timeout_in_whole_seconds() {
        let bits = HEAD_KEEP_ALIVE | HEAD_CHUNKED_BY_DEFAULT | HEAD_DEFAULT_KEEP_ALIVE;
        for (ms, text) in [
            (999.0, "timeout=0\r\n"),
            (65_000.0, "timeout=65\r\n"),
            (1.8e13, "timeout=18000000000\r\n"),
            (-1500.0, "timeout=-2\r\n"),
        ] {
            let i = HeadInput {
                bits,
                keep_alive_timeout: ms,
                content_length: None,
            };
            let o = render_head("HTTP/1.1 200 OK\r\n", &[("A", "b")], &i).unwrap();
            assert!(
                o.head.contains(&format!("Keep-Alive: {text}")),
                "{ms}: {}",
                o.head
            );
        }
    }
}
