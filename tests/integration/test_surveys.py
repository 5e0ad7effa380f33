"""The satisfaction survey (SKM) through the API on both databases: a finished visit or
a closed case takes one survey, once; a visit still going or a case still open refuses
it; an unknown code is a counted miss; the index is for the staff who read reports."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from queue_server.persistence.case_models import Survey
from queue_server.services.cases import CITIZEN, Step
from tests.conftest import Api, login
from tests.support.cases import World, file_case, take, to_answered, world

GOOD = [4, 4, 3, 4, 4, 3, 4, 4, 3]


def send(client: Any, subject: str, code: str, answers: Any = None, **extra: Any) -> Any:
    return client.post("/api/v1/surveys", json={"subject": subject, "code": code,
                                                 "answers": answers or GOOD, **extra})


def error_of(reply: Any) -> str:
    return str(reply.get_json()["error"]["code"])


def served_visit(kiosk: Api, staff: Api) -> str:
    """A visit whose one ticket was called and finished: its code."""
    code = str(kiosk.ticket()["code"])
    staff.act("loket-1", "call-next")
    assert staff.act("loket-1", "finish").get_json()["status"] == "done"
    return code


def closed_case(engine: Engine, clock: Any) -> str:
    w: World = world(engine)
    code = file_case(w, clock, office_id=w.desk_office)
    to_answered(w, clock, code)
    take(w, clock, code, CITIZEN, Step("close"))
    return code


def test_a_finished_visit_takes_one_survey_and_refuses_a_second(
        client: Any, kiosk: Api, staff: Api, engine: Engine) -> None:
    code = served_visit(kiosk, staff)
    reply = send(client, "visit", code, comment="  Antrean rapi.  ")
    assert reply.status_code == 201, reply.get_json()
    assert reply.get_json()["subject"] == "visit" and reply.get_json()["code"] == code
    again = send(client, "visit", code, [1] * 9)
    assert again.status_code == 409 and error_of(again) == "survey_already_given"
    with engine.connect() as conn:
        [row] = conn.execute(select(Survey.answers, Survey.module, Survey.comment,
                                    Survey.facility_id)).all()
    assert row.answers == GOOD and row.module == "queue" and row.comment == "Antrean rapi."
    assert row.facility_id is not None


def test_a_visit_still_waiting_or_being_served_refuses_the_survey(
        client: Any, kiosk: Api, staff: Api) -> None:
    code = str(kiosk.ticket()["code"])
    early = send(client, "visit", code)
    assert early.status_code == 409 and error_of(early) == "survey_too_early"
    assert "selesai" in early.get_json()["error"]["message"]
    staff.act("loket-1", "call-next")
    assert error_of(send(client, "visit", code)) == "survey_too_early"


def test_a_visit_that_was_never_served_takes_no_survey(
        client: Any, kiosk: Api, staff: Api) -> None:
    code = str(kiosk.ticket()["code"])
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "skip")  # a no-show: nothing was served to rate
    assert error_of(send(client, "visit", code)) == "survey_too_early"


def test_a_closed_case_takes_a_survey_an_open_one_does_not(
        client: Any, engine: Engine, clock: Any) -> None:
    w = world(engine)
    still_open = file_case(w, clock, office_id=w.desk_office)
    assert error_of(send(client, "case", still_open)) == "survey_too_early"
    code = closed_case(engine, clock)
    reply = send(client, "case", code, dict(zip(
        ("requirements", "procedure", "time", "cost", "product", "competence",
         "behaviour", "complaints", "facilities"), GOOD, strict=True)))
    assert reply.status_code == 201, reply.get_json()
    with engine.connect() as conn:
        module, office = conn.execute(select(Survey.module, Survey.office_id)).one()
    assert module == "wadul" and office is not None
    assert error_of(send(client, "case", code)) == "survey_already_given"


def test_an_unknown_code_is_404_and_counted_as_a_guess(app: Any, client: Any) -> None:
    app.config["CODE_MISS_LIMIT"] = "2/minute"
    replies = [send(client, subject, "ABCD-EFGH-JK") for subject in ("visit", "case", "case")]
    assert [r.status_code for r in replies] == [404, 404, 429]
    assert [error_of(r) for r in replies[:2]] == ["visit_not_found", "case_not_found"]


def test_answers_that_are_not_nine_values_1_to_4_are_422_saying_why(client: Any) -> None:
    for answers, said in (([4] * 8, "9"), ([4] * 8 + [5], "facilities"),
                          ({"requirements": 4}, "procedure"), ("4444", "str")):
        reply = send(client, "visit", "ABCD-EFGH-JK", answers)
        assert reply.status_code == 422 and error_of(reply) == "invalid_survey_answers"
        assert said in reply.get_json()["error"]["message"]
    wrong = client.post("/api/v1/surveys", json={"subject": "ticket", "code": "ABCD-EFGH-JK",
                                                 "answers": GOOD})
    assert wrong.status_code == 422


def _index(client: Any, who: str, query: str = "") -> Any:
    token = login(client, who)
    return client.get(f"/api/v1/surveys/index{query}",
                      headers={"Authorization": f"Bearer {token}"})


def test_the_index_is_computed_for_admin_city_and_the_facility_admin(
        client: Any, kiosk: Api, staff: Api) -> None:
    for answers in (GOOD, [3] * 9):
        code = served_visit(kiosk, staff)
        assert send(client, "visit", code, answers).status_code == 201
    for who, query in (("admin", ""), ("dinkes", "?module=queue"),
                       ("kepala", ""), ("kepala", "?facility=pkm-demo")):
        reply = _index(client, who, query)
        assert reply.status_code == 200, (who, reply.get_json())
        body = reply.get_json()
        assert body["count"] == 2 and body["ikm"] == 83.33 and body["grade"] == "B"
        assert body["grade_label"] == "Baik" and body["grade_label_en"] == "Good"
        assert body["elements"][0] == {"element": "requirements", "label": "Persyaratan",
                                       "label_en": "Requirements", "mean": 3.5}
    csv = _index(client, "admin", "?format=csv")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0] == "element,label,mean,count,grade" and lines[-1] == "ikm,IKM,83.33,2,B"


def test_the_index_refuses_operators_and_other_facilities(app: Any, client: Any) -> None:
    assert app.test_client().get("/api/v1/surveys/index").status_code == 401
    assert _index(client, "petugas").status_code == 403
    assert error_of(_index(client, "petugas")) == "reports_forbidden"
    for query in ("?office=media-center", "?module=wadul&facility=pkm-lain"):
        assert _index(client, "kepala", query).status_code in (403, 404)
    assert error_of(_index(client, "kepala", "?office=media-center")) == "wrong_facility"
    reply = _index(client, "admin", "?since=2026-01-01&until=2027-06-01")
    assert reply.status_code == 422 and error_of(reply) == "report_range_too_long"
    empty = _index(client, "dinkes", "?office=" + "nope-office").get_json()
    assert empty["error"]["code"] == "office_not_found"


def _survey_tag(html: str) -> str | None:
    start = html.find('<section class="card survey" id="survey"')
    return None if start < 0 else html[start:html.index(">", start) + 1]


@pytest.mark.sqlite_only("the page reads through the use cases tested above on both")
def test_the_ticket_page_offers_the_survey_once_the_visit_is_over(
        client: Any, kiosk: Api, staff: Api) -> None:
    code = str(kiosk.ticket()["code"])
    waiting = _survey_tag(client.get(f"/t/{code}").get_data(as_text=True))
    assert waiting is not None and " hidden" in waiting  # the live page shows it later
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "finish")
    html = client.get(f"/t/{code}").get_data(as_text=True)
    over = _survey_tag(html)
    assert over is not None and " hidden" not in over and f'data-code="{code}"' in over
    assert "Survei Kepuasan Masyarakat" in html and "Sangat sopan dan ramah" in html
    assert 'id="number"' in html  # the ticket page itself is unchanged
    assert send(client, "visit", code).status_code == 201
    assert _survey_tag(client.get(f"/t/{code}").get_data(as_text=True)) is None
