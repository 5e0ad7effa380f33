"""What a running app holds: the engine, the clock and the notifier, and UoW factories."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine

from .persistence.uow import NullNotifier, SqlUnitOfWork
from .services.auth import DeviceTokens
from .services.cache import MemoryCache
from .services.ports import Clock, Notifier, SystemClock

# Checked explicitly where a request relies on the session cookie (pages, cookie-authed API
# calls); bearer-token clients carry no ambient credential and need no CSRF token.
csrf = CSRFProtect()


@dataclass
class Runtime:
    engine: Engine
    clock: Clock = field(default_factory=SystemClock)
    notifier: Notifier = field(default_factory=NullNotifier)
    # Patients with this many people ahead get a "nearly your turn" message (None: off).
    notify_at: int | None = None
    # The process's cache (services/cache.py): catalogue, paces, who tokens belong to.
    # Held here; each unit of work carries a reference for its use cases.
    cache: MemoryCache = field(default_factory=MemoryCache)

    def uow(self, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.notifier, write=write, cache=self.cache)

    @property
    def devices(self) -> DeviceTokens:
        """The device tokens this process has vouched for (`digest in rt.devices`)."""
        return DeviceTokens(self.cache)


def current() -> Runtime:
    return current_app.extensions["antrian"]
