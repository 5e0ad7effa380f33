"""The retention schedule of outgoing letters: drafts and unsigned letters are not
records yet and are not listed; a sent letter's periods count from its sending."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import TO_SIGNED, People

pytestmark = pytest.mark.sqlite_only("a schedule's rule: no database behaviour")


def _refs(people: People, year: int) -> list[str]:
    reply = people["kepala-opd"].get(f"/api/v1/surat/retention?year={year}")
    assert reply.status_code == 200, reply.get_json()
    return [row["ref"] for row in reply.get_json()["transfer"]]


def test_only_signed_letters_are_scheduled_from_their_sending(people: People,
                                                               out_app: Any) -> None:
    draft = people.draft()  # 000.1: active for 2 years
    in_review = people.draft()
    people.walk(in_review, TO_SIGNED[:2])
    sent = people.draft()
    people.walk(sent, [*TO_SIGNED, ("kabid-dsdabm", "send")])
    year = out_app.config["CLOCK"].now().year
    found = {y: _refs(people, y) for y in range(year, year + 12)}
    listed = [ref for refs in found.values() for ref in refs]
    assert draft not in listed and in_review not in listed
    reply = people["kepala-opd"].get(f"/api/v1/surat/retention?year={year + 2}").get_json()
    row = next(r for r in reply["transfer"] if r["ref"] == sent)
    assert row["counted_from"] == out_app.config["CLOCK"].now().date().isoformat()
