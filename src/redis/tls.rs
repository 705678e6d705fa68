//! TLS for the raw RESP connections: the same trust rules as the redis-rs connections (CA file
//! or the system's roots, optional client certificate, `--insecure` skips verification).

use std::path::Path;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::exit;
use crate::redis::Auth;

/// Accepts any certificate: what `--insecure` asks for (tests, self-signed labs).
#[derive(Debug)]
struct NoVerify(Vec<SignatureScheme>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.clone()
    }
}

fn certs(path: &Path, flag: &str) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let pem = crate::files::read(path, crate::files::SMALL)
        .map_err(|e| exit::usage(format!("{flag} {}: cannot read: {e}", path.display())))?;
    let list: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(&pem).collect();
    list.map_err(|e| {
        exit::usage(format!(
            "{flag} {}: not a PEM certificate: {e}",
            path.display()
        ))
    })
}

/// The client configuration for `auth` (only called when TLS is on).
pub fn client_config(auth: &Auth) -> anyhow::Result<Arc<ClientConfig>> {
    let provider = rustls::crypto::ring::default_provider();
    let schemes = provider
        .signature_verification_algorithms
        .supported_schemes();
    let mut roots = RootCertStore::empty();
    match &auth.cacert {
        Some(p) => {
            for c in certs(p, "--cacert")? {
                roots
                    .add(c)
                    .map_err(|e| exit::usage(format!("--cacert {}: {e}", p.display())))?;
            }
        }
        None => {
            for c in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(c);
            }
        }
    }
    let builder = ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| exit::runtime(format!("TLS set-up: {e}")))?
        .with_root_certificates(roots);
    let mut config = match (&auth.cert, &auth.key) {
        (Some(c), Some(k)) => {
            let pem = crate::files::read(k, crate::files::SMALL)
                .map_err(|e| exit::usage(format!("--key {}: cannot read: {e}", k.display())))?;
            let key = PrivateKeyDer::from_pem_slice(&pem)
                .map_err(|e| exit::usage(format!("--key {}: {e}", k.display())))?;
            builder
                .with_client_auth_cert(certs(c, "--cert")?, key)
                .map_err(|e| exit::usage(format!("--cert/--key: {e}")))?
        }
        _ => builder.with_no_client_auth(),
    };
    if auth.insecure {
        config
            .dangerous()
            .set_certificate_verifier(Arc::new(NoVerify(schemes)));
    }
    Ok(Arc::new(config))
}
