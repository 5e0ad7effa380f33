"""Issued documents' signed PDFs on disk, by SHA-256, under the instance folder (folders
0700, files 0600: a letter or a permit names people). Implements
services.port_documents.DocumentStore; written whole or not at all, like case files."""

from __future__ import annotations

from pathlib import Path

from .case_file_store import DiskFileStore


class DiskDocumentStore:
    """Signed PDFs under `folder` (`<folder>/cases/0/<sha256>`, the case store layout)."""

    def __init__(self, folder: Path) -> None:
        # The case file store's writer, with the documents' folder as its one "case".
        self._files = DiskFileStore(folder)

    def put(self, sha256: str, data: bytes) -> None:
        """Keep the bytes once (the same hash again writes nothing)."""
        self._files.put(0, sha256, data)

    def get(self, sha256: str) -> bytes | None:
        """The bytes, or None when they are not on disk."""
        return self._files.get(0, sha256)


def document_store(instance_path: str | Path) -> DiskDocumentStore:
    """The deployment's document store: `<instance>/files/documents/`."""
    return DiskDocumentStore(Path(instance_path) / "files" / "documents")
