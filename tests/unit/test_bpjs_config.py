"""BPJS's app config defaults (bpjs/config_load.py): from the environment, off under
TESTING, the demo's own fake BPJS."""

from __future__ import annotations

import pytest

from queue_server.eservices.bpjs.config_load import bpjs_defaults, own_url
from queue_server.settings_read import BadSetting


def test_the_environment_gives_the_base_url_and_credentials() -> None:
    found = bpjs_defaults({}, {"ANTRIAN_BPJS_BASE_URL": "https://bpjs.example/antreanrs/",
                               "ANTRIAN_BPJS_CONS_ID": "1234", "ANTRIAN_BPJS_SECRET": "s",
                               "ANTRIAN_BPJS_USER_KEY": "k",
                               "ANTRIAN_BPJS_TOKEN_MINUTES": "30"})
    assert found["BPJS_BASE_URL"] == "https://bpjs.example/antreanrs"
    assert (found["BPJS_CONS_ID"], found["BPJS_SECRET"], found["BPJS_USER_KEY"]) == (
        "1234", "s", "k")
    assert (found["BPJS_SEND_SECONDS"], found["BPJS_TOKEN_MINUTES"], found["BPJS_FAKE"]) == (
        5, 30, False)


def test_under_testing_the_outbox_loop_is_off_unless_set() -> None:
    assert bpjs_defaults({"TESTING": True}, {})["BPJS_SEND_SECONDS"] == 0
    assert bpjs_defaults({"TESTING": True}, {"ANTRIAN_BPJS_SEND_SECONDS": "2"}
                         )["BPJS_SEND_SECONDS"] == 2
    assert bpjs_defaults({}, {"ANTRIAN_BPJS_SEND_SECONDS": "0.5"})["BPJS_SEND_SECONDS"] == 0.5
    assert bpjs_defaults({}, {})["BPJS_RETRY_FIRST_SECONDS"] == 10
    assert bpjs_defaults({}, {"ANTRIAN_BPJS_RETRY_FIRST_SECONDS": "60"}
                         )["BPJS_RETRY_FIRST_SECONDS"] == 60
    assert bpjs_defaults({}, {"ANTRIAN_BPJS_SEND_SECONDS": "0"})["BPJS_SEND_SECONDS"] == 0


@pytest.mark.parametrize(("name", "raw"), [
    ("ANTRIAN_BPJS_SEND_SECONDS", "x"), ("ANTRIAN_BPJS_SEND_SECONDS", "-1"),
    ("ANTRIAN_BPJS_SEND_SECONDS", "nan"), ("ANTRIAN_BPJS_SEND_SECONDS", "inf"),
    ("ANTRIAN_BPJS_RETRY_FIRST_SECONDS", "0"), ("ANTRIAN_BPJS_RETRY_FIRST_SECONDS", "soon"),
    ("ANTRIAN_BPJS_TOKEN_MINUTES", "0"), ("ANTRIAN_BPJS_TOKEN_MINUTES", "1.5")])
def test_a_number_the_setting_cannot_take_is_refused_by_name(name: str, raw: str) -> None:
    """It used to become the default without a word (a first retry of 0 s was 10 s)."""
    with pytest.raises(BadSetting) as refused:
        bpjs_defaults({}, {name: raw})
    assert refused.value.name == name and repr(raw) in str(refused.value)


def test_a_demo_sends_to_its_own_fake_unless_a_real_base_is_given() -> None:
    demo = bpjs_defaults({"DEMO": True, "DEMO_ADDRESS": ("127.0.0.1", 5000)}, {})
    assert demo["BPJS_BASE_URL"] == "http://127.0.0.1:5000/_fake-bpjs" and demo["BPJS_FAKE"]
    real = bpjs_defaults({"DEMO": True, "DEMO_ADDRESS": ("127.0.0.1", 5000)},
                         {"ANTRIAN_BPJS_BASE_URL": "https://bpjs.example"})
    assert real["BPJS_BASE_URL"] == "https://bpjs.example" and not real["BPJS_FAKE"]
    assert own_url(("::", 80)) == "http://127.0.0.1:80"
    assert own_url(("fe80::1", 80)) == "http://[fe80::1]:80" and own_url(None) is None
