"""Reading the published releases: a page of the release feed (oldest first, filtered by
date, paged by the row id) and one process's record (its releases and the compiled
release), each wrapped in its OCDS 1.1.5 package with the publishing metadata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from .errors import OcidNotFound
from .models import OcdsRelease
from .settings import compact, moment

VERSION = "1.1"  # the package's `version`: OCDS major.minor (schemas 1.1.5)
MAX_LIMIT = 500  # releases in one page at most


@dataclass(frozen=True)
class Meta:
    """The package's metadata: its own address, the publisher, licence, policy."""

    uri: str
    publisher: str
    license: str | None = None
    policy: str | None = None

    def package(self, published: datetime) -> dict[str, Any]:
        """The fields every package starts with."""
        return {"uri": self.uri, "version": VERSION, "publishedDate": moment(published),
                "publisher": {"name": self.publisher}, "license": self.license,
                "publicationPolicy": self.policy}


def page(uow: Any, since: datetime | None, after: int | None,
         limit: int) -> list[OcdsRelease]:
    """At most `limit` (1 … MAX_LIMIT) releases dated at or after `since` (aware), past
    the row id `after` (the previous page's cursor), oldest first."""
    query = select(OcdsRelease).order_by(OcdsRelease.id).limit(max(1, min(limit, MAX_LIMIT)))
    if since is not None:
        query = query.where(OcdsRelease.date >= since)
    if after is not None:
        query = query.where(OcdsRelease.id > after)
    return list(uow.session.scalars(query))


def release_package(rows: Sequence[OcdsRelease], meta: Meta, now: datetime,
                    next_uri: str | None) -> dict[str, Any]:
    """The release package of `rows` (published: the newest release's date, `now` for an
    empty page); `links.next` the next page's address when there may be one."""
    published = max((row.date for row in rows), default=now)
    body = {**meta.package(published), "releases": [row.data for row in rows]}
    if next_uri:
        body["links"] = {"next": next_uri}
    return compact(body) | {"releases": body["releases"]}


def releases_of(uow: Any, ocid: str) -> list[OcdsRelease]:
    """The releases of process `ocid`, oldest first; OcidNotFound (404) when none."""
    rows = list(uow.session.scalars(select(OcdsRelease).where(OcdsRelease.ocid == ocid)
                                    .order_by(OcdsRelease.id)))
    if not rows:
        raise OcidNotFound(ocid)
    return rows


def compiled(rows: Sequence[OcdsRelease]) -> dict[str, Any]:
    """The compiled release: every release is the whole process as it stood, so the
    process now is the newest one, tagged `compiled` (the tests check this equals what
    OCDS's merge routine, ocdsmerge, makes of the releases)."""
    latest = rows[-1]
    return {**latest.data, "id": f"{latest.ocid}-compiled", "tag": ["compiled"]}


def record_package(rows: Sequence[OcdsRelease], meta: Meta) -> dict[str, Any]:
    """The record package of one process's releases `rows` (embedded, oldest first)."""
    record = {"ocid": rows[-1].ocid, "releases": [row.data for row in rows],
              "compiledRelease": compiled(rows)}
    return compact(meta.package(rows[-1].date)) | {"records": [record]}
