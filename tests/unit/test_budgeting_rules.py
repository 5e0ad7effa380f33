"""e-Budgeting's rules: the account-code pattern (Permendagri 90/2019), a line's amount
in whole rupiah, and its flags (over the standard price, over the office's ceiling)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from queue_server.eservices.planning.budgeting.errors import AccountCodeInvalid
from queue_server.eservices.planning.budgeting.rules import account_code, amount_of, flags_of


def test_an_account_code_of_permendagri_90_2019_is_taken_stripped() -> None:
    assert account_code(" 1.03.10.2.01.0017.5.1.02.01.01.0024 ") == \
        "1.03.10.2.01.0017.5.1.02.01.01.0024"


@pytest.mark.parametrize("code", ["1.03.10.2.01.0017", "1.03.10.2.01.0017.4.1.02.01.01.0024",
                                  "1.3.10.2.01.0017.5.1.02.01.01.0024",
                                  "1.03.10.2.01.0017.5.1.02.01.01.0024.1", "abc"])
def test_a_code_off_the_pattern_or_not_a_spending_account_is_refused(code: str) -> None:
    with pytest.raises(AccountCodeInvalid) as refused:
        account_code(code)
    assert "Permendagri 90/2019" in refused.value.message


def test_the_amount_is_quantity_times_price_in_whole_rupiah_half_up() -> None:
    assert amount_of(Decimal("12.5"), 185_001) == 2_312_513
    assert amount_of(Decimal("3"), 100) == 300


def test_a_unit_price_above_the_standard_is_flagged_and_equal_is_not() -> None:
    assert flags_of(190_000, 185_000, 0, None) == ["over_standard"]
    assert flags_of(185_000, 185_000, 0, None) == []
    assert flags_of(900_000, None, 0, None) == []


def test_the_office_total_above_its_ceiling_is_flagged_and_no_ceiling_never() -> None:
    assert flags_of(1, None, 1_000_001, 1_000_000) == ["over_office_ceiling"]
    assert flags_of(1, None, 1_000_000, 1_000_000) == []
    assert flags_of(1, None, 10**12, None) == []
    assert flags_of(2, 1, 5, 4) == ["over_standard", "over_office_ceiling"]


def test_a_standard_cost_csv_from_a_spreadsheet_reads_and_a_broken_one_is_refused() -> None:
    from queue_server.eservices.planning.budgeting.errors import StandardCostsInvalid
    from queue_server.eservices.planning.budgeting.standard_costs import parse

    sheet = "\ufeffcode,name,unit,price\r\nSSH.1,\"Hotmix, 5 cm\",m2,185000\r\n\r\n"
    assert parse(sheet) == [{"code": "SSH.1", "name": "Hotmix, 5 cm", "unit": "m2",
                             "price": 185000}]
    for broken, row in (("code,name,unit,price\n", 1), ("harga\n", 0), ("\u00d4\r\u00b1", 0),
                        ("code,name,unit,price\nA,b,c,\u0663\n", 1)):
        with pytest.raises(StandardCostsInvalid) as refused:
            parse(broken)
        assert refused.value.details["rows"][0]["row"] == row
