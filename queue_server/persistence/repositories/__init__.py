"""Repositories by aggregate, in SQL that runs on SQLite and PostgreSQL; the Unit of Work
(`persistence/uow.py`) makes one of each per transaction."""

from .bookings import Bookings, Holds, Patients
from .call_reads import CallReads
from .configuration import CityClosures, Configuration
from .day_closes import DayCloses, ServiceDay
from .directory import Directory
from .idempotency import IdempotencyKeys
from .notifications import Notifications
from .queue import Tickets
from .security import Security
from .staff import Staff

__all__ = ["Bookings", "CallReads", "CityClosures", "Configuration", "DayCloses", "Directory",
           "Holds", "IdempotencyKeys", "Notifications", "Patients", "Security",
           "ServiceDay", "Staff", "Tickets"]
