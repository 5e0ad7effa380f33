"""Each service's queue days now: the domain's rule (domain/dayend.py) applied to the
services a query or a counter looks at."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from ..domain.dayend import queue_days
from ..domain.numbering import service_day
from .port_rows import CounterRow, ServiceRow


def service_days(service: ServiceRow, now: datetime) -> tuple[date, ...]:
    """The days whose tickets `service` still calls at `now` (today first): today, and
    yesterday too for a 24-hour service."""
    return queue_days(service.hours, service_day(now, service.facility.timezone))


def days_by_service(services: Iterable[ServiceRow], now: datetime) -> dict[int, tuple[date, ...]]:
    """Service id → its queue days, for a query over several services."""
    return {service.id: service_days(service, now) for service in services}


def counter_days(counter: CounterRow, now: datetime) -> dict[int, tuple[date, ...]]:
    """The queue days of every service a counter serves, by service id."""
    return days_by_service((link.service for link in counter.links), now)
