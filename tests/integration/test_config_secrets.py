"""Passwords in the configuration: judged weak or not when loaded, or given as a ready
`password_hash`; the start-up check finds demo and weak secrets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text
from werkzeug.security import generate_password_hash

from queue_server.domain.errors import InvalidInput, WeakSecretsInUse
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.secret_check import (
    DEVICE,
    USER,
    WeakSecret,
    find_weak_secrets,
    refuse_weak_secrets,
)
from tests.support import factories

STRONG = "kopi-tubruk-di-loket-3"


def load_users(engine: Engine, *users: dict[str, Any]) -> None:
    factories.load(engine, {"users": [{"role": "admin", **u} for u in users]})


def weak_flag(engine: Engine, username: str) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(text("SELECT weak_password FROM users WHERE username = :u"),
                                 {"u": username}).scalar_one())


def test_a_weak_password_is_flagged_when_loaded_and_a_strong_one_is_not(
        engine: Engine) -> None:
    load_users(engine, {"username": "sec-lemah", "password": "puskesmas123"},
               {"username": "sec-pendek", "password": "k9#Lm2"},
               {"username": "sec-kuat", "password": STRONG})
    assert weak_flag(engine, "sec-lemah") and weak_flag(engine, "sec-pendek")
    assert not weak_flag(engine, "sec-kuat")
    load_users(engine, {"username": "sec-lemah", "password": STRONG})  # changed: unflagged
    assert not weak_flag(engine, "sec-lemah")


def test_a_password_hash_logs_in(engine: Engine, client: Any) -> None:
    load_users(engine, {"username": "sec-hash", "password_hash": generate_password_hash(STRONG)})
    assert not weak_flag(engine, "sec-hash")
    reply = client.post("/api/v1/auth/login", json={"username": "sec-hash", "password": STRONG})
    assert reply.status_code == 200, reply.get_json()


def hashes(engine: Engine, *usernames: str) -> dict[str, str]:
    with engine.connect() as conn:
        return {u: conn.execute(text("SELECT password_hash FROM users WHERE username = :u"),
                                {"u": u}).scalar_one() for u in usernames}


def test_a_file_of_strong_passwords_loaded_again_keeps_the_unchanged_hashes(
        engine: Engine, client: Any) -> None:
    """The checks done ahead, together (services/secret_check.py, passwords_ahead): an
    unchanged password keeps its hash, a changed one gets a new hash that logs in."""
    names = ("sec-kuat-1", "sec-kuat-2", "sec-kuat-3")
    load_users(engine, *({"username": n, "password": STRONG} for n in names))
    first = hashes(engine, *names)
    assert len(set(first.values())) == 3  # each its own salt
    load_users(engine, {"username": names[0], "password": STRONG},
               {"username": names[1], "password": STRONG + "-baru"},
               {"username": names[2], "password": STRONG})
    second = hashes(engine, *names)
    assert second[names[0]] == first[names[0]] and second[names[2]] == first[names[2]]
    assert second[names[1]] != first[names[1]]
    for name, password in ((names[1], STRONG + "-baru"), (names[2], STRONG)):
        reply = client.post("/api/v1/auth/login", json={"username": name, "password": password})
        assert reply.status_code == 200, reply.get_json()


@pytest.mark.parametrize(("entry", "said"), [
    ({"password_hash": "kopi-tubruk-di-loket-3"}, "'password_hash' is not a hash"),
    ({"password_hash": "md5$abcdefgh$" + "0" * 32}, "'password_hash' is not a hash"),
    ({"password_hash": 12345}, "'password_hash' is not a hash"),
    ({"password": STRONG, "password_hash": generate_password_hash(STRONG)}, "not both"),
    ({}, "'password' or 'password_hash' is required"),
])
def test_a_bad_password_entry_is_refused_naming_the_user(engine: Engine, entry: dict[str, Any],
                                                         said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        load_users(engine, {"username": "sec-salah", **entry})
    assert refused.value.code == "invalid_config"
    assert "user sec-salah" in refused.value.message_en and said in refused.value.message_en
    assert "user sec-salah" in refused.value.message


def test_the_demo_users_and_devices_are_found_weak(engine: Engine) -> None:
    found = find_weak_secrets(SqlUnitOfWork(engine))
    assert {WeakSecret(USER, "admin", "weak"), WeakSecret(USER, "petugas", "weak"),
            WeakSecret(DEVICE, "pkm-demo/kiosk-1", "demo_token"),
            WeakSecret(DEVICE, "pkm-demo/display-1", "demo_token")} <= set(found)
    with pytest.raises(WeakSecretsInUse) as refused:
        refuse_weak_secrets(SqlUnitOfWork(engine))
    for words in ("user admin", "device pkm-demo/kiosk-1", "hash-password", "load-config",
                  "ANTRIAN_DEMO=1"):
        assert words in refused.value.message_en
    assert "pengguna admin" in refused.value.message


def set_weak_flag(engine: Engine, username: str, weak: bool) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE users SET weak_password = :w WHERE username = :u"),
                     {"w": weak, "u": username})


@pytest.fixture
def admin_loaded_before_the_flag(engine: Engine) -> Iterator[str]:
    """The demo admin as if loaded before `weak_password` existed (flag off); its flag is
    put back afterwards, so no other test sees the change. Yields the username."""
    was = weak_flag(engine, "admin")
    set_weak_flag(engine, "admin", False)
    yield "admin"
    set_weak_flag(engine, "admin", was)


def test_the_demo_password_is_found_on_a_user_loaded_before_the_flag_existed(
        engine: Engine, admin_loaded_before_the_flag: str) -> None:
    found = find_weak_secrets(SqlUnitOfWork(engine))
    assert WeakSecret(USER, "admin", "demo") in found


def test_an_inactive_user_with_a_weak_password_does_not_stop_the_start(
        engine: Engine) -> None:
    load_users(engine, {"username": "sec-cuti", "password": "rahasia"})
    assert WeakSecret(USER, "sec-cuti", "weak") in find_weak_secrets(SqlUnitOfWork(engine))
    load_users(engine, {"username": "sec-cuti", "password": "rahasia", "active": False})
    assert all(w.name != "sec-cuti" for w in find_weak_secrets(SqlUnitOfWork(engine)))
