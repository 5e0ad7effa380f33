"""Signers of issued documents (services.port_documents.Signer).

`LocalSigner`: PAdES signatures made with pyHanko and a certificate the server makes for
itself at first use (RSA 2048, key usage digital signature and non-repudiation, five
years), kept in its own folder, the key 0600. It is not a certified electronic signature
(a TTE needs a BSrE certificate, PP 71/2019); it proves the server issued the bytes and
that they are unchanged. `BsreSigner` is where BSrE's signing service plugs in: until it
is configured it refuses with `signing_unavailable`.
"""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ..domain.signing_errors import NotSigned, SigningUnavailable
from ..persistence.files import PRIVATE_FILE, private_folder
from ..services.port_documents import SignatureCheck

SUBJECT = "antrian (sertifikat lokal, bukan BSrE)"
FIELD = "TandaTangan"


def _new_certificate(folder: Path, subject: str) -> None:
    """A fresh key (0600) and self-signed certificate in `folder`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=5 * 365))
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(folder / "key.pem", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


Result = TypeVar("Result")
# Room kept in the PDF for the signature (bytes): ours (RSA-2048, one certificate, no
# timestamp) needs about 1,600; told, pyHanko signs once instead of a dry run first to
# measure it (half a signature's time).
RESERVED = 8192


def _off_loop(work: Callable[[], Result]) -> Result:
    """`work()` where no asyncio event loop runs: pyHanko's synchronous calls start their
    own (`asyncio.run`), which fails inside a thread already running one (an async
    server, a browser driver). Then `work` runs in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(1, thread_name_prefix="signing") as pool:
        return pool.submit(work).result()


class LocalSigner:
    """PAdES signatures with the server's own certificate, kept in `folder` (made 0700
    with its key 0600 at first use)."""

    name = "local"

    def __init__(self, folder: Path, subject: str = SUBJECT) -> None:
        private_folder(folder)
        if not (folder / "key.pem").exists() or not (folder / "cert.pem").exists():
            _new_certificate(folder, subject)
        self.folder = folder

    @property
    def certificate_pem(self) -> bytes:
        """The signing certificate (PEM), for a verification page to show or a reader to
        trust."""
        return (self.folder / "cert.pem").read_bytes()

    def sign(self, pdf: bytes, reason: str = "") -> bytes:
        """`pdf` with a PAdES signature in the field TandaTangan (an incremental update:
        the original bytes come first, unchanged)."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load(str(self.folder / "key.pem"),
                                           str(self.folder / "cert.pem"))
        if signer is None:
            raise SigningUnavailable(self.name, "kunci atau sertifikat tidak terbaca")
        meta = signers.PdfSignatureMetadata(field_name=FIELD, reason=reason or None)
        out = _off_loop(lambda: signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer,
            bytes_reserved=RESERVED))
        return out.getvalue()

    def check(self, pdf: bytes) -> SignatureCheck:
        """The first signature of `pdf`, checked with this signer's certificate as the
        trust root. Raises NotSigned when the PDF has none (or is no PDF)."""
        from pyhanko.keys import load_cert_from_pemder
        from pyhanko.pdf_utils.misc import PdfReadError
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        from pyhanko_certvalidator import ValidationContext

        try:
            signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
        except (PdfReadError, ValueError):
            raise NotSigned() from None
        if not signatures:
            raise NotSigned()
        root = load_cert_from_pemder(str(self.folder / "cert.pem"))
        status = _off_loop(lambda: validate_pdf_signature(
            signatures[0], ValidationContext(trust_roots=[root])))
        return SignatureCheck(intact=bool(status.intact), valid=bool(status.valid),
                              trusted=bool(status.trusted),
                              signer=status.signing_cert.subject.human_friendly,
                              whole=status.coverage == SignatureCoverageLevel.ENTIRE_FILE)


class BsreSigner:
    """Where BSrE's signing service (a certified TTE) plugs in; not configured yet."""

    name = "bsre"

    def sign(self, pdf: bytes, reason: str = "") -> bytes:
        raise SigningUnavailable(self.name, "layanan BSrE belum dikonfigurasi")

    def check(self, pdf: bytes) -> SignatureCheck:
        raise SigningUnavailable(self.name, "layanan BSrE belum dikonfigurasi")


def signer_of(app: Any) -> LocalSigner | BsreSigner:
    """The deployment's signer, made once per app: `SIGNER` (env `ANTRIAN_SIGNER`)
    `local` (the default: LocalSigner in `<instance>/signing`) or `bsre` (BsreSigner,
    which refuses until BSrE's service is configured)."""
    signer = app.extensions.get("antrian.signer")
    if signer is None:
        which = app.config.get("SIGNER") or os.environ.get("ANTRIAN_SIGNER", "local")
        signer = (BsreSigner() if which == "bsre"
                  else LocalSigner(Path(app.instance_path) / "signing"))
        app.extensions["antrian.signer"] = signer
    return signer
