"""What a request names that is not there: a facility, service, counter, booking or
ticket code; and a facility that must be named because it cannot be told."""

from __future__ import annotations

from .errors import InvalidInput, NotFound


class FacilityNotFound(NotFound):
    code = "facility_not_found"
    text_id = "Fasilitas '{code}' tidak ada."
    text_en = "No facility '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class ServiceNotFound(NotFound):
    """No active service of that code at the facility."""

    code = "service_not_found"
    text_id = "Layanan '{code}' tidak ada di {facility}."
    text_en = "No service '{code}' at {facility}."

    def __init__(self, code: str, facility: str):
        super().__init__(code=code, facility=facility)


class CounterNotFound(NotFound):
    """No active counter of that code (at the facility named, or the caller's)."""

    code = "counter_not_found"
    text_id = "Loket '{code}' tidak ada."
    text_en = "No counter '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class BookingNotFound(NotFound):
    """No booking (visit) with that code, or not at the facility asked about. Counted
    against the caller as a guess (queue_server/edge/code_guard.py)."""

    code = "booking_not_found"
    text_id = "Kode booking tidak dikenal."
    text_en = "Unknown booking code."


class VisitNotFound(NotFound):
    """No visit with that ticket code (a patient following a ticket). Counted against the
    caller as a guess (queue_server/edge/code_guard.py)."""

    code = "visit_not_found"
    text_id = "Kode tiket tidak dikenal."
    text_en = "Unknown ticket code."


class FacilityRequired(InvalidInput):
    """An admin (who belongs to no facility) called a route that needs one."""

    code = "facility_required"
    text_id = "Sebutkan fasilitasnya: tambahkan ?facility=KODE."
    text_en = "Say which facility: add ?facility=CODE."


class AmbiguousCounter(InvalidInput):
    """A counter code that several facilities use, without the facility."""

    code = "facility_required"
    text_id = "Loket '{code}' ada di beberapa fasilitas; tambahkan ?facility=KODE."
    text_en = "Counter '{code}' exists at several facilities; add ?facility=CODE."

    def __init__(self, code: str):
        super().__init__(code=code)
