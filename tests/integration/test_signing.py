"""Signed documents (issue 17's foundation): the local PAdES signer makes its own
certificate once (key 0600), signs a PDF that pyHanko validates as intact, valid and
trusted against that certificate; one changed byte inside the signed range is no longer
intact; an unsigned or non-PDF file is `not_signed`; the BSrE adapter refuses until it
is configured."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fpdf import FPDF

from queue_server.domain.signing_errors import NotSigned, SigningUnavailable
from queue_server.signing import BsreSigner, LocalSigner

pytestmark = pytest.mark.sqlite_only("files and signatures, no database")


def a_letter() -> bytes:
    pdf = FPDF()
    pdf.set_compression(False)  # the text readable in the bytes, for the tamper test
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Surat Keterangan Nomor 400.14.1/0001/436.9.1/2026")
    return bytes(pdf.output())


def test_the_local_signer_signs_a_pdf_that_validates(tmp_path: Path) -> None:
    signer = LocalSigner(tmp_path / "signing")
    assert stat.S_IMODE((tmp_path / "signing" / "key.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "signing").stat().st_mode) == 0o700
    original = a_letter()
    signed = signer.sign(original, reason="Diterbitkan oleh antrian")
    assert signed.startswith(original)  # an incremental update: the letter unchanged
    check = signer.check(signed)
    assert (check.intact, check.valid, check.trusted) == (True, True, True)
    assert "sertifikat lokal" in check.signer
    # The same folder keeps its certificate: a second signer is the same signer.
    assert LocalSigner(tmp_path / "signing").certificate_pem == signer.certificate_pem


def test_a_changed_byte_breaks_the_signature(tmp_path: Path) -> None:
    signer = LocalSigner(tmp_path)
    signed = bytearray(signer.sign(a_letter()))
    at = signed.index(b"Surat Keterangan")
    signed[at] = ord("X")
    assert signer.check(bytes(signed)).intact is False


def test_another_certificate_is_not_trusted(tmp_path: Path) -> None:
    mine, theirs = LocalSigner(tmp_path / "a"), LocalSigner(tmp_path / "b")
    check = mine.check(theirs.sign(a_letter()))
    assert check.intact and check.valid and check.trusted is False


def test_unsigned_files_and_the_unconfigured_bsre_signer_are_refused(tmp_path: Path) -> None:
    signer = LocalSigner(tmp_path)
    for data in (a_letter(), b"not a pdf at all"):
        with pytest.raises(NotSigned):
            signer.check(data)
    with pytest.raises(SigningUnavailable) as refused:
        BsreSigner().sign(a_letter())
    assert refused.value.code == "signing_unavailable"
