"""Domain errors by name: each class carries a stable code, a kind (how the API answers
it) and one message per language, a template filled from its constructor's arguments.

A kind of error (`InvalidInput`, `NotFound` …) is declared with `category=True` and is
never raised itself: raise the named class of the situation (`QuotaFull()`,
`DateInPast()`). Every named class is registered, so the API can list every code with
its status and meaning (mobile_api/error_codes.py). Several named classes may share a
code when clients already read one code for related situations (`invalid_nik`: its
length, its province, its birth date); each class still says one thing.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, NamedTuple, TypeVar

from .statuses import said

E = TypeVar("E", bound="DomainError")


class Words(NamedTuple):
    """A value said differently in each language (a status, a date in words): the
    Indonesian template gets `id`, the English one `en`."""

    id: str
    en: str


_NAMED: list[type[DomainError]] = []
_FIELD = re.compile(r"\{(\w+)[!:][^}]*\}")


def _fill(template: str, values: dict[str, Any], english: bool) -> str:
    return template.format(**{k: (v.en if english else v.id) if isinstance(v, Words) else v
                              for k, v in values.items()})


class DomainError(Exception):
    """A rule of the clinic was broken; `kind` tells the API layer how to answer.

    Class attributes: `code` (stable, for clients), `kind` (conflict, invalid,
    not_found, unauthorized, forbidden, rate_limited), `text_id` and `text_en`
    (`str.format` templates over the constructor's keyword values; a `Words` value is
    said in each language) and `meaning` (one line for the error table; the English
    template when empty). Instances carry `message`, `message_en` and `details` (extra
    fields of the JSON answer)."""

    kind: ClassVar[str] = "conflict"
    code: ClassVar[str] = "conflict"
    text_id: ClassVar[str] = "Permintaan ini bentrok dengan keadaan sekarang."
    text_en: ClassVar[str] = "The request conflicts with the current state."
    meaning: ClassVar[str] = ""
    category: ClassVar[bool] = True

    def __init_subclass__(cls, category: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.category = category
        if not category:
            _NAMED.append(cls)

    def __init__(self, **values: Any) -> None:
        if type(self).category:
            raise TypeError(f"{type(self).__name__} is a kind of error: raise a named one "
                            "(see queue_server/domain/errors.py)")
        self.values = values
        self.message = _fill(self.text_id, values, english=False)
        self.message_en = _fill(self.text_en, values, english=True)
        super().__init__(self.message_en)
        # Extra fields the error answer carries next to code and message.
        self.details: dict[str, Any] = {}

    def at(self: E, where: str) -> E:
        """This error said of a place in a file (`pkm-demo service umum hours`): both
        messages start with `where: `. Returns the error itself, to raise."""
        self.message, self.message_en = f"{where}: {self.message}", f"{where}: {self.message_en}"
        self.args = (self.message_en,)
        return self

    @classmethod
    def describe(cls) -> str:
        """What the code means, in one line of English (for the error table): `meaning`,
        else the English template with its fields bare (`{on}`, not `{on:%Y-%m-%d}`)."""
        return cls.meaning or _FIELD.sub(r"{\1}", cls.text_en)


def named_errors() -> list[type[DomainError]]:
    """Every named (raisable) error class imported so far, by code then name."""
    return sorted(_NAMED, key=lambda cls: (cls.code, cls.__name__))


class InvalidInput(DomainError, category=True):
    kind = "invalid"
    code = "invalid_input"


class NotFound(DomainError, category=True):
    kind = "not_found"
    code = "not_found"


class Unauthorized(DomainError, category=True):
    kind = "unauthorized"
    code = "unauthorized"


class Forbidden(DomainError, category=True):
    kind = "forbidden"
    code = "forbidden"


class InvalidTransition(DomainError):
    """A ticket's status does not allow the action (domain/tickets.py says the words)."""

    code = "invalid_transition"
    text_id = "{ticket} {status}, tidak bisa {action}."
    text_en = "{ticket} is {status}; it cannot {action}."

    def __init__(self, number: str, status: Words, action: Words):
        label = f" {number}" if number else ""
        super().__init__(ticket=Words("Tiket" + label, "Ticket" + label), status=status,
                         action=action)


class QueueEmpty(NotFound):
    """Call next at a counter whose services have nobody waiting."""

    code = "queue_empty"
    text_id = "Tidak ada pasien menunggu untuk {counter}."
    text_en = "Nobody is waiting for {counter}."

    def __init__(self, counter: str):
        super().__init__(counter=counter)


