"""Each /api/v1 route: the happy path, a wrong or missing token, a bad body, a bad move."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, login
from tests.support import factories, sites

OTHER = sites.other()


@pytest.fixture
def other_facility(engine: Any) -> None:
    OTHER.load(engine)


def error_of(reply: Any) -> str:
    body = reply.get_json()
    assert set(body) == {"error"} and body["error"]["message"], body
    return body["error"]["code"]


# --- public reads ---------------------------------------------------------------------

def test_facilities_lists_the_demo_puskesmas(client: Any) -> None:
    reply = client.get("/api/v1/facilities")
    assert reply.status_code == 200
    assert {"code": "pkm-demo", "name": "Puskesmas Demo", "timezone": "Asia/Jakarta",
            "tz_label": "WIB"} in reply.get_json()


def test_services_show_hours_quota_and_queue_figures(client: Any, kiosk: Api) -> None:
    kiosk.ticket("umum")
    reply = client.get("/api/v1/facilities/pkm-demo/services?date=2026-11-24")
    assert reply.status_code == 200
    services = {s["code"]: s for s in reply.get_json()}
    assert list(services) == ["pendaftaran", "umum", "gigi", "kia", "lab", "apotek"]
    umum = services["umum"]
    assert umum["prefix"] == "B" and umum["open_now"] is True
    assert umum["quota_left"] == 50 and isinstance(umum["quota_left"], int)
    assert umum["waiting"] == 1 and umum["estimated_wait_minutes"] == 8


def test_services_of_an_unknown_facility_is_404(client: Any) -> None:
    reply = client.get("/api/v1/facilities/nope/services")
    assert reply.status_code == 404 and error_of(reply) == "facility_not_found"


def test_services_for_a_past_or_malformed_date_is_refused(client: Any) -> None:
    assert error_of(client.get("/api/v1/facilities/pkm-demo/services?date=2026-11-22")) == (
        "date_in_past")
    reply = client.get("/api/v1/facilities/pkm-demo/services?date=besok")
    assert reply.status_code == 422 and error_of(reply) == "invalid_body"


def test_board_shows_calls_without_personal_data(client: Any, kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    board = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    loket = next(c for c in board["counters"] if c["code"] == "loket-1")
    assert loket["ticket"] == {"number": "A-001", "service": "pendaftaran", "status": "called",
                               "date": "2026-11-23"}
    assert board["last_calls"][0]["number"] == "A-001"
    assert board["last_calls"][0]["counter"]["name"] == "Loket 1"
    assert not {"patient", "nik", "bpjs_number", "phone"} & all_keys(board)


def all_keys(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in all_keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in all_keys(v)}
    return set()


def test_board_of_unknown_facility_is_404(client: Any) -> None:
    assert client.get("/api/v1/facilities/nope/board").status_code == 404


def test_healthz_answers_when_the_database_does(client: Any) -> None:
    reply = client.get("/healthz")
    assert reply.status_code == 200 and reply.get_json()["database"] == "ok"


# --- auth -----------------------------------------------------------------------------

def test_login_gives_a_bearer_token_and_a_session_cookie(client: Any) -> None:
    reply = client.post("/api/v1/auth/login", json={"username": "petugas", "password": "demo"})
    assert reply.status_code == 200
    assert len(reply.get_json()["token"]) >= 32
    cookie = reply.headers["Set-Cookie"]
    assert "session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("body", [{"username": "petugas", "password": "salah"},
                                  {"username": "siapa", "password": "demo"}])
def test_a_wrong_password_or_user_is_401(client: Any, body: dict[str, str]) -> None:
    reply = client.post("/api/v1/auth/login", json=body)
    assert reply.status_code == 401 and error_of(reply) == "invalid_credentials"


def test_login_without_a_password_is_422(client: Any) -> None:
    reply = client.post("/api/v1/auth/login", json={"username": "petugas"})
    assert reply.status_code == 422 and "password" in reply.get_json()["error"]["fields"]


def test_logout_ends_the_token_at_once(client: Any, kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    assert staff.post("/api/v1/auth/logout").status_code == 204
    reply = staff.act("loket-1", "call-next")
    assert reply.status_code == 401 and error_of(reply) == "session_expired"


def test_messages_follow_the_accept_language(client: Any) -> None:
    reply = client.post("/api/v1/auth/login", json={"username": "x", "password": "y"},
                        headers={"Accept-Language": "en"})
    assert reply.get_json()["error"]["message"] == "Wrong username or password."
    reply = client.post("/api/v1/auth/login", json={"username": "x", "password": "y"})
    assert reply.get_json()["error"]["message"] == "Nama pengguna atau kata sandi salah."


# --- kiosk ----------------------------------------------------------------------------

def test_a_kiosk_ticket_carries_number_code_people_ahead_and_estimate(kiosk: Api) -> None:
    first = kiosk.ticket()
    second = kiosk.ticket()
    assert (first["number"], second["number"]) == ("A-001", "A-002")
    assert second["people_ahead"] == 1
    assert second["estimated_call_at"].endswith("+07:00")
    assert len(second["code"]) == 10 and second["ticket_url"] == f"/t/{second['code']}"
    assert "patient" not in second


@pytest.mark.parametrize(("token", "status", "code"), [
    (None, 401, "unauthorized"), ("nonsense", 401, "invalid_token"),
    ("demo-display", 403, "forbidden"),
])
def test_kiosk_tickets_need_a_kiosk_token(client: Any, token: str | None, status: int,
                                          code: str) -> None:
    reply = Api(client, token).post("/api/v1/kiosk/tickets", {"service": "pendaftaran"})
    assert reply.status_code == status and error_of(reply) == code


@pytest.mark.parametrize(("body", "code"), [
    ({}, "invalid_body"), ({"service": "umum", "priority": "vip"}, "invalid_body"),
    ({"service": "umum", "extra": 1}, "invalid_body"), ({"service": 12}, "invalid_body"),
])
def test_a_bad_kiosk_body_is_422_with_the_field(kiosk: Api, body: dict, code: str) -> None:
    reply = kiosk.post("/api/v1/kiosk/tickets", body)
    assert reply.status_code == 422 and error_of(reply) == code
    assert reply.get_json()["error"]["fields"]


def test_a_body_that_is_not_json_is_400(kiosk: Api) -> None:
    reply = kiosk.client.post("/api/v1/kiosk/tickets", data="{bad",
                              headers={**kiosk.headers(), "Content-Type": "application/json"})
    assert reply.status_code == 400 and error_of(reply) == "invalid_json"


def test_an_unknown_service_is_404(kiosk: Api) -> None:
    reply = kiosk.post("/api/v1/kiosk/tickets", {"service": "bedah"})
    assert reply.status_code == 404 and error_of(reply) == "service_not_found"


def test_a_kiosk_issues_only_at_its_own_facility(client: Any, other_facility: None) -> None:
    ticket = Api(client, OTHER.token("kiosk-lain")).ticket()
    assert ticket["facility"]["code"] == OTHER.code and ticket["number"] == "A-001"


def test_a_closed_service_refuses_walk_ins(client: Any, other_facility: None) -> None:
    kiosk = Api(client, OTHER.token("kiosk-lain"))
    reply = kiosk.post("/api/v1/kiosk/tickets", {"service": "tutup"})
    assert reply.status_code == 409 and error_of(reply) == "service_closed"


def test_the_walk_in_limit_is_kept_and_gives_the_number_back(client: Any,
                                                             other_facility: None) -> None:
    kiosk = Api(client, OTHER.token("kiosk-lain"))
    assert [kiosk.ticket("sedikit")["number"] for _ in range(2)] == ["S-001", "S-002"]
    reply = kiosk.post("/api/v1/kiosk/tickets", {"service": "sedikit"})
    assert reply.status_code == 409 and error_of(reply) == "walkin_full"
    services = client.get(f"/api/v1/facilities/{OTHER.code}/services").get_json()
    assert next(s for s in services if s["code"] == "sedikit")["walkin_left"] == 0


def test_staff_can_issue_a_ticket_by_hand_for_their_facility(staff: Api) -> None:
    reply = staff.post("/api/v1/kiosk/tickets?facility=pkm-demo", {"service": "gigi"})
    assert reply.status_code == 201 and reply.get_json()["number"] == "C-001"
    reply = staff.post("/api/v1/kiosk/tickets", {"service": "gigi"})
    assert reply.status_code == 422 and error_of(reply) == "facility_required"


# --- counters -------------------------------------------------------------------------

def test_call_next_calls_the_first_waiting_patient(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    reply = staff.act("loket-1", "call-next")
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["number"] == "A-001" and body["status"] == "called"
    assert body["counter"] == {"code": "loket-1", "name": "Loket 1"}


def test_call_next_on_an_empty_queue_is_404_queue_empty(staff: Api) -> None:
    reply = staff.act("loket-1", "call-next")
    assert reply.status_code == 404 and error_of(reply) == "queue_empty"


def test_call_next_finishes_the_patient_the_counter_still_holds(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-002"
    board = staff.get("/api/v1/facilities/pkm-demo/services").get_json()
    assert board[0]["waiting"] == 0


def test_an_empty_queue_leaves_the_current_patient_at_the_counter(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    assert staff.act("loket-1", "call-next").status_code == 404
    assert staff.act("loket-1", "recall").get_json()["number"] == "A-001"


def test_recall_start_finish_walk_a_patient_through(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    recalled = staff.act("loket-1", "recall").get_json()
    assert recalled["status"] == "called" and recalled["recalls"] == 1
    assert staff.act("loket-1", "start").get_json()["status"] == "serving"
    assert staff.act("loket-1", "finish").get_json()["status"] == "done"


@pytest.mark.parametrize("action", ["recall", "start", "skip", "finish"])
def test_acting_with_nobody_at_the_counter_is_409(staff: Api, action: str) -> None:
    reply = staff.act("loket-1", action)
    assert reply.status_code == 409 and error_of(reply) == "no_current_ticket"


def test_an_invalid_transition_is_409_with_a_clear_message(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "start")
    reply = staff.act("loket-1", "skip")
    assert reply.status_code == 409 and error_of(reply) == "invalid_transition"
    assert "A-001" in reply.get_json()["error"]["message"]


def test_a_skipped_patient_can_be_requeued_and_called_again(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    assert staff.act("loket-1", "skip").get_json()["status"] == "no_show"
    back = staff.act("loket-1", "requeue", {"number": "A-001"}).get_json()
    assert back["status"] == "waiting" and back["counter"] is None
    # They already waited their turn: they are next, before A-002.
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-001"


def test_requeue_of_an_unknown_no_show_is_404(staff: Api) -> None:
    reply = staff.act("loket-1", "requeue", {"number": "A-999"})
    assert reply.status_code == 404 and error_of(reply) == "ticket_not_found"


def test_finish_with_transfer_to_an_unknown_service_is_404_and_changes_nothing(
    kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    reply = staff.act("loket-1", "finish", {"transfer_to": "bedah"})
    assert reply.status_code == 404 and error_of(reply) == "service_not_found"
    assert staff.act("loket-1", "recall").get_json()["status"] == "called"


def test_finish_with_a_bad_body_is_422(kiosk: Api, staff: Api) -> None:
    reply = staff.act("loket-1", "finish", {"transfer_to": 5})
    assert reply.status_code == 422 and error_of(reply) == "invalid_body"


def test_a_paused_counter_refuses_to_call_until_resumed(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    paused = staff.act("loket-1", "pause").get_json()
    assert paused["paused"] is True and paused["code"] == "loket-1"
    reply = staff.act("loket-1", "call-next")
    assert reply.status_code == 409 and error_of(reply) == "counter_paused"
    assert staff.act("loket-1", "resume").get_json()["paused"] is False
    assert staff.act("loket-1", "call-next").status_code == 200


@pytest.mark.parametrize("action", ["call-next", "recall", "start", "skip", "finish", "requeue",
                                    "pause", "resume"])
def test_counter_routes_need_a_staff_token(client: Any, action: str) -> None:
    assert Api(client).act("loket-1", action).status_code == 401
    assert Api(client, "wrong").act("loket-1", action).status_code == 401
    reply = Api(client, "demo-kiosk").act("loket-1", action)
    assert reply.status_code == 403 and error_of(reply) == "forbidden"


def test_an_operator_cannot_act_at_another_facility(client: Any, other_facility: None) -> None:
    other = Api(client, login(client, OTHER.username("petugas"), factories.PASSWORD))
    reply = other.act("loket-1", "call-next?facility=pkm-demo")
    assert reply.status_code == 403 and error_of(reply) == "wrong_facility"
    # Without a facility, "loket-1" means the operator's own loket.
    assert error_of(other.act("loket-1", "call-next")) == "queue_empty"


def test_an_admin_names_the_facility_when_a_counter_code_is_ambiguous(
    admin: Api, kiosk: Api, other_facility: None
) -> None:
    kiosk.ticket()
    reply = admin.act("loket-1", "call-next")
    assert reply.status_code == 422 and error_of(reply) == "facility_required"
    assert admin.act("loket-1", "call-next?facility=pkm-demo").get_json()["number"] == "A-001"


def test_an_unknown_counter_is_404(staff: Api) -> None:
    reply = staff.act("loket-9", "call-next")
    assert reply.status_code == 404 and error_of(reply) == "counter_not_found"


def test_unknown_routes_and_methods_use_the_error_shape(client: Any) -> None:
    assert error_of(client.get("/api/v1/nothing")) == "not_found"
    reply = client.get("/api/v1/kiosk/tickets")
    assert reply.status_code == 405 and error_of(reply) == "method_not_allowed"


def test_the_openapi_document_lists_the_routes(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/kiosk/tickets", "/api/v1/counters/{counter}/call-next",
                 "/api/v1/counters/{counter}/finish", "/api/v1/facilities/{facility}/board",
                 "/api/v1/auth/login"):
        assert path in paths


def test_only_staff_of_the_facility_set_the_running_text(app: Any, client: Any, kiosk: Api,
                                                        staff: Api, other_facility: None) -> None:
    path = "/api/v1/facilities/pkm-demo/running-text"
    body = {"running_text": "  Antrean   lancar  "}
    fresh = app.test_client()  # no session cookie: only the bearer token counts
    assert fresh.put(path, json=body).status_code == 401
    assert fresh.put(path, json=body, headers=kiosk.headers()).status_code == 403
    other = login(app.test_client(), OTHER.username("petugas"), factories.PASSWORD)
    assert fresh.put(path, json=body,
                     headers={"Authorization": f"Bearer {other}"}).status_code == 403
    reply = client.put(path, json=body, headers=staff.headers())
    assert reply.status_code == 200 and reply.get_json()["running_text"] == "Antrean lancar"
    board = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    assert board["facility"]["running_text"] == "Antrean lancar"
    too_long = client.put(path, json={"running_text": "x" * 501}, headers=staff.headers())
    assert too_long.status_code == 422
