"""e-Surat incoming letters' rules without a database: the workflow (every action
allowed and refused per role and state), the classification CSV's checks (line
numbers), urgency days, and which dispositions count as done."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest

from queue_server.domain.workflow import ActionForbidden, ActionNotAllowed, CommentRequired
from queue_server.eservices.surat.classification import parse_csv
from queue_server.eservices.surat.incoming import URGENCY_DAYS, WORKFLOW
from queue_server.eservices.surat.incoming_close import all_done
from queue_server.eservices.surat.incoming_errors import ClassificationsInvalid

STATES = ("registered", "disposed", "followed_up", "filed")
ROLES = ("clerk", "head", "office", "admin", "desk", "citizen")
# action → (states it is taken from, roles that may take it)
ALLOWED = {
    "dispose": ({"registered", "disposed", "followed_up"}, {"clerk", "head"}),
    "pass_on": ({"disposed"}, {"office", "head", "clerk"}),
    "withdraw": ({"disposed"}, {"office", "head", "clerk"}),
    "follow_up": ({"disposed"}, {"office", "head", "clerk"}),
    "file": ({"followed_up"}, {"clerk", "head"}),
    "file_early": ({"registered", "disposed"}, {"head"}),
}
TARGET = {"dispose": "disposed", "pass_on": "disposed", "withdraw": "disposed",
          "follow_up": "followed_up", "file": "filed", "file_early": "filed"}
CASES = [(action, state, role) for action in ALLOWED for state in STATES for role in ROLES]


@pytest.mark.parametrize(("action", "state", "role"), CASES)
def test_every_action_per_state_and_role(action: str, state: str, role: str) -> None:
    sources, roles = ALLOWED[action]
    take = lambda: WORKFLOW.take(state, action, frozenset({role}),  # noqa: E731
                                 comment="alasan")
    if state not in sources:
        with pytest.raises((ActionNotAllowed, ActionForbidden)):
            take()
    elif role not in roles:
        with pytest.raises(ActionForbidden):
            take()
    else:
        assert take().target == TARGET[action]


def test_filing_early_needs_a_reason() -> None:
    with pytest.raises(CommentRequired):
        WORKFLOW.take("registered", "file_early", frozenset({"head"}), comment="")


def test_urgency_days_are_office_practice() -> None:
    assert URGENCY_DAYS == {"sangat_segera": 1, "segera": 2, "biasa": 5}


HEAD = "code,title,active_years,inactive_years,disposition\n"


@pytest.mark.parametrize(("text", "line"), [
    ("code,title\n500,Perekonomian\n", 1),
    (HEAD + "500,Perekonomian,2,3,musnah\n500.x,Salah,2,3,musnah\n", 3),
    (HEAD + "500,Perekonomian,2,3,dibakar\n", 2),
    (HEAD + "500,Perekonomian,dua,3,musnah\n", 2),
    (HEAD + "500,,2,3,musnah\n", 2),
    (HEAD + "500,A,2,3,musnah\n500,B,2,3,musnah\n", 3),
    (HEAD + "500,A,2,3\n", 2),
    (HEAD, 2),
])
def test_a_wrong_csv_line_is_named(text: str, line: int) -> None:
    with pytest.raises(ClassificationsInvalid) as raised:
        parse_csv(text)
    assert raised.value.code == "invalid_config"
    assert f" {line}:" in raised.value.message_en


def test_the_shipped_codes_parse() -> None:
    from queue_server.eservices.surat.classification import DATA_FILE

    entries = parse_csv(DATA_FILE.read_text("utf-8"))
    assert len(entries) >= 30
    assert {"000.1", "500.1", "800.1"} <= {entry["code"] for entry in entries}


def _d(id: int, parent: int | None = None, done: bool = False, gone: bool = False) -> Any:
    moment = datetime(2026, 1, 1)
    return SimpleNamespace(id=id, parent_id=parent, done_at=moment if done else None,
                           withdrawn_at=moment if gone else None)


@pytest.mark.parametrize(("rows", "done"), [
    ([], False),
    ([_d(1, done=True)], True),
    ([_d(1, done=True), _d(2)], False),
    ([_d(1, done=True), _d(2, gone=True)], True),        # a withdrawn one does not count
    ([_d(1), _d(2, parent=1, done=True)], False),        # passed on: its holder answers too
    ([_d(1, done=True), _d(2, parent=1, done=True)], True),
    ([_d(1), _d(2, parent=1, gone=True)], False),        # its child withdrawn: back to it
])
def test_which_dispositions_count_as_done(rows: list[Any], done: bool) -> None:
    assert all_done(rows) is done
