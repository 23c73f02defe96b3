//! TLS for `node:tls` / `node:https` / `fetch`: rustls (ring provider) through tokio-rustls.
//!
//! A TLS connection is handed to JS as an ordinary socket handle: after the handshake, the
//! plaintext side is one end of a Unix socketpair whose other end a task pumps to and from the
//! `TlsStream` (like an in-process stunnel). So reads, writes, backpressure, half-close and
//! close are the TCP/Unix socket code in `ops/net.rs`, unchanged; only connect and accept
//! differ. The TCP connect itself is the `--allow-net` checked one.
//!
//! Certificate errors carry OpenSSL's names as Node reports them (rustls error -> code):
//! - `UnknownIssuer` -> `DEPTH_ZERO_SELF_SIGNED_CERT` (a lone self-signed leaf),
//!   `SELF_SIGNED_CERT_IN_CHAIN` (the chain sent ends in a self-signed certificate),
//!   `UNABLE_TO_VERIFY_LEAF_SIGNATURE` (only the leaf was sent),
//!   `UNABLE_TO_GET_ISSUER_CERT_LOCALLY` (otherwise)
//! - `NotValidForName` -> `ERR_TLS_CERT_ALTNAME_INVALID`
//! - `Expired` -> `CERT_HAS_EXPIRED`, `NotValidYet` -> `CERT_NOT_YET_VALID`,
//!   `Revoked` -> `CERT_REVOKED`, `BadSignature` -> `CERT_SIGNATURE_FAILURE`,
//!   `InvalidPurpose` -> `INVALID_PURPOSE`, anything else -> `CERT_REJECTED`.
//!
//! Protocol failures: a peer that does not speak TLS -> `ERR_SSL_WRONG_VERSION_NUMBER`, the
//! common alerts -> `ERR_SSL_TLSV1_ALERT_UNKNOWN_CA` / `ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE` /
//! ..., other rustls errors -> `EPROTO` with rustls's text; EOF mid-handshake -> `ECONNRESET`.
//!
//! With `rejectUnauthorized: false` the same verification runs, its error becomes the socket's
//! `authorizationError` and the connection proceeds (Node's behaviour).

use std::{
    io,
    net::SocketAddr,
    os::fd::OwnedFd,
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};

use rustls::{
    client::{
        danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
        WebPkiServerVerifier,
    },
    crypto::CryptoProvider,
    pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer, ServerName, UnixTime},
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, ServerConfig,
    SignatureScheme,
};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::{TcpListener, TcpStream, UnixStream},
};
use wasi_bridge::net::NetPolicy;

use super::{
    limits::HandleSlot,
    net::{self, Emit, NetTable},
    OpError, OpValue,
};

/// `tls.connect` options that reach Rust.
pub struct ClientOpts {
    /// PEM certificates replacing the default roots (`ca`), concatenated.
    pub ca: Option<Vec<u8>>,
    pub reject_unauthorized: bool,
    /// The name to verify (and send as SNI unless it is an IP address).
    pub servername: String,
    /// ALPN protocols to offer (`ALPNProtocols`).
    pub alpn: Vec<Vec<u8>>,
}

fn provider() -> Arc<CryptoProvider> {
    static P: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    P.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

fn webpki_roots() -> Arc<RootCertStore> {
    static R: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    R.get_or_init(|| {
        Arc::new(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        })
    })
    .clone()
}

fn bad_option(name: &str, why: impl std::fmt::Display) -> OpError {
    OpError::code(
        "ERR_INVALID_ARG_VALUE",
        format!("The argument '{name}' is invalid. {why}"),
    )
}

fn pem_certs(pem: &[u8], name: &str) -> Result<Vec<CertificateDer<'static>>, OpError> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad_option(name, e))?;
    if certs.is_empty() {
        return Err(bad_option(name, "No PEM certificate found."));
    }
    Ok(certs)
}

/// Node's code and message for a failed certificate verification.
#[derive(Clone, Debug)]
pub struct CertFailure {
    pub code: &'static str,
    pub message: String,
}

