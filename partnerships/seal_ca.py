"""A local certificate authority for the demo and the tests: a root, the municipality's seal
certificate and a timestamp authority's certificate, as PEM files in one directory.

A real installation gets its seal certificate from a CA it trusts (IOP_SEAL_CERT, IOP_SEAL_KEY,
IOP_SEAL_TRUST_ROOT); this one exists so that `make run` and the tests seal and verify for real."""

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_CERT = "root-cert.pem"
SEAL_CERT = "seal-cert.pem"
SEAL_KEY = "seal-key.pem"
TSA_CERT = "tsa-cert.pem"
TSA_KEY = "tsa-key.pem"
FILES = (ROOT_CERT, SEAL_CERT, SEAL_KEY, TSA_CERT, TSA_KEY)


def _name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Demokommunen"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _usage(*, sign_certs=False, content_commitment=False):
    return x509.KeyUsage(
        digital_signature=not sign_certs,
        content_commitment=content_commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(subject, key, issuer, issuer_key, *, ca, usage, extended=None):
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650 if ca else 825))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if extended:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path, data):
    path.write_bytes(data)
    path.chmod(0o600)


def _pem_key(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def create_demo_ca(directory, *, seal_name="Demokommunen, socialförvaltningen (e-sigill)"):
    """Write a root, a seal certificate and key, and a timestamp authority's certificate and
    key into `directory` (created if missing). Returns the directory as a Path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    root_key = _key()
    root_name = _name("Demokommunen rot-CA (endast demo)")
    root = _certificate(
        root_name, root_key, root_name, root_key, ca=True, usage=_usage(sign_certs=True)
    )
    seal_key = _key()
    seal = _certificate(
        _name(seal_name),
        seal_key,
        root_name,
        root_key,
        ca=False,
        usage=_usage(content_commitment=True),
    )
    tsa_key = _key()
    tsa = _certificate(
        _name("Demokommunen tidsstämpel (endast demo)"),
        tsa_key,
        root_name,
        root_key,
        ca=False,
        usage=_usage(),
        extended=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    pem = serialization.Encoding.PEM
    _write(directory / ROOT_CERT, root.public_bytes(pem))
    _write(directory / SEAL_CERT, seal.public_bytes(pem))
    _write(directory / SEAL_KEY, _pem_key(seal_key))
    _write(directory / TSA_CERT, tsa.public_bytes(pem))
    _write(directory / TSA_KEY, _pem_key(tsa_key))
    return directory


def has_demo_ca(directory):
    return all((Path(directory) / name).exists() for name in FILES)
