"""The payment stages (termin) of a contract, from its package's payment plan: the one
rule that turns shares into rupiah."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from .errors import PaymentPlanInvalid, TerminAfterEnd

HUNDRED = Decimal(100)


class Termin(NamedTuple):
    """A stage: its number (1, 2, …), share (percent), amount (rupiah) and the physical
    progress (percent) it needs before it may be invoiced."""

    number: int
    percent: Decimal
    amount: int
    progress_needed: Decimal


def split(value: int, plan: Sequence[dict[str, Any]]) -> list[Termin]:
    """The termins of a contract of `value` rupiah paid per `plan` (`{termin, percent}`
    items, in termin order; empty: one termin of 100 %). Each amount is the share of
    the value rounded down to the rupiah, the remainder on the last one, so the amounts
    add up to exactly `value`. A termin needs the physical progress of the shares paid
    up to it (cumulative percent: 30 % paid after 30 % built; the last after 100 %), as
    Perpres 16/2018 art. 53 pays for work done. PaymentPlanInvalid (422) when the shares
    do not add up to 100."""
    items = sorted(plan, key=lambda item: int(item.get("termin", 0))) or [
        {"termin": 1, "percent": 100}]
    shares = [Decimal(str(item["percent"])) for item in items]
    if sum(shares) != HUNDRED or any(share <= 0 for share in shares):
        raise PaymentPlanInvalid(str(sum(shares)))
    amounts = [int(value * share // HUNDRED) for share in shares]
    amounts[-1] = value - sum(amounts[:-1])
    made, reached = [], Decimal(0)
    for number, (share, amount) in enumerate(zip(shares, amounts, strict=True), start=1):
        reached += share
        made.append(Termin(number, share, amount, min(reached, HUNDRED)))
    return made


def check_due(plan: Sequence[dict[str, Any]], ends: date) -> None:
    """Every termin of `plan` (`{termin, percent, month: "YYYY-MM"}`) falls due by the
    contract's end `ends` (its month not after the end's month: a payment after the
    contract would pay for no contracted time). TerminAfterEnd (422) otherwise."""
    last = f"{ends.year:04d}-{ends.month:02d}"
    for item in plan:
        month = str(item.get("month") or "")
        if month > last:
            raise TerminAfterEnd(int(item.get("termin", 0)), month, ends.isoformat())