/// The webpki verifier, recording its verdict; with `reject == false` it lets the handshake go
/// on (the verdict becomes `authorizationError`).
#[derive(Debug)]
struct Verifier {
    inner: Arc<WebPkiServerVerifier>,
    reject: bool,
    failure: Arc<Mutex<Option<CertFailure>>>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(v) => Ok(v),
            Err(e) => {
                let f = cert_failure(&e, end_entity, intermediates, server_name);
                *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(f);
                if self.reject {
                    Err(e)
                } else {
                    Ok(ServerCertVerified::assertion())
                }
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// One DER TLV: (tag, whole element, rest).
fn der_next(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *b.first()?;
    let first = *b.get(1)?;
    let (len, hdr) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | usize::from(*b.get(2 + i)?);
        }
        (len, 2 + n)
    };
    let end = hdr.checked_add(len)?;
    Some((tag, b.get(..end)?, b.get(end..)?))
}

fn der_content(el: &[u8]) -> Option<&[u8]> {
    let first = *el.get(1)?;
    let hdr = if first < 0x80 {
        2
    } else {
        2 + usize::from(first & 0x7f)
    };
    el.get(hdr..)
}

/// Is this certificate self-issued (issuer == subject)? A tiny walk over TBSCertificate.
fn self_issued(cert: &[u8]) -> bool {
    (|| {
        let (_, c, _) = der_next(cert)?;
        let (_, tbs, _) = der_next(der_content(c)?)?;
        let mut rest = der_content(tbs)?;
        let (tag, _, r) = der_next(rest)?;
        if tag == 0xa0 {
            rest = r; // explicit version
        }
        let (_, _, r) = der_next(rest)?; // serial
        let (_, _, r) = der_next(r)?; // signature algorithm
        let (_, issuer, r) = der_next(r)?;
        let (_, _, r) = der_next(r)?; // validity
        let (_, subject, _) = der_next(r)?;
        Some(issuer == subject)
    })()
    .unwrap_or(false)
}

fn cert_failure(
    e: &rustls::Error,
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    server_name: &ServerName<'_>,
) -> CertFailure {
    let (code, message): (&'static str, String) = match e {
        rustls::Error::InvalidCertificate(ce) => match ce {
            CertificateError::UnknownIssuer => {
                if intermediates.is_empty() && self_issued(end_entity) {
                    (
                        "DEPTH_ZERO_SELF_SIGNED_CERT",
                        "self-signed certificate".into(),
                    )
                } else if intermediates.iter().any(|c| self_issued(c)) {
                    (
                        "SELF_SIGNED_CERT_IN_CHAIN",
                        "self-signed certificate in certificate chain".into(),
                    )
                } else if intermediates.is_empty() {
                    (
                        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                        "unable to verify the first certificate".into(),
                    )
                } else {
                    (
                        "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
                        "unable to get local issuer certificate".into(),
                    )
                }
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                let name = server_name.to_str();
                let message = match server_name {
                    ServerName::IpAddress(_) => format!(
                        "Hostname/IP does not match certificate's altnames: IP: {name} is not in the cert's list"
                    ),
                    _ => format!(
                        "Hostname/IP does not match certificate's altnames: Host: {name}. is not in the cert's altnames"
                    ),
                };
                ("ERR_TLS_CERT_ALTNAME_INVALID", message)
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                ("CERT_HAS_EXPIRED", "certificate has expired".into())
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                ("CERT_NOT_YET_VALID", "certificate is not yet valid".into())
            }
            CertificateError::Revoked => ("CERT_REVOKED", "certificate revoked".into()),
            CertificateError::BadSignature => (
                "CERT_SIGNATURE_FAILURE",
                "certificate signature failure".into(),
            ),
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                ("INVALID_PURPOSE", "unsupported certificate purpose".into())
            }
            other => ("CERT_REJECTED", format!("certificate rejected ({other:?})")),
        },
        other => ("CERT_REJECTED", format!("certificate rejected ({other})")),
    };
    CertFailure { code, message }
}

