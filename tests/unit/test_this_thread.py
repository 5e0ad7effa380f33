"""A test counting its own request's statements hears no other thread's (the flaky
`test_a_call_next_reads_nothing_through_the_orm`: the notification sender's poll, run by a
background thread on the same engine, was counted as the call-next's)."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session

from tests.support.this_thread import this_thread_only


def test_a_listener_hears_its_thread_and_not_another() -> None:
    engine = create_engine("sqlite://")
    heard: list[str] = []

    def note(state: Any) -> None:
        heard.append(str(state.statement))

    def run(sql: str) -> None:
        with Session(engine) as session:
            session.execute(text(sql))

    listener = this_thread_only(note)
    event.listen(Session, "do_orm_execute", listener)
    try:
        other = threading.Thread(target=run, args=("SELECT 2",))
        other.start()
        other.join(timeout=10)
        run("SELECT 1")
    finally:
        event.remove(Session, "do_orm_execute", listener)
    assert heard == ["SELECT 1"]
    engine.dispose()
