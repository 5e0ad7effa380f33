"""A file's slow password work done at once, on threads, before its users are applied."""

from __future__ import annotations

import threading
import types
from typing import Any

import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from queue_server.services import secret_check
from queue_server.services.secret_check import PasswordsAhead, password_fields, passwords_ahead

PW, OTHER = "kopi-tubruk-di-loket-3", "teh-tarik-di-loket-4"
# Cheap hashes for the stored side: what is checked is which answer is kept, not scrypt.
FITTING = generate_password_hash(PW, method="pbkdf2:sha256:1000")
NOT_FITTING = generate_password_hash(OTHER, method="pbkdf2:sha256:1000")


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secret_check.os, "cpu_count", lambda: 2)


def test_each_job_gets_its_check_and_a_new_hash_where_none_fits(
        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: set[str] = set()
    real = secret_check.check_password_hash

    def seen(stored: str, password: str) -> bool:
        threads.add(threading.current_thread().name)
        return real(stored, password)

    monkeypatch.setattr(secret_check, "check_password_hash", seen)
    ahead = passwords_ahead([("ani", PW, FITTING), ("budi", PW, NOT_FITTING),
                             ("citra", OTHER, None), ("dedi", PW, "no-hash-at-all")])
    assert ahead.fits == {(FITTING, PW): True, (NOT_FITTING, PW): False,
                          ("no-hash-at-all", PW): False}
    assert set(ahead.made) == {("budi", PW), ("citra", OTHER), ("dedi", PW)}
    assert check_password_hash(ahead.made[("budi", PW)], PW)
    assert check_password_hash(ahead.made[("citra", OTHER)], OTHER)
    assert ahead.made[("budi", PW)] != ahead.made[("citra", OTHER)]
    assert threads and all(name.startswith("antrian-passwords") for name in threads)


def test_password_fields_takes_what_was_done_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_slow_work(*_: Any) -> Any:
        raise AssertionError("done ahead: must not be done again")

    ahead = PasswordsAhead(fits={(FITTING, PW): True}, made={("budi", PW): "made-ahead"})
    monkeypatch.setattr(secret_check, "check_password_hash", no_slow_work)
    monkeypatch.setattr(secret_check, "hash_password", no_slow_work)
    entry = {"password": PW}
    assert password_fields(entry, "ani", FITTING, ahead) == {"weak_password": False}
    assert password_fields(entry, "budi", None, ahead) == {
        "weak_password": False, "password_hash": "made-ahead"}


def test_without_work_ahead_it_is_done_as_it_comes() -> None:
    fields = password_fields({"password": PW}, "budi", NOT_FITTING, PasswordsAhead())
    assert check_password_hash(str(fields["password_hash"]), PW)
    assert password_fields({"password": PW}, "ani", FITTING) == {"weak_password": False}


def test_nothing_is_done_ahead_on_one_core_or_for_one_job(
        monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [("ani", PW, FITTING), ("budi", PW, None)]
    monkeypatch.setattr(secret_check.os, "cpu_count", lambda: 1)
    assert passwords_ahead(jobs) == PasswordsAhead()
    monkeypatch.setattr(secret_check.os, "cpu_count", lambda: 4)
    assert passwords_ahead(jobs[:1]) == PasswordsAhead()


def test_under_gevent_the_work_goes_to_gevent_s_native_threads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A patched process's threads are greenlets: they would hash in turn, and hold up
    every socket while they do."""
    import gevent.threadpool

    used: list[int] = []
    pool = gevent.threadpool.ThreadPoolExecutor
    made = pool.__init__

    def counted(self: Any, workers: int, *args: Any, **kwargs: Any) -> None:
        used.append(workers)
        made(self, workers, *args, **kwargs)

    patched = types.SimpleNamespace(is_module_patched=lambda name: name == "threading")
    monkeypatch.setitem(secret_check.sys.modules, "gevent.monkey", patched)
    monkeypatch.setattr(pool, "__init__", counted)
    ahead = passwords_ahead([("ani", PW, FITTING), ("budi", PW, NOT_FITTING)])
    assert used == [2]
    assert ahead.fits == {(FITTING, PW): True, (NOT_FITTING, PW): False}
    assert check_password_hash(ahead.made[("budi", PW)], PW)


def test_no_clear_password_in_its_repr() -> None:
    assert PW not in repr(PasswordsAhead(fits={(FITTING, PW): True}, made={("ani", PW): "h"}))