type Failure = Arc<Mutex<Option<CertFailure>>>;

fn client_config(opts: &ClientOpts) -> Result<(Arc<ClientConfig>, Failure), OpError> {
    let roots = match &opts.ca {
        Some(pem) => {
            let mut store = RootCertStore::empty();
            for c in pem_certs(pem, "options.ca")? {
                store.add(c).map_err(|e| bad_option("options.ca", e))?;
            }
            Arc::new(store)
        }
        None => webpki_roots(),
    };
    let inner = WebPkiServerVerifier::builder_with_provider(roots, provider())
        .build()
        .map_err(|e| bad_option("options.ca", e))?;
    let failure: Failure = Arc::default();
    let verifier = Verifier {
        inner,
        reject: opts.reject_unauthorized,
        failure: failure.clone(),
    };
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| OpError::code("ERR_TLS_INVALID_PROTOCOL_VERSION", e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = opts.alpn.clone();
    Ok((Arc::new(config), failure))
}

/// A handshake that did not complete, in Node's terms.
fn handshake_error(e: &io::Error, failure: &Failure) -> OpError {
    if let Some(f) = failure.lock().unwrap_or_else(|p| p.into_inner()).clone() {
        return OpError::code(f.code, f.message);
    }
    if matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset
    ) {
        return OpError::Sys {
            errno: -libc::ECONNRESET,
            code: "ECONNRESET",
            syscall: "read",
            path: None,
            dest: None,
        };
    }
    if e.raw_os_error().is_some() {
        return OpError::io(e, "read", None);
    }
    let (code, message) = protocol_error(e);
    OpError::code(code, message)
}

/// A TLS protocol failure in OpenSSL's terms as Node names them: a peer that does not speak
/// TLS, the alerts a rejected certificate or handshake produce; anything else is `EPROTO`.
fn protocol_error(e: &io::Error) -> (String, String) {
    use rustls::{AlertDescription as A, InvalidMessage};
    let named = |code: &str, msg: &str| (code.to_owned(), msg.to_owned());
    match e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        Some(rustls::Error::InvalidMessage(InvalidMessage::InvalidContentType)) => {
            named("ERR_SSL_WRONG_VERSION_NUMBER", "wrong version number")
        }
        Some(rustls::Error::AlertReceived(a)) => match a {
            A::UnknownCA => named("ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", "tlsv1 alert unknown ca"),
            A::BadCertificate => named(
                "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE",
                "sslv3 alert bad certificate",
            ),
            A::CertificateExpired => named(
                "ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED",
                "sslv3 alert certificate expired",
            ),
            A::HandshakeFailure => named(
                "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
                "sslv3 alert handshake failure",
            ),
            A::ProtocolVersion => named(
                "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
                "tlsv1 alert protocol version",
            ),
            A::NoApplicationProtocol => named(
                "ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL",
                "tlsv1 alert no application protocol",
            ),
            other => ("EPROTO".into(), format!("write EPROTO alert {other:?}")),
        },
        _ => ("EPROTO".into(), format!("write EPROTO {e}")),
    }
}

/// What JS learns about an established connection: `[protocol, cipher, alpn|null,
/// authorizationError|null, authorizationMessage|null]`.
fn session_value(conn: &rustls::CommonState, failure: Option<CertFailure>) -> OpValue {
    let protocol = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
        _ => "unknown",
    };
    let cipher = conn
        .negotiated_cipher_suite()
        .map(|s| cipher_names(s.suite()))
        .unwrap_or(OpValue::Null);
    let alpn = match conn.alpn_protocol() {
        Some(p) => String::from_utf8_lossy(p).into_owned().into(),
        None => OpValue::Null,
    };
    let (code, msg) = match failure {
        Some(f) => (f.code.into(), f.message.into()),
        None => (OpValue::Null, OpValue::Null),
    };
    OpValue::Array(vec![protocol.into(), cipher, alpn, code, msg])
}

