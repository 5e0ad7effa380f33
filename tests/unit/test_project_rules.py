"""e-Project's rules: the procurement method from the value thresholds (Perpres 12/2021,
methods.yaml), the payment plan (termins summing to 100 % within the schedule) and the
planned progress (an S-curve by default)."""

from __future__ import annotations

from datetime import date

import pytest

from queue_server.eservices.planning.project import methods
from queue_server.eservices.planning.project.errors import (
    MethodNotAllowed,
    PlanInvalid,
    UnknownCategory,
    UnknownMethod,
)
from queue_server.eservices.planning.project.plans import (
    months,
    payment_plan,
    progress_plan,
    s_curve,
)

JAN, JUN = date(2027, 1, 15), date(2027, 6, 30)


def test_direct_procurement_is_suggested_up_to_200_juta_and_100_for_consulting() -> None:
    assert methods.suggest(200_000_000, "works") == "direct"
    assert methods.suggest(200_000_001, "goods") == "tender"
    assert methods.suggest(100_000_000, "consulting") == "direct"
    assert methods.suggest(100_000_001, "consulting") == "tender"


def test_only_a_tender_needs_bids() -> None:
    assert methods.needs_tender("tender")
    assert not methods.needs_tender("direct") and not methods.needs_tender("e_purchasing")
    with pytest.raises(UnknownMethod):
        methods.needs_tender("auction")
    with pytest.raises(UnknownCategory):
        methods.suggest(1, "catering")


def test_a_chosen_method_is_checked_against_the_thresholds() -> None:
    assert methods.check("", 450_000_000, "works") == "tender"
    assert methods.check("e_purchasing", 450_000_000, "goods") == "e_purchasing"
    assert methods.check("tender", 50_000_000, "works") == "tender"
    with pytest.raises(MethodNotAllowed) as refused:
        methods.check("direct", 250_000_000, "works")
    assert "Rp 200.000.000" in refused.value.message


def test_the_schedule_spans_its_months_and_cannot_end_before_it_starts() -> None:
    assert months(date(2026, 11, 3), date(2027, 2, 1)) == ["2026-11", "2026-12", "2027-01",
                                                           "2027-02"]
    with pytest.raises(PlanInvalid):
        months(JUN, JAN)
    assert len(months(date(2027, 1, 1), date(2036, 12, 31))) == 120
    with pytest.raises(PlanInvalid):
        months(date(2027, 1, 1), date(2037, 1, 1))


def test_without_a_payment_plan_one_termin_pays_all_in_the_last_month() -> None:
    assert payment_plan(None, JAN, JUN) == [{"termin": 1, "percent": 100.0, "month": "2027-06"}]


def test_a_payment_plan_sums_to_100_in_order_within_the_schedule() -> None:
    good = [{"termin": 1, "percent": 30, "month": "2027-02"},
            {"termin": 2, "percent": 70, "month": "2027-06"}]
    assert payment_plan(good, JAN, JUN)[1] == {"termin": 2, "percent": 70.0, "month": "2027-06"}
    bad = [[{"termin": 1, "percent": 30, "month": "2027-02"},
            {"termin": 2, "percent": 60, "month": "2027-06"}],
           [{"termin": 1, "percent": 100, "month": "2027-08"}],
           [{"termin": 2, "percent": 100, "month": "2027-03"}],
           [{"termin": 1, "percent": 50, "month": "2027-05"},
            {"termin": 2, "percent": 50, "month": "2027-02"}],
           [{"termin": 1, "percent": 0, "month": "2027-02"},
            {"termin": 2, "percent": 100, "month": "2027-03"}]]
    for plan in bad:
        with pytest.raises(PlanInvalid):
            payment_plan(plan, JAN, JUN)


def test_the_default_progress_is_an_s_curve_ending_at_100() -> None:
    curve = s_curve(JAN, JUN)
    values = [step["percent"] for step in curve]
    assert [step["month"] for step in curve] == months(JAN, JUN)
    assert values == sorted(values) and values[-1] == 100.0
    gains = [b - a for a, b in zip([0.0, *values], values, strict=False)]
    assert gains[0] < gains[2] and gains[-1] < gains[3]  # slow start, fast middle, slow end
    assert progress_plan(None, JAN, JUN) == curve


def test_a_given_progress_plan_must_rise_within_the_schedule_to_100() -> None:
    ok = [{"month": "2027-03", "percent": 40}, {"month": "2027-06", "percent": 100}]
    assert progress_plan(ok, JAN, JUN)[0] == {"month": "2027-03", "percent": 40.0}
    for plan in ([{"month": "2027-03", "percent": 60}, {"month": "2027-04", "percent": 50},
                  {"month": "2027-06", "percent": 100}],
                 [{"month": "2027-03", "percent": 90}],
                 [{"month": "2027-09", "percent": 100}]):
        with pytest.raises(PlanInvalid):
            progress_plan(plan, JAN, JUN)
