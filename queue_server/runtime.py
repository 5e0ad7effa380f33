"""What a running app holds: the engine, the clock and the notifier, and UoW factories."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine

from .persistence.uow import NullNotifier, SqlUnitOfWork
from .services import booking_groups
from .services.auth import DeviceTokens
from .services.cache import MemoryCache
from .services.config_watch import ConfigWatch
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
    # Forgets the cache within a second of a configuration change made by another process.
    watch: ConfigWatch = field(default_factory=ConfigWatch)

    # Phone bookings decided in groups (services/booking_groups.py), made at first use.
    _together: booking_groups.Together | None = None

    def booking_groups(self, most: int) -> booking_groups.Together | None:
        """This process's combiner of bookings, deciding at most `most` together; None
        where bookings are decided alone (SQLite, whose writers run one at a time, or
        `most` below 2)."""
        if self.engine.dialect.name != "postgresql" or most < 2:
            return None
        if self._together is None or self._together.most != most:
            self._together = booking_groups.Together(
                lambda group: booking_groups.decide(self.uow(), self.clock, group), most)
        return self._together

    def uow(self, write: bool = True) -> SqlUnitOfWork:
        """A unit of work carrying this process's cache, forgotten first if another
        process changed the configuration (services/config_watch.py)."""
        self.watch.check(self._reader, self.cache)
        return SqlUnitOfWork(self.engine, self.notifier, write=write, cache=self.cache)

    def _reader(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, write=False)

    @property
    def devices(self) -> DeviceTokens:
        """The device tokens this process has vouched for (`digest in rt.devices`)."""
        return DeviceTokens(self.cache)


def current() -> Runtime:
    return current_app.extensions["antrian"]
