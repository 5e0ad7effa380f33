"""The Open Contracting part's named errors (see queue_server/domain/errors.py)."""

from __future__ import annotations

from queue_server.domain.errors import InvalidInput, NotFound


class OcidNotFound(NotFound):
    """No published contracting process has this ocid (404 `ocds_ocid_not_found`)."""

    code = "ocds_ocid_not_found"
    meaning = "No contracting process with this ocid has been published."
    text_id = ("Proses pengadaan {ocid} tidak ditemukan atau belum dipublikasikan. "
               "Periksa ocid pada daftar /api/v1/ocds/releases.")
    text_en = ("The contracting process {ocid} was not found or is not published yet. "
               "Check the ocid in the list at /api/v1/ocds/releases.")

    def __init__(self, ocid: str):
        super().__init__(ocid=ocid[:80])


class UnknownReleaseTag(InvalidInput):
    """A caller asked to publish a release with a tag outside OCDS 1.1.5's releaseTag
    codelist (422 `ocds_unknown_tag`): a programming error in the calling part."""

    code = "ocds_unknown_tag"
    meaning = "A release tag outside the OCDS 1.1.5 releaseTag codelist."
    text_id = "Tag rilis OCDS tidak dikenal: {tag}."
    text_en = "Unknown OCDS release tag: {tag}."

    def __init__(self, tag: str):
        super().__init__(tag=tag[:40])
