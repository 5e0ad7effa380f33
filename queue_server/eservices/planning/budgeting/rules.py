"""e-Budgeting's rules, plain Python: the account-code pattern (Permendagri 90/2019),
a line's amount, and its flags (over the standard price, over the office's ceiling)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from .errors import AccountCodeInvalid

# Permendagri 90/2019 (klasifikasi, kodefikasi dan nomenklatur): the sub-activity code
# (urusan.bidang.program.kegiatan(2 parts).sub kegiatan) then the expenditure account
# (akun.kelompok.jenis.objek.rincian objek.sub rincian objek), e.g.
# 1.03.10.2.01.0017.5.1.02.01.01.0024. The one place this pattern lives.
ACCOUNT_CODE = re.compile(r"\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}\.5\.\d\.\d{2}\.\d{2}\.\d{2}\.\d{4}")
# The largest amount a line or a price may hold (rupiah): far above any city's budget,
# well inside the database's BigInteger.
MAX_RUPIAH = 10**15
OVER_STANDARD = "over_standard"
OVER_OFFICE_CEILING = "over_office_ceiling"


def account_code(value: str) -> str:
    """`value` stripped if it is an account code of Permendagri 90/2019's pattern
    (a spending account: 5.x); `AccountCodeInvalid` (422) otherwise."""
    code = value.strip()
    if not ACCOUNT_CODE.fullmatch(code):
        raise AccountCodeInvalid(code)
    return code


def amount_of(quantity: Decimal, unit_price: int) -> int:
    """Quantity × unit price in whole rupiah (half up)."""
    return int((quantity * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def flags_of(unit_price: int, standard_price: int | None, office_total: int,
             ceiling: int | None) -> list[str]:
    """A line's flags: `over_standard` when its unit price is above the standard cost's
    price (no standard cost: never), `over_office_ceiling` when `office_total` (rupiah:
    the office's draft and approved lines of the year, this one included) is above the
    office's `ceiling` for the year (no ceiling set: never). Source: Surabaya's GRMS
    standard-cost catalogue with over-price flags."""
    flags = []
    if standard_price is not None and unit_price > standard_price:
        flags.append(OVER_STANDARD)
    if ceiling is not None and office_total > ceiling:
        flags.append(OVER_OFFICE_CEILING)
    return flags
