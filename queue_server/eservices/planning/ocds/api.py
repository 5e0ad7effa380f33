"""The Open Contracting routes (/api/v1/ocds/...), public and read-only: the release feed
(a release package of every change, oldest first, paged) and one process's record (a
record package with its releases and compiled release). Cacheable for a minute."""

from __future__ import annotations

from datetime import UTC
from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from queue_server.runtime import current

from . import feed

blp = Blueprint("ocds", __name__, url_prefix="/api/v1/ocds",
                description="Open Contracting Data Standard 1.1.5: the planning chain's "
                            "contracting processes (public)")
MAX_AGE = 60  # seconds a browser or proxy may keep an answer
SINCE_HELP = ("Gunakan tanggal-waktu ISO 8601, mis. 2026-11-23T00:00:00Z / "
              "Use an ISO 8601 date-time, e.g. 2026-11-23T00:00:00Z.")


class OcdsFeedQuery(Schema):
    since = fields.DateTime(load_default=None, error_messages={"invalid": SINCE_HELP},
                            metadata={"description": "only releases dated at or after this "
                                      "moment (ISO 8601; without an offset: UTC)"})
    after = fields.Integer(load_default=None, validate=validate.Range(min=0),
                           metadata={"description": "the cursor of `links.next`: releases "
                                     "published after the previous page"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1,
                                                                     max=feed.MAX_LIMIT),
                           metadata={"description": "releases in one page (1-500)"})


class OcdsPackageOut(Schema):
    """An OCDS 1.1 package (see the schemas at standard.open-contracting.org)."""

    uri = fields.String()
    version = fields.String()
    publishedDate = fields.String()
    publisher = fields.Dict()
    license = fields.String()
    publicationPolicy = fields.String()


class OcdsReleasePackageOut(OcdsPackageOut):
    releases = fields.List(fields.Dict())
    links = fields.Dict(metadata={"description": "`next`: the next page, when there may "
                                  "be one"})


class OcdsRecordPackageOut(OcdsPackageOut):
    records = fields.List(fields.Dict())


def _meta() -> feed.Meta:
    config = current_app.config
    return feed.Meta(uri=request.url, publisher=str(config["OCDS_PUBLISHER"]),
                     license=config.get("OCDS_LICENSE") or None,
                     policy=config.get("OCDS_PUBLICATION_POLICY") or None)


def _cached(body: dict[str, Any]) -> Response:
    response = jsonify(body)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@blp.get("/releases")
@blp.arguments(OcdsFeedQuery(), location="query")
@blp.response(200, OcdsReleasePackageOut)
def releases(args: dict[str, Any]) -> Response:
    """Every release of every contracting process (one per change: planning, tender,
    award, contract, implementation), oldest first, as an OCDS 1.1 release package.
    `since` filters by the release's date; a full page carries `links.next` (the same
    query with `after`, the cursor). A bad `since` or `limit`: 422."""
    since = args["since"]
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    rt = current()
    with rt.uow(write=False) as uow:
        rows = feed.page(uow, since, args["after"], args["limit"])
    next_uri = None
    if len(rows) == args["limit"]:
        query = {k: v for k, v in request.args.items() if k != "after"}
        next_uri = f"{request.base_url}?{urlencode({**query, 'after': rows[-1].id})}"
    return _cached(feed.release_package(rows, _meta(), rt.clock.now(), next_uri))


@blp.get("/records/<string:ocid>")
@blp.response(200, OcdsRecordPackageOut)
def record(ocid: str) -> Response:
    """The record of the contracting process `ocid` (`{OCDS_PREFIX}-{package code}`):
    its releases (embedded, oldest first) and the compiled release (the process as it
    now stands), in an OCDS 1.1 record package. `ocds_ocid_not_found` 404."""
    with current().uow(write=False) as uow:
        rows = feed.releases_of(uow, ocid)
    return _cached(feed.record_package(rows, _meta()))

