"""Puskesmas shapes that more than one test file needs (a Bali one, a day-time one, one
with closed dates), built from the factories.

Each call builds a new facility with codes, usernames and tokens of its own, so two files
that use the same shape never share, or change, each other's rows in the session
database; a file builds its sites once, at import, and loads them in its own fixtures.
"""

from __future__ import annotations

from collections.abc import Iterable

from tests.support.factories import Site, counter, device, facility, service


def bali(users: Iterable[str] = ()) -> Site:
    """A 24-hour puskesmas in Kuta (WITA, Asia/Makassar): service `umum` (B, 5 minutes a
    patient) at counter `ruang-1` ("Ruang 1"), kiosk `kiosk-kuta`; `users` as in
    `factories.facility`."""
    return facility(
        "pkm-bali", name="Puskesmas Kuta", timezone="Asia/Makassar",
        services=[service("umum", "B", "Poli Umum", hours="24h", avg_minutes=5)],
        counters=[counter("ruang-1", ["umum"], name="Ruang 1")],
        devices=[device("kiosk", "kiosk-kuta", name="Kiosk Kuta")], users=users)


def siang() -> Site:
    """A day-time puskesmas (07:30-14:30 on weekdays): service `umum` (B, 10 bookings a
    day) at counters `ruang-1` and `ruang-2`, and one operator, `username("petugas")`."""
    return facility(
        "pkm-siang", name="Puskesmas Siang",
        services=[service("umum", "B", "Poli Umum", booking_quota=10,
                          hours={"weekdays": "07:30-14:30"})],
        counters=[counter("ruang-1", ["umum"], name="Ruang 1"),
                  counter("ruang-2", ["umum"], name="Ruang 2")],
        users=["petugas"])


def calendar() -> Site:
    """A puskesmas with closed dates: the facility shut on 25 November 2026 (fogging);
    `umum` (B) 07:30-14:30 on weekdays, 08:00-12:00 on Saturday, 07:30-11:00 on
    24 November and shut on 27 November; `gigi` (C, booking cutoff 11:00) shut on
    26 November; `ugd` (U) around the clock, holidays too; counter `ruang-1`, kiosk
    `kiosk-kal`."""
    return facility(
        "pkm-kalender", name="Puskesmas Kalender",
        closed_dates=[{"date": "2026-11-25", "reason": "Fogging gedung"}],
        services=[
            service("umum", "B", "Poli Umum", booking_quota=20, avg_minutes=6,
                    hours={"weekdays": "07:30-14:30", "sat": "08:00-12:00",
                           "2026-11-24": "07:30-11:00", "2026-11-27": "closed"}),
            service("gigi", "C", "Poli Gigi", booking_quota=20,
                    hours={"weekdays": "07:30-14:30"}, booking_cutoff="11:00",
                    closed_dates=[{"date": "2026-11-26",
                                   "reason": "Dokter gigi pelatihan"}]),
            service("ugd", "U", "UGD", booking_quota=20, hours="24h",
                    open_on_holidays=True)],
        counters=[counter("ruang-1", ["umum", "gigi", "ugd"])],
        devices=[device("kiosk", "kiosk-kal", name="Kiosk Kalender")])


def other() -> Site:
    """A second puskesmas beside the demo: `pendaftaran` (A), `tutup` (T, never open),
    `sedikit` (S, two walk-ins a day); counter `loket-1`; kiosk `kiosk-lain`, display
    `tv`; one operator, `username("petugas")`."""
    return facility(
        "pkm-lain", name="Puskesmas Lain",
        services=[service("pendaftaran", "A", "Pendaftaran"),
                  service("tutup", "T", "Poli Tutup", hours={}),
                  service("sedikit", "S", "Poli Kecil", walkin_limit=2)],
        counters=[counter("loket-1", ["pendaftaran"])],
        devices=[device("kiosk", "kiosk-lain"), device("display", "tv")], users=["petugas"])


def hourly() -> Site:
    """A puskesmas with opening hours: `umum` (B) 07:30-14:30 on weekdays and 08:00-12:00
    on Saturday, `ugd` (U) around the clock, `tutup` (T) never open; counter `ruang-1`
    serving umum and ugd; kiosk `kiosk-jam`."""
    return facility(
        "pkm-jam", name="Puskesmas Berjam",
        services=[service("umum", "B", "Poli Umum",
                          hours={"weekdays": "07:30-14:30", "sat": "08:00-12:00"}),
                  service("ugd", "U", "UGD", hours="24h"),
                  service("tutup", "T", "Poli Tutup", hours={})],
        counters=[counter("ruang-1", ["umum", "ugd"])],
        devices=[device("kiosk", "kiosk-jam", name="Kiosk Jam")])
