"""Every action of an outgoing letter, in every state it can be asked in, by each kind of
caller: the drafter (`kabid-dsdabm`), the reviewer (`opd`), the signer (`kepala-opd`),
the office's TU not in the chain (`tu-dsdabm`), another office's staff (`dlh`, who may
not even read it) and the deployment's admin. The table says what each one gets; the
allowed ones are then taken, each on a fresh letter, and move it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import PATH, TO_SIGNED, People

pytestmark = pytest.mark.sqlite_only("roles and states, the same on both databases")
WHO = ("kabid-dsdabm", "opd", "kepala-opd", "tu-dsdabm", "dlh", "admin")
ACTIONS = ("submit", "approve", "return", "sign", "send")
STEPS_TO = {"draft": [], "review": TO_SIGNED[:1], "signing": TO_SIGNED[:2],
            "signed": TO_SIGNED}
NOT_NOW = (409, "action_not_allowed")
FORBIDDEN = (403, "action_forbidden")
WAIT = (409, "surat_not_your_turn")
OK = (200, None)
# (state, who, action) → answer; anything not listed is NOT_NOW, and `dlh` always gets
# (403, letter_forbidden): an office's letters are not read outside it.
TABLE: dict[tuple[str, str, str], tuple[int, str | None]] = {
    ("draft", "kabid-dsdabm", "submit"): OK,
    **{("draft", who, "submit"): FORBIDDEN for who in WHO[1:] if who != "dlh"},
    ("review", "opd", "approve"): OK,
    ("review", "opd", "return"): OK,
    **{("review", who, action): FORBIDDEN for who in ("kabid-dsdabm", "tu-dsdabm", "admin")
       for action in ("approve", "return")},
    ("review", "kepala-opd", "approve"): WAIT,
    ("review", "kepala-opd", "return"): WAIT,
    ("review", "kepala-opd", "sign"): WAIT,  # the head signs only after the paraf
    ("signing", "kepala-opd", "sign"): OK,
    ("signing", "kepala-opd", "return"): OK,
    **{("signing", who, action): FORBIDDEN for who in ("kabid-dsdabm", "tu-dsdabm", "admin")
       for action in ("sign", "return")},
    ("signing", "opd", "sign"): WAIT,
    ("signing", "opd", "return"): WAIT,
    ("signing", "opd", "approve"): WAIT,
    ("signed", "kabid-dsdabm", "send"): OK,
    ("signed", "kepala-opd", "send"): OK,
    ("signed", "tu-dsdabm", "send"): OK,
    ("signed", "opd", "send"): FORBIDDEN,
    ("signed", "admin", "send"): FORBIDDEN,
}
AFTER = {"submit": "review", "approve": "signing", "return": "draft", "sign": "signed",
         "send": "sent"}


def expected(state: str, who: str, action: str) -> tuple[int, str | None]:
    if who == "dlh":
        return (403, "letter_forbidden")
    return TABLE.get((state, who, action), NOT_NOW)


def letter_in(people: People, state: str) -> str:
    ref = people.draft()
    people.walk(ref, STEPS_TO[state])
    return ref


@pytest.mark.parametrize("state", list(STEPS_TO))
def test_every_action_by_every_caller_is_answered_as_the_table_says(
        people: People, state: str) -> None:
    ref = letter_in(people, state)
    allowed = []
    for who in WHO:
        for action in ACTIONS:
            want = expected(state, who, action)
            if want == OK:
                allowed.append((who, action))
                continue
            reply = people.act(who, ref, action, "alasan")
            got = (reply.status_code, reply.get_json()["error"]["code"])
            assert got == want, (state, who, action, reply.get_json())
    assert people["kabid-dsdabm"].get(f"{PATH}/{ref}").get_json()["state"] == state
    for who, action in allowed:
        fresh = letter_in(people, state)
        reply = people.act(who, fresh, action, "alasan")
        assert reply.status_code == 200, (state, who, action, reply.get_json())
        assert reply.get_json()["state"] == AFTER[action]


def test_the_actions_offered_are_those_the_caller_may_take(people: People) -> None:
    ref = letter_in(people, "review")

    def offered(who: str) -> list[Any]:
        body = people[who].get(f"{PATH}/{ref}").get_json()
        return [a["action"] for a in body["actions"]]

    assert offered("opd") == ["approve", "return"]
    assert offered("kabid-dsdabm") == [] and offered("kepala-opd") == []
