"""e-Wadul's rules, in plain Python: what a complaint must say (category, description,
kelurahan, a map point inside Indonesia), the channels it arrives by, who may see the
reporter, the citizen's rating, and a merge's duplicate. Each rule raises a named error.

Anonymity and confidentiality are two flags, as SP4N-LAPOR! keeps them (Permenpan-RB
62/2018 on the national complaint system): an anonymous complaint is public but nobody
outside the intake desk sees who filed it; a confidential one is never public at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words

CHANNELS = ("web", "api", "open311", "whatsapp", "phone", "email", "social", "desk")
# Channels the Media Center enters a complaint for, on the citizen's behalf.
DESK_CHANNELS = ("whatsapp", "phone", "email", "social", "desk")
MAX_PHOTOS = 3
DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 4000
KELURAHAN_MAX = 80
# Indonesia's extent (Sabang to Merauke, Miangas to Rote), with a little margin: a point
# outside it is a typo or a swapped lat/lon, never a complaint to a city here.
LAT_RANGE, LON_RANGE = (-11.5, 6.5), (94.5, 141.5)
RATINGS = range(1, 6)


class CategoryUnknown(NotFound):
    code = "category_not_found"
    text_id = "Kategori pengaduan {category} tidak ada. Lihat /api/v1/wadul/categories."
    text_en = "There is no complaint category {category}. See /api/v1/wadul/categories."

    def __init__(self, category: str):
        super().__init__(category=category)


class CategoryRedirect(DomainError):
    """An emergency category: the form is refused and the citizen told where to go."""

    code = "category_redirect"
    meaning = "The category is an emergency handled elsewhere; `redirect` says where."
    text_id = "Untuk {name}, jangan lewat e-Wadul: {redirect}"
    text_en = "For {name}, do not use e-Wadul: {redirect}"

    def __init__(self, name: str, name_en: str, redirect: str, redirect_en: str | None = None):
        super().__init__(name=Words(name, name_en or name),
                         redirect=Words(redirect, redirect_en or redirect))
        self.details = {"redirect": redirect, "redirect_en": redirect_en or redirect}


class DescriptionLength(InvalidInput):
    code = "invalid_description"
    text_id = "Uraian pengaduan harus {low}-{high} karakter: tulis apa, di mana, sejak kapan."
    text_en = "The description must be {low}-{high} characters: what, where, since when."

    def __init__(self) -> None:
        super().__init__(low=DESCRIPTION_MIN, high=DESCRIPTION_MAX)


class KelurahanRequired(InvalidInput):
    code = "kelurahan_required"
    text_id = "Isi kelurahan tempat masalahnya (paling banyak {high} karakter)."
    text_en = "Give the kelurahan where the problem is (at most {high} characters)."

    def __init__(self) -> None:
        super().__init__(high=KELURAHAN_MAX)


class PointOutOfRange(InvalidInput):
    code = "invalid_point"
    text_id = ("Titik peta harus di Indonesia: lintang (lat) {lat_low}..{lat_high} dan bujur "
               "(lon) {lon_low}..{lon_high}, keduanya diisi atau keduanya kosong.")
    text_en = ("The map point must be in Indonesia: latitude {lat_low}..{lat_high} and "
               "longitude {lon_low}..{lon_high}, both given or neither.")

    def __init__(self) -> None:
        super().__init__(lat_low=LAT_RANGE[0], lat_high=LAT_RANGE[1],
                         lon_low=LON_RANGE[0], lon_high=LON_RANGE[1])


class ChannelUnknown(InvalidInput):
    code = "invalid_channel"
    text_id = "Saluran {channel} tidak bisa dipakai di sini. Pilih salah satu: {known}."
    text_en = "The channel {channel} cannot be used here. Choose one of: {known}."

    def __init__(self, channel: str, known: tuple[str, ...]):
        super().__init__(channel=channel, known=", ".join(known))


class InvalidRating(InvalidInput):
    code = "invalid_rating"
    text_id = "Nilai harus angka bulat 1 sampai 5."
    text_en = "The rating must be a whole number from 1 to 5."


class RatedAlready(DomainError):
    code = "rated_already"
    text_id = "Pengaduan ini sudah diberi nilai; nilai hanya bisa diberikan sekali."
    text_en = "This complaint has been rated already; a rating is given once."


class DuplicateRequired(InvalidInput):
    code = "duplicate_required"
    text_id = "Untuk menggabungkan, isi duplicate_of dengan nomor laporan aslinya (WADUL-…)."
    text_en = "To merge, give duplicate_of: the original's report number (WADUL-…)."


class DuplicateInvalid(InvalidInput):
    code = "invalid_duplicate"
    text_id = ("Pengaduan {code} tidak bisa jadi induk gabungan: harus pengaduan lain yang "
               "ada dan belum digabung.")
    text_en = ("The complaint {code} cannot be merged into: it must be another existing "
               "complaint that is not itself merged.")

    def __init__(self, code: str):
        super().__init__(code=code)


class WrongOffice(Forbidden):
    """Office staff reaching a case (or a list) of an office they are not a member of."""

    code = "wrong_office"
    text_id = "Pengaduan ini bukan milik OPD Anda."
    text_en = "This complaint belongs to another office."


class OfficeUnknown(InvalidInput):
    code = "office_not_found"
    text_id = "OPD {office} tidak ada."
    text_en = "There is no office {office}."

    def __init__(self, office: str):
        super().__init__(office=office)


class OfficeInactive(DomainError):
    """A forward to an office the admin has deactivated (409): nobody works its inbox."""

    code = "office_inactive"
    text_id = ("OPD {office} sudah tidak aktif dan tidak menerima pengaduan; teruskan ke OPD "
               "lain (isi opd).")
    text_en = ("The office {office} is deactivated and takes no complaints; forward to "
               "another office (give opd).")

    def __init__(self, office: str):
        super().__init__(office=office)


class InvalidCategory(InvalidInput):
    code = "invalid_category"
    text_id = "Data kategori tidak sah: {why}."
    text_en = "The category data is not valid: {why}."

    def __init__(self, why: str):
        super().__init__(why=why)


class InvalidPeriod(InvalidInput):
    code = "invalid_period"
    text_id = ("Periode tidak sah: tanggal awal (since) harus sebelum akhir (until), paling "
               "lama 3 tahun.")
    text_en = "The period is not valid: since must be before until, at most 3 years."


class StateUnknown(InvalidInput):
    code = "invalid_state"
    text_id = "Status {state} tidak dikenal. Status yang ada: {known}."
    text_en = "Unknown state {state}. Known states: {known}."

    def __init__(self, state: str, known: list[str]):
        super().__init__(state=state, known=", ".join(known))


class WadulForbidden(Forbidden):
    """A staff member without a role in e-Wadul (desk, office, head, admin, city)."""

    code = "wadul_forbidden"
    text_id = "Anda tidak berwenang untuk {what} e-Wadul."
    text_en = "You may not {what} in e-Wadul."

    def __init__(self, what: str, what_en: str):
        super().__init__(what=Words(what, what_en))


@dataclass(frozen=True)
class CategoryRule:
    """What the rules need of a category: its names, its emergency redirect (both
    languages), whether it is active and whether the office it routes to is."""

    code: str
    name: str
    name_en: str
    redirect: str | None
    active: bool = True
    office_active: bool = True
    redirect_en: str | None = None


def offered(active: bool, office_active: bool) -> bool:
    """Whether a category takes complaints (is listed on the form, the API and Open311):
    it is active and so is its office; a deactivated office receives nothing."""
    return active and office_active


def check_category(category: CategoryRule | None, code: str) -> CategoryRule:
    """The category a complaint may be filed under. Raises CategoryUnknown (404; also for
    one not `offered`) or CategoryRedirect (409, an emergency category: no form)."""
    if category is None or not offered(category.active, category.office_active):
        raise CategoryUnknown(code)
    if category.redirect:
        raise CategoryRedirect(category.name, category.name_en, category.redirect,
                               category.redirect_en)
    return category


def check_text(description: str, kelurahan: str, located: bool = False) -> tuple[str, str]:
    """The description (inner whitespace kept, ends trimmed) and kelurahan (spaces tidied)
    of a complaint. The kelurahan is required unless a map point places the complaint
    (`located`: Open311 GeoReport v2 asks only for lat+long, an address or an address id;
    the verifier then reads the point). Raises DescriptionLength or KelurahanRequired
    (422)."""
    text = check_description(description)
    place = " ".join((kelurahan or "").split())
    if (not place and not located) or len(place) > KELURAHAN_MAX:
        raise KelurahanRequired()
    return text, place


def check_description(description: str | None) -> str:
    """A description, ends trimmed (inner whitespace kept): DESCRIPTION_MIN to
    DESCRIPTION_MAX characters, else DescriptionLength (422)."""
    text = (description or "").strip()
    if not DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
        raise DescriptionLength()
    return text


def check_point(lat: float | None, lon: float | None) -> None:
    """A map point: both or neither, inside Indonesia (LAT_RANGE, LON_RANGE, degrees
    WGS84). Raises PointOutOfRange (422)."""
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        raise PointOutOfRange()
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        raise PointOutOfRange()


def check_channel(channel: str, allowed: tuple[str, ...] = CHANNELS) -> str:
    """The channel, when one of `allowed`; else ChannelUnknown (422)."""
    if channel not in allowed:
        raise ChannelUnknown(channel, allowed)
    return channel


def check_rating(value: object, rated: int | None) -> int:
    """A citizen's rating of the answer: a whole number 1-5, given once. Raises
    InvalidRating (422) or RatedAlready (409)."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in RATINGS:
        raise InvalidRating()
    if rated is not None:
        raise RatedAlready()
    return value


