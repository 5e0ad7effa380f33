"""The API's blueprints: flask-smorest's, with a parser that skips work for nothing sent.

Every route reading an optional query or header (`?facility=`, `Idempotency-Key`) ran
webargs' whole parse for it on every request, with nothing there to read: on a walk-in,
two of its three parses, about 2 % of its CPU (issue 20). Here a query string that is
empty, or headers holding none of the schema's, are loaded as the empty mapping they are
(`schema.load({})`: the same defaults, the same hooks); anything else, and any error,
goes through webargs as before.
"""

from __future__ import annotations

from typing import Any

import flask_smorest
import marshmallow as ma
from flask import request
from webargs.flaskparser import FlaskParser

_SKIPPABLE = frozenset({"query", "querystring", "headers"})


def _nothing_sent(schema: ma.Schema, location: str) -> bool:
    """Whether the request holds nothing `schema` would read from `location`."""
    if location == "headers":
        return not any((field.data_key or name) in request.headers
                       for name, field in schema.load_fields.items())
    return not request.query_string


class LeanParser(FlaskParser):
    """webargs' Flask parser; an empty query string or headers without any of the
    schema's are loaded as `{}` straight away (see the module)."""

    def parse(self, argmap: Any, req: Any = None, *, location: str | None = None,
              **kwargs: Any) -> Any:
        """As webargs' `parse`; the shortcut above for a schema given as an instance."""
        if (location in _SKIPPABLE and isinstance(argmap, ma.Schema)
                and _nothing_sent(argmap, location)):
            try:
                return argmap.load({}, unknown=ma.EXCLUDE)
            except ma.ValidationError:
                pass  # a required one is missing: webargs answers it as always
        return super().parse(argmap, req, location=location, **kwargs)


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint with the LeanParser."""

    ARGUMENTS_PARSER = LeanParser()
