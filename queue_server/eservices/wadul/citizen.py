"""What e-Wadul asks of and tells the citizen, in plain Python: a citizen filing by
themself says who they are (NIK and phone), which phones may hear of their complaint,
and the citizen's actions spent (a rating is given once)."""

from __future__ import annotations

from queue_server.domain.errors import InvalidInput, Words

from .domain import DESK_CHANNELS

# Channels a citizen files by themself: they must say who they are (NIK and phone).
CITIZEN_CHANNELS = ("web", "api")


class IdentityRequired(InvalidInput):
    """A citizen's own complaint without NIK or phone (422); `details.fields` says, per
    missing field, what to give (the shape of every 422's per-field messages)."""

    code = "identity_required"
    text_id = ("Isi {missing}: pengaduan warga memerlukan NIK dan nomor HP (nama boleh "
               "kosong). Identitas tidak pernah ditampilkan di publik.")
    text_en = ("Give {missing}: a citizen's complaint needs the NIK and a phone number (the "
               "name may be left out). The identity is never shown in public.")

    def __init__(self, missing: list[str]):
        said = {"nik": Words("NIK (16 angka)", "the NIK (16 digits)"),
                "phone": Words("nomor HP", "the phone number")}
        words = [said[name] for name in missing]
        super().__init__(missing=Words(" dan ".join(w.id for w in words),
                                       " and ".join(w.en for w in words)))
        self.details = {"fields": {name: [f"Wajib diisi: {said[name].id}."]
                                   for name in missing}}


def check_identity_given(channel: str, nik: str | None, phone: str | None) -> None:
    """A citizen filing by themself (CITIZEN_CHANNELS) gives NIK and phone; the Media
    Center's entries on someone's behalf and Open311 (its API key vouches for the app)
    may leave them out. Complaints filed under someone else's NIK are a known abuse
    (ESERVICES.md: Surabaya's WargaKu), hence the phone, checked by a code when a
    gateway is on. Raises IdentityRequired (422)."""
    if channel not in CITIZEN_CHANNELS:
        return
    missing = [name for name, value in (("nik", nik), ("phone", phone))
               if not (value or "").strip()]
    if missing:
        raise IdentityRequired(missing)


def phone_trusted(channel: str) -> bool:
    """Whether the phone a complaint came with may be sent messages about it: a
    citizen's own filing (its phone proven by a code when a gateway is on) or the Media
    Center's entry (taken from the citizen's own call or message); not Open311's, whose
    app the phone was typed into unchecked."""
    return channel in CITIZEN_CHANNELS or channel in DESK_CHANNELS


def spent_actions(rating: int | None) -> frozenset[str]:
    """The citizen's actions no longer offered although the workflow allows them from the
    state: `rate` once a rating is given (given once: check_rating)."""
    return frozenset({"rate"}) if rating is not None else frozenset()