def check_duplicate(own_code: str, duplicate_of: str | None, found_state: str | None) -> str:
    """The code a complaint is merged into: given (DuplicateRequired), another complaint
    (not `own_code`), existing (`found_state` not None) and not merged itself
    (DuplicateInvalid)."""
    code = (duplicate_of or "").strip().upper()
    if not code:
        raise DuplicateRequired()
    if code == own_code.upper() or found_state is None or found_state == "merged":
        raise DuplicateInvalid(code)
    return code


def identity_visible(roles: frozenset[str], owner: bool, anonymous: bool,
                     confidential: bool) -> bool:
    """Whether a caller sees who filed a complaint: the filer (`owner`), the intake desk
    and the admin always; the office's staff only when it is neither anonymous nor
    confidential; nobody else."""
    if owner or roles & {"desk", "admin"}:
        return True
    return "office" in roles and not (anonymous or confidential)


# States a complaint is never public in: not yet verified by the Media Center (received:
# SP4N-LAPOR! publishes a report only after verification, when the anonim/rahasia flags
# have been checked) or rejected as invalid.
NON_PUBLIC_STATES = frozenset({"received", "rejected"})


def is_public(state: str, confirmed: bool, confidential: bool) -> bool:
    """Whether a complaint shows in public lists, on its public page and to Open311
    readers: confirmed (its phone code given), not confidential (rahasia) and verified
    (not in NON_PUBLIC_STATES). The reporter is never part of any public view."""
    return confirmed and not confidential and state not in NON_PUBLIC_STATES
