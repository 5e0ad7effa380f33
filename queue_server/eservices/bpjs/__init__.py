"""BPJS Antrean Online (Mobile JKN), issue 19: the national booking channel.

Hosted services under `/bpjs/` that BPJS's Mobile JKN calls (token, take, status,
remaining, cancel, check-in; FKRTL and FKTP shapes), bookings made there being ordinary
antrian bookings (channel `bpjs`, the booking's code as `kodebooking`); an outbox that
reports our own bookings and walk-ins (`antrean/add`) and each visit's task times
(`antrean/updatewaktu`, task ids 1–7 and 99) derived from the ticket history, signed
and retried with back-off; a local fake BPJS for tests and the demo; a reconciliation
view. See README "BPJS Antrean Online"."""

from __future__ import annotations

from flask import Flask

MODULE = "bpjs"

# The named errors register on import, before the API document (and its error table) is built.
from . import outbox_errors as outbox_errors  # noqa: E402


def load(app: Flask) -> None:
    """Register BPJS's routes, pages, outbox loop and demo data with `app`."""
    from .parts import load_parts

    load_parts(app)
