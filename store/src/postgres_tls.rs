//! TLS for the PostgreSQL connection, as libpq's `sslmode` and `sslrootcert` ask for it:
//! rustls (ring) through `tokio-postgres-rustls`, no OpenSSL.
//!
//! | `sslmode` | TLS | server certificate |
//! |---|---|---|
//! | `disable` | never | — |
//! | `allow`, `prefer` (the default, as libpq's) | when the server offers it | not checked |
//! | `require` | always | not checked; checked as `verify-ca` when `sslrootcert` is given |
//! | `verify-ca` | always | chain to a trusted root |
//! | `verify-full` | always | chain to a trusted root, and the host name (or IP) in the URL |
//!
//! Trusted roots: the PEM certificates of `sslrootcert=FILE`, else Mozilla's (webpki-roots,
//! compiled in; `sslrootcert=system` asks for them too).

use std::sync::Arc;

use labourlink_protocol::{Error, ErrorCode, Result};
use postgres::config::SslMode as PgSslMode;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

/// libpq's `sslmode` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// The TLS part of a store URL, taken out of it (tokio-postgres does not know
/// `sslrootcert` nor the `verify-*` modes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TlsParams {
    pub(crate) mode: SslMode,
    pub(crate) root_cert: Option<String>,
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::InputInvalid, msg)
}

fn percent_decode(s: &str) -> Result<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| invalid("store URL: a bad %-escape in a parameter"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| invalid("store URL: a parameter is not UTF-8"))
}

/// Splits `sslmode` and `sslrootcert` off a `postgresql://` URL: the URL left for
/// tokio-postgres (with `sslmode` set to what it understands) and the TLS parameters.
pub(crate) fn split_url(url: &str) -> Result<(String, TlsParams)> {
    let mut params = TlsParams {
        mode: SslMode::Prefer,
        root_cert: None,
    };
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), params));
    };
    let mut kept: Vec<&str> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "sslmode" => {
                params.mode = match percent_decode(v)?.as_str() {
                    "disable" => SslMode::Disable,
                    // tokio-postgres has no "try without TLS first": TLS when offered.
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    _ => {
                        return Err(invalid(
                            "store URL: sslmode must be disable, allow, prefer, require, verify-ca or verify-full",
                        ));
                    }
                };
            }
            "sslrootcert" => params.root_cert = Some(percent_decode(v)?),
            "sslcert" | "sslkey" | "sslpassword" | "sslcrl" | "sslcrldir" => {
                return Err(invalid(format!(
                    "store URL: {k} is not supported (client certificates and CRLs are not implemented); use password or trust authentication over sslmode=verify-full"
                )));
            }
            _ => kept.push(pair),
        }
    }
    // libpq: with a root certificate given, `require` checks the chain (as verify-ca).
    if params.mode == SslMode::Require && params.root_cert.as_deref().is_some_and(|r| r != "system")
    {
        params.mode = SslMode::VerifyCa;
    }
    let pg_mode = match params.mode {
        SslMode::Disable => "disable",
        SslMode::Prefer => "prefer",
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => "require",
    };
    kept.push(match pg_mode {
        "disable" => "sslmode=disable",
        "prefer" => "sslmode=prefer",
        _ => "sslmode=require",
    });
    Ok((format!("{base}?{}", kept.join("&")), params))
}

/// The tokio-postgres SSL mode for `mode`.
pub(crate) fn pg_mode(mode: SslMode) -> PgSslMode {
    match mode {
        SslMode::Disable => PgSslMode::Disable,
        SslMode::Prefer => PgSslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => PgSslMode::Require,
    }
}

/// ring, as the exchange client (ureq) uses: no C toolchain beyond ring's own, no aws-lc.
/// rustls 0.23.48 deprecates it for lacking post-quantum key exchange (X25519MLKEM768), which
/// only aws-lc-rs offers; the classical groups (X25519, P-256, P-384) are what it negotiates.
#[allow(deprecated)]
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn roots(root_cert: Option<&str>) -> Result<RootCertStore> {
    let mut store = RootCertStore::empty();
    match root_cert {
        None | Some("system") => {
            store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        Some(path) => {
            let shown = labourlink_protocol::error::shown(path);
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(|e| {
                    Error::new(
                        ErrorCode::StoreUnavailable,
                        format!("PostgreSQL TLS: cannot read sslrootcert {shown}: {e}"),
                    )
                })?;
            let (added, _) = store.add_parsable_certificates(certs);
            if added == 0 {
                return Err(Error::new(
                    ErrorCode::StoreUnavailable,
                    format!("PostgreSQL TLS: sslrootcert {shown} holds no usable certificate"),
                ));
            }
        }
    }
    Ok(store)
}

/// The rustls connector for `params`, `None` for `sslmode=disable`.
pub(crate) fn connector(params: &TlsParams) -> Result<Option<MakeRustlsConnect>> {
    let provider = provider();
    let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::new(ErrorCode::StoreUnavailable, format!("PostgreSQL TLS: {e}")))?;
    let verifier_err = |e: rustls::client::VerifierBuilderError| {
        Error::new(ErrorCode::StoreUnavailable, format!("PostgreSQL TLS: {e}"))
    };
    let config = match params.mode {
        SslMode::Disable => return Ok(None),
        SslMode::Prefer | SslMode::Require => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
            .with_no_client_auth(),
        SslMode::VerifyCa => {
            let inner = WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots(params.root_cert.as_deref())?),
                Arc::clone(&provider),
            )
            .build()
            .map_err(verifier_err)?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(ChainOnly(inner)))
                .with_no_client_auth()
        }
        SslMode::VerifyFull => builder
            .with_root_certificates(roots(params.root_cert.as_deref())?)
            .with_no_client_auth(),
    };
    Ok(Some(MakeRustlsConnect::new(config)))
}

/// `prefer` and `require`: encrypted, the server not authenticated (libpq's meaning). The
/// handshake signatures are still checked (against the certificate the server sent).
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a trusted root; the name is not compared.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn split() {
        let (u, p) = split_url("postgresql://u@h/db").unwrap();
        assert_eq!(
            (u.as_str(), p.mode),
            ("postgresql://u@h/db", SslMode::Prefer)
        );
        let (u, p) = split_url(
            "postgresql://u@h/db?connect_timeout=3&sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.pem",
        )
        .unwrap();
        assert_eq!(u, "postgresql://u@h/db?connect_timeout=3&sslmode=require");
        assert_eq!(p.mode, SslMode::VerifyFull);
        assert_eq!(p.root_cert.as_deref(), Some("/tmp/ca.pem"));
        let (_, p) = split_url("postgresql://u@h/db?sslmode=require&sslrootcert=/ca.pem").unwrap();
        assert_eq!(p.mode, SslMode::VerifyCa);
        let (u, p) = split_url("postgresql://u@h/db?sslmode=disable").unwrap();
        assert_eq!(
            (u.as_str(), p.mode),
            ("postgresql://u@h/db?sslmode=disable", SslMode::Disable)
        );
        for bad in ["?sslmode=on", "?sslcert=/c.pem", "?sslrootcert=%zz"] {
            let e = split_url(&format!("postgresql://u@h/db{bad}")).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InputInvalid, "{bad}");
        }
    }
}
