"""The termins of a contract from its package's payment plan: amounts in rupiah adding up
exactly to the value (the remainder on the last), the progress each needs, a plan not
adding up to 100 % refused."""

from __future__ import annotations

import pytest

from queue_server.eservices.planning.delivery.errors import PaymentPlanInvalid
from queue_server.eservices.planning.delivery.termins import split


def test_termins_sum_exactly_to_the_value() -> None:
    made = split(1_000_000_001, [{"termin": 2, "percent": "33.33"},
                                 {"termin": 1, "percent": "33.33"},
                                 {"termin": 3, "percent": "33.34"}])
    assert sum(t.amount for t in made) == 1_000_000_001
    assert [t.amount for t in made] == [333_300_000, 333_300_000, 333_400_001]
    assert [float(t.progress_needed) for t in made] == [33.33, 66.66, 100.0]
    assert [t.amount for t in split(7, [])] == [7]


def test_a_plan_not_adding_up_to_a_hundred_is_refused() -> None:
    with pytest.raises(PaymentPlanInvalid):
        split(100, [{"termin": 1, "percent": 60}, {"termin": 2, "percent": 30}])
