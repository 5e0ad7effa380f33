"""Publishing a change of a contracting process as an OCDS release: the other parts
call `publish` inside their own transaction after each change (B: package created or
changed; C: tender published/changed, award, contract, termin, invoice, payment,
handover; D: approved progress). Each release is the whole process as it now stands
(OCDS 1.1.5 "releases": full snapshots, so a record's compiled release is the latest)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import func, select

from queue_server.services.ports import Clock

from ..project.models import ProjectPackage
from .build import content, release
from .errors import UnknownReleaseTag
from .models import OcdsRelease
from .rows import process_of
from .settings import Settings, settings_of

# OCDS 1.1.5 releaseTag codelist (closed), less `compiled` (records only).
TAGS = frozenset({"planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate",
                  "tenderCancellation", "award", "awardUpdate", "awardCancellation",
                  "contract", "contractUpdate", "contractAmendment", "implementation",
                  "implementationUpdate", "contractTermination"})
RELEASE_ONLY = ("ocid", "id", "date", "tag")  # what differs between two equal releases


def _settings() -> Settings:
    config: Mapping[str, Any] = current_app.config if has_app_context() else {}
    return settings_of(config)


def publish(uow: Any, clock: Clock, package_id: int, tags: Sequence[str],
            settings: Settings | None = None) -> OcdsRelease | None:
    """Record a release of the package `package_id`'s process as it now stands, tagged
    `tags` (OCDS releaseTag codes), in the caller's transaction: id `{ocid}-{n}` (n: the
    process's releases so far + 1), date now (UTC; the previous release's date if that
    is later, so a process's releases are dated in their order). Returns the row, or None when the
    process is unchanged since its last release (a repeat publishes nothing) or there is
    no package `package_id`. Locks the
    package's row (PostgreSQL), so two transactions number their releases one after the
    other. Raises UnknownReleaseTag (422) for a tag outside the codelist."""
    for tag in tags:
        if tag not in TAGS:
            raise UnknownReleaseTag(tag)
    s = uow.session
    package = s.scalar(select(ProjectPackage).where(ProjectPackage.id == package_id)
                       .with_for_update())
    if package is None:
        return None
    settings = settings or _settings()
    last = s.scalar(select(OcdsRelease).where(OcdsRelease.ocid == package.ocid)
                    .order_by(OcdsRelease.id.desc()).limit(1))
    # Never before the process's previous release: releases are merged in date order
    # (OCDS), and a part may publish with a clock set in the past (the demo's history).
    now = max(clock.now(), last.date) if last is not None else clock.now()
    process = process_of(uow, package, settings, now)  # bids sealed until the deadline
    body = content(process, settings)
    if last is not None and _same(last.data, body):
        return None
    count = s.scalar(select(func.count()).select_from(OcdsRelease)
                     .where(OcdsRelease.ocid == package.ocid)) or 0
    release_id = f"{package.ocid}-{count + 1}"
    row = OcdsRelease(release_id=release_id, ocid=package.ocid, package_id=package.id,
                      date=now, tags=list(tags),
                      data=release(process, settings, release_id, now, tags))
    s.add(row)
    s.flush()
    return row


def _same(previous: dict[str, Any], body: dict[str, Any]) -> bool:
    """Whether a stored release says what `body` says, apart from its id, date, tag."""
    return {k: v for k, v in previous.items() if k not in RELEASE_ONLY} == body
