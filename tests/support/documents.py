"""Issued documents for tests of `/v/{code}` and /api/v1/documents: a PDF rendered with
its QR, signed by a LocalSigner in a temporary folder and kept in a store there, through
the use case modules call (services.documents.issue); an app pointed at that folder."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from queue_server.pdf import Layout, render
from queue_server.persistence.document_store import DiskDocumentStore, document_store
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.documents import Issue, issue, new_code, replace, revoke, verify_url
from queue_server.services.ports import Clock
from queue_server.signing import LocalSigner

BASE = "http://localhost"
TITLE = "Surat Keterangan Uji"
NUMBER = "500.1/17/436.7.5/2026"


@dataclass(frozen=True)
class Desk:
    """Where tests issue documents: the signer, the store and the folder they live in."""

    engine: Engine
    folder: Path
    signer: LocalSigner

    @property
    def store(self) -> DiskDocumentStore:
        return document_store(self.folder)

    def issue(self, clock: Clock, **what: Any) -> tuple[str, bytes]:
        """A signed document issued and committed (`what`: `_issue`'s fields): its code and
        signed bytes. In a thread of its own: pyHanko signs with asyncio.run, which a
        thread already running an event loop (Playwright's) cannot call."""
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(self._issue, clock, **what).result()

    def _issue(self, clock: Clock, office_id: int | None = None, case_id: int | None = None,
               confidential: bool = False, title: str = TITLE, number: str | None = NUMBER,
               module: str = "surat", kind: str = "letter") -> tuple[str, bytes]:
        with SqlUnitOfWork(self.engine) as uow:
            code = new_code(uow)
            pdf = render(Layout(office="Dinas Uji Kota", title=title,
                                verify_url=verify_url(BASE, code), number=number,
                                paragraphs=("Isi surat uji untuk verifikasi.",),
                                place_date="Surabaya, 23 November 2026",
                                signer_title="Kepala Dinas", signer_name="Budi"),
                         compress=False)
            row = issue(uow, clock, self.signer, self.store, Issue(
                module=module, kind=kind, title=title, issuer="Dinas Uji Kota",
                office_id=office_id, number=number, case_id=case_id,
                confidential=confidential), code, pdf)
            digest = row.sha256
            uow.commit()
        data = self.store.get(digest)
        assert data is not None
        return code, data

    def revoke(self, clock: Clock, code: str) -> None:
        with SqlUnitOfWork(self.engine) as uow:
            revoke(uow, clock, code, "dicabut dalam uji")
            uow.commit()

    def replace(self, clock: Clock, code: str, new: str) -> None:
        with SqlUnitOfWork(self.engine) as uow:
            replace(uow, clock, code, new, "diganti dalam uji")
            uow.commit()


def desk_for(app: Any, engine: Engine, folder: Path, signer: LocalSigner) -> Desk:
    """A Desk in `folder`, and `app` reading its documents and signer from there."""
    app.instance_path = str(folder)
    app.extensions["antrian.signer"] = signer
    return Desk(engine, folder, signer)


def tampered(signed: bytes) -> bytes:
    """`signed` with one byte changed inside the signed range (in the letter's text)."""
    changed = bytearray(signed)
    at = changed.index(b"Isi surat uji")
    changed[at] = ord("X")
    return bytes(changed)


def appended(signed: bytes) -> bytes:
    """`signed` with an incremental update after the signature that changes the page
    (a line of text written over it), as an editor saving a change would add."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (PALSU) Tj ET")
    page = page_ref.get_object()
    contents = page["/Contents"]
    parts = list(contents) if isinstance(contents, generic.ArrayObject) else [
        page.raw_get("/Contents")]
    page["/Contents"] = generic.ArrayObject([*parts, writer.add_object(stream)])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
