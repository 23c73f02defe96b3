//! HTTP/1.x message framing for `node:http` (the role llhttp plays in Node). Heads are parsed by
//! `httparse` and chunk-size lines by `httparse::parse_chunk_size`; this file only tracks where
//! one message's body ends (Content-Length, chunked, until-close) and the keep-alive/upgrade
//! rules. Errors carry llhttp's codes (`HPE_*`) so `clientError` handlers see Node's values.

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
    /// Raw name/value pairs in arrival order (Node's `rawHeaders`).
    pub headers: Vec<(String, String)>,
    pub keep_alive: bool,
    pub upgrade: bool,
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
        for (name, value) in &raw {
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
                headers: raw,
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
        for (name, value) in &head.headers {
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

fn collect(headers: &[httparse::Header<'_>]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|h| {
            (
                h.name.to_owned(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect()
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
                assert_eq!(h.headers, vec![("Host".into(), "x".into())]);
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
}