/// `getCipher()`'s `[name, standardName]`: OpenSSL's name and the IANA one, as Node reports.
fn cipher_names(suite: rustls::CipherSuite) -> OpValue {
    use rustls::CipherSuite as C;
    let (name, standard) = match suite {
        C::TLS13_AES_128_GCM_SHA256 => ("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
        C::TLS13_AES_256_GCM_SHA384 => ("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
        C::TLS13_CHACHA20_POLY1305_SHA256 => (
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
        ),
        C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => (
            "ECDHE-ECDSA-AES128-GCM-SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        ),
        C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 => (
            "ECDHE-ECDSA-AES256-GCM-SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        ),
        C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 => (
            "ECDHE-ECDSA-CHACHA20-POLY1305",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        ),
        C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 => (
            "ECDHE-RSA-AES128-GCM-SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        ),
        C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 => (
            "ECDHE-RSA-AES256-GCM-SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        ),
        C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 => (
            "ECDHE-RSA-CHACHA20-POLY1305",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        ),
        other => {
            let n = format!("{other:?}");
            return OpValue::Array(vec![n.clone().into(), n.into()]);
        }
    };
    OpValue::Array(vec![name.into(), standard.into()])
}

/// Move bytes between the TLS stream and the plaintext end JS holds until both sides ended;
/// then the duplicate of the TCP descriptor goes too, so the connection closes with the pump.
async fn pump<S: AsyncRead + AsyncWrite + Unpin>(
    mut tls: S,
    mut plain: UnixStream,
    transport: net::Transport,
) {
    // 64 KiB each way, as the socket read loop (tokio's default is 8 KiB).
    let _ =
        tokio::io::copy_bidirectional_with_sizes(&mut tls, &mut plain, 64 << 10, 64 << 10).await;
    drop(tls);
    if let Ok(mut fd) = transport.lock() {
        fd.take();
    }
}

fn transport_of(tcp: &TcpStream) -> Option<OwnedFd> {
    use std::os::fd::AsFd;
    tcp.as_fd().try_clone_to_owned().ok()
}

/// Hand a TLS stream to JS: returns the handle id of the plaintext end. `transport` is the
/// TCP connection under it, duplicated for setNoDelay/setKeepAlive.
fn adopt<S>(
    table: &NetTable,
    tls: S,
    transport: Option<OwnedFd>,
    slot: HandleSlot,
) -> Result<u64, OpError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mine, theirs) = UnixStream::pair().map_err(|e| OpError::io(&e, "socketpair", None))?;
    let transport = net::Transport::new(Mutex::new(transport));
    tokio::spawn(pump(tls, theirs, transport.clone()));
    Ok(table.add_sock_over(net::Stream::Unix(mine), slot, Some(transport)))
}

fn server_name(name: &str) -> Result<ServerName<'static>, OpError> {
    let bare = name.trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(bare.to_owned()).map_err(|e| bad_option("options.servername", e))
}

/// `tls.connect({host, port, ...})`: the `--allow-net` checked TCP connect, then the handshake.
/// Resolves to `[id, local, remote, session]` (see [`session_value`]).
pub async fn connect(
    table: Arc<NetTable>,
    policy: Arc<NetPolicy>,
    host: String,
    port: u16,
    opts: ClientOpts,
) -> Result<OpValue, OpError> {
    let name = server_name(&opts.servername)?;
    let (config, failure) = client_config(&opts)?;
    let slot = table.slot("connect")?;
    let tcp = net::connect_tcp(&policy, &host, port).await?;
    let _ = tcp.set_nodelay(true);
    let local = tcp.local_addr().ok();
    let remote = tcp.peer_addr().ok();
    let tls = tokio_rustls::TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(|e| handshake_error(&e, &failure))?;
    let session = session_value(tls.get_ref().1, failure.lock().ok().and_then(|f| f.clone()));
    let transport = transport_of(tls.get_ref().0);
    let id = adopt(&table, tls, transport, slot)?;
    Ok(OpValue::Array(vec![
        (id as f64).into(),
        net::addr_value(local),
        net::addr_value(remote),
        session,
    ]))
}

/// `tls.createServer({key, cert})` material: a PEM chain and a PEM private key.
pub fn server_config(
    cert: &[u8],
    key: &[u8],
    alpn: Vec<Vec<u8>>,
) -> Result<Arc<ServerConfig>, OpError> {
    let chain = pem_certs(cert, "options.cert")?;
    let key = PrivateKeyDer::from_pem_slice(key).map_err(|e| bad_option("options.key", e))?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| OpError::code("ERR_TLS_INVALID_PROTOCOL_VERSION", e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| bad_option("options.key", e))?;
    config.alpn_protocols = alpn;
    Ok(Arc::new(config))
}

/// Node's default `handshakeTimeout`.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(120);

/// Accept loop of a TLS server: each connection is handshaken on its own task and then
/// delivered like a plain one (`EV_CONNECTION` with `[id, local, remote, session]`); a failed
/// handshake is an `EV_TLS_CLIENT_ERROR` (`tlsClientError`).
pub async fn accept_loop(
    id: u64,
    listener: TcpListener,
    config: Arc<ServerConfig>,
    table: Arc<NetTable>,
    emit: Emit,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let acceptor = acceptor.clone();
                let table = table.clone();
                let emit = emit.clone();
                tokio::spawn(async move {
                    handshake_server(id, stream, peer, acceptor, table, emit).await;
                });
            }
            Err(e) => {
                emit(net::io_event(
                    id,
                    net::EV_ERROR,
                    net::error_value(&e, "accept"),
                ));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn handshake_server(
    id: u64,
    stream: TcpStream,
    peer: SocketAddr,
    acceptor: tokio_rustls::TlsAcceptor,
    table: Arc<NetTable>,
    emit: Emit,
) {
    let _ = stream.set_nodelay(true);
    let local = stream.local_addr().ok();
    let r = tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await;
    let err = match r {
        Ok(Ok(tls)) => {
            let session = session_value(tls.get_ref().1, None);
            let Ok(slot) = table.slot("accept") else {
                let e = io::Error::from_raw_os_error(libc::EMFILE);
                emit(net::io_event(
                    id,
                    net::EV_ERROR,
                    net::error_value(&e, "accept"),
                ));
                return;
            };
            let transport = transport_of(tls.get_ref().0);
            match adopt(&table, tls, transport, slot) {
                Ok(sid) => {
                    emit(net::io_event(
                        id,
                        net::EV_CONNECTION,
                        OpValue::Array(vec![
                            (sid as f64).into(),
                            net::addr_value(local),
                            net::addr_value(Some(peer)),
                            session,
                        ]),
                    ));
                    return;
                }
                Err(_) => ("EMFILE".to_owned(), "socketpair failed".to_owned()),
            }
        }
        Ok(Err(e)) if e.raw_os_error().is_some() => (errno_code(&e).to_owned(), e.to_string()),
        Ok(Err(e)) => protocol_error(&e),
        Err(_) => (
            "ERR_TLS_HANDSHAKE_TIMEOUT".to_owned(),
            "TLS handshake timeout".to_owned(),
        ),
    };
    emit(net::io_event(
        id,
        EV_TLS_CLIENT_ERROR,
        OpValue::Array(vec![
            err.0.into(),
            err.1.into(),
            net::addr_value(Some(peer)),
        ]),
    ));
}

fn errno_code(e: &io::Error) -> &'static str {
    super::error::errno_code(e.raw_os_error().unwrap_or(libc::EIO))
}

/// A TLS server's failed handshake (`tlsClientError`): `[code, message, remote]`.
pub const EV_TLS_CLIENT_ERROR: f64 = 5.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_walk_survives_garbage() {
        assert!(!self_issued(&[]));
        assert!(!self_issued(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]));
        assert!(!self_issued(&[0x30, 0x03, 0x30, 0x01]));
    }
}
