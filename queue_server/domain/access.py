"""Who may do what: a login, a token, a role, a facility; and what a live connection
must say it watches."""

from __future__ import annotations

from .errors import Forbidden, InvalidInput, Unauthorized, Words

STAFF = Words("petugas", "staff")


def device_role(role: str) -> Words:
    """A device of `role` (kiosk, display) in words, for RoleRequired."""
    return Words(f"perangkat {role}", f"a {role} device")


class LoginRequired(Unauthorized):
    """No bearer token (nor console session) came with a request that needs one."""

    text_id = "Perlu login: kirim header Authorization: Bearer <token>."
    text_en = "Login required: send an Authorization: Bearer <token> header."


class InvalidToken(Unauthorized):
    """A bearer token no staff login or device has. Counted against the address as a
    guess (queue_server/edge/token_guard.py)."""

    code = "invalid_token"
    text_id = "Token tidak dikenal."
    text_en = "Unknown token."


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"
    text_id = "Nama pengguna atau kata sandi salah."
    text_en = "Wrong username or password."


class RoleRequired(Forbidden):
    """The caller is not of the kind the action needs (staff, a kiosk device …)."""

    text_id = "Hanya {who} yang boleh melakukan ini."
    text_en = "Only {who} may do this."

    def __init__(self, who: Words):
        super().__init__(who=who)


class KioskHeartbeatOnly(Forbidden):
    """Anything but a kiosk sent the kiosk heartbeat (a TV board heartbeats over its
    socket)."""

    text_id = ("Hanya kiosk yang mengirim heartbeat ke alamat ini; layar TV mengirimnya lewat "
               "sambungan papannya.")
    text_en = ("Only a kiosk sends heartbeats here; a TV board sends them over its board "
               "connection.")


class NotADeviceBoard(Forbidden):
    """A socket heartbeat from anything but a board opened with a display token."""

    code = "not_a_device"
    text_id = "Hanya papan yang dibuka dengan token layar yang mengirim heartbeat."
    text_en = "Only a board opened with a display token sends heartbeats."


class NotABoard(Forbidden):
    """A board's or patient page's question (where the facility's events stand) from
    another client (a staff console)."""

    code = "not_a_board"
    text_id = "Hanya papan antrean dan halaman tiket pasien yang menanyakan posisi peristiwa."
    text_en = "Only a queue board or a patient's ticket page asks where the events stand."


class AdminOnly(Forbidden):
    code = "admin_only"
    text_id = "Hanya admin yang boleh melakukan ini."
    text_en = "Only an admin may do this."


class ReportsForbidden(Forbidden):
    """A role that does not read reports (an operator, a device)."""

    code = "reports_forbidden"
    text_id = "Laporan hanya untuk admin, admin fasilitas dan dinas kesehatan kota."
    text_en = "Reports are for admins, facility admins and the city health office."


class WrongFacility(Forbidden):
    """Staff of one facility acting at another."""

    code = "wrong_facility"
    text_id = "Anda tidak berwenang di fasilitas ini."
    text_en = "You are not authorised for this facility."


class UnknownAudience(InvalidInput):
    """A live connection that names no facility, visit or counter to watch."""

    code = "unknown_audience"
    text_id = "Sebutkan yang diikuti: facility, visit, atau counter (dengan token)."
    text_en = "Say what to watch: facility, visit, or counter (with a token)."
