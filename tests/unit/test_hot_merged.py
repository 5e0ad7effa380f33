"""Rows held for one COMMIT (uow.send_with_commit) of a statement that has a form for
several rows at once go as one call of that form (hot.py's `Hot.merged`): a group of
bookings' new visits in one statement, not one each (issue 20)."""

from __future__ import annotations

from sqlalchemy import literal, select

from queue_server.persistence.repositories.hot import Hot


def test_several_calls_of_a_statement_with_a_many_form_become_one_at_the_first_place() -> None:
    many = Hot(select(literal(2)))
    issue, other = Hot(select(literal(1)), many=many), Hot(select(literal(3)))
    calls = [(other, {"k": 0}), (issue, {"a": 1, "b": "x"}), (other, {"k": 1}),
             (issue, {"a": 2, "b": "y"}), (issue, {"a": 3, "b": None})]
    assert Hot.merged(calls) == [
        (other, {"k": 0}), (many, {"a": [1, 2, 3], "b": ["x", "y", None]}), (other, {"k": 1})]


def test_one_call_or_a_statement_without_a_many_form_is_left_as_it_is() -> None:
    issue, other = Hot(select(literal(1)), many=Hot(select(literal(2)))), Hot(select(literal(3)))
    calls = [(issue, {"a": 1}), (other, {"k": 0}), (other, {"k": 1})]
    assert Hot.merged(calls) == calls
    assert Hot.merged([]) == []