class WeakPassword(InvalidInput):
    """A password too easy to guess for a real deployment (domain/credentials.py)."""

    code = "weak_password"
    text_id = ("Kata sandi ini lemah ({reason}). Pakai minimal {least} karakter yang tidak "
               "mudah ditebak.")
    text_en = ("This password is weak ({reason}). Use at least {least} characters that are "
               "not easy to guess.")

    def __init__(self, reason: Words, least: int):
        super().__init__(reason=reason, least=least)


class WeakSecretsInUse(DomainError):
    """Outside a demo, an active user or device still has a demo or well-known secret:
    the server does not start. `found` lists them as (kind, name, reason) triples."""

    code = "weak_secrets"
    meaning = ("Not starting: demo or weak passwords or tokens are still active (listed, "
               "with how to fix them).")
    text_id = (
        "Server tidak dijalankan: kata sandi atau token demo/lemah masih aktif:\n"
        "{listing}\n"
        "Cara memperbaiki, di berkas konfigurasi:\n"
        "  1. setiap pengguna: kata sandi kuat (minimal {least} karakter, bukan kata umum, "
        "bukan nama pengguna), sebaiknya `password_hash:` buatan "
        "`python -m queue_server hash-password --username NAMA`;\n"
        "  2. setiap perangkat: token acak yang panjang (minimal {least_token} karakter), "
        "misalnya dari {token_command};\n"
        "  3. atau `active: false` untuk akun/perangkat yang tidak dipakai;\n"
        "  4. lalu `python -m queue_server load-config BERKAS` dan jalankan lagi.\n"
        "Demo yang disengaja: `serve --demo`, atau ANTRIAN_DEMO=1 untuk gunicorn.")
    text_en = (
        "Not starting: demo or weak passwords or tokens are still active:\n"
        "{listing}\n"
        "To fix it, in the configuration file:\n"
        "  1. every user: a strong password (at least {least} characters, not a common "
        "word, not the username), best as a `password_hash:` made by "
        "`python -m queue_server hash-password --username NAME`;\n"
        "  2. every device: a long random token (at least {least_token} characters), e.g. "
        "from {token_command};\n"
        "  3. or `active: false` for accounts and devices not in use;\n"
        "  4. then `python -m queue_server load-config FILE` and start again.\n"
        "A demonstration on purpose: `serve --demo`, or ANTRIAN_DEMO=1 for gunicorn.")

    def __init__(self, listing: Words, least: int, least_token: int,
                 found: list[tuple[str, str, str]]):
        super().__init__(listing=listing, least=least, least_token=least_token,
                         token_command='`python -c "import secrets; '
                                       'print(secrets.token_urlsafe(24))"`')
        self.found = found


class RateLimited(DomainError, category=True):
    """Too many requests: try again after `retry_after` seconds (429 with Retry-After).
    Every named one takes `retry_after` (seconds) and may say it (`{retry_after}`)."""

    kind = "rate_limited"
    code = "too_many_requests"

    def __init__(self, retry_after: int):
        super().__init__(retry_after=retry_after)
        self.retry_after = retry_after


class TooManyRequests(RateLimited):
    """A route's own request limit (queue_server/edge/ratelimit.py) is used up for this caller."""

    text_id = "Terlalu banyak permintaan; coba lagi dalam {retry_after} detik."
    text_en = "Too many requests; try again in {retry_after} seconds."


class StaleView(DomainError):
    """A console acted on a view of its counter that is out of date: nothing changed.

    `details["counter"]`: the counter's state now (code, name, paused and its ticket's
    number and status, or None), so the console can show it at once."""

    code = "stale_view"
    text_id = ("Layar sudah tidak sesuai: di {counter} {now}. Tidak ada yang diubah; periksa "
               "lalu coba lagi.")
    text_en = ("Your screen was out of date: {counter} {now}. Nothing was changed; check and "
               "try again.")

    def __init__(self, counter: dict[str, Any]):
        ticket = counter.get("ticket")
        now = Words("sekarang tidak ada pasien", "it now has no patient")
        if ticket:
            status = Words(*said(ticket["status"]))
            now = Words(f"sekarang {ticket['number']} ({status.id})",
                        f"it now has {ticket['number']} ({status.en})")
        super().__init__(counter=counter.get("name"), now=now)
        self.details = {"counter": counter}
