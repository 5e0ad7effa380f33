"""Official numbers (issue 17): gap-free and never repeated per scope, office and year,
under concurrent transactions on SQLite and PostgreSQL; a rolled-back number comes back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.numbering import letter_number, next_in


def take(engine: Any, scope: str, office: int | None, year: int, keep: bool = True) -> int:
    with SqlUnitOfWork(engine) as uow:
        number = next_in(uow, scope, office, year)
        if keep:
            uow.commit()
    return number


def test_numbers_from_12_threads_have_no_gap_nor_repeat(engine: Any) -> None:
    def batch(_: int) -> list[int]:
        return [take(engine, "surat-out", 7, 2026) for _ in range(10)]

    with ThreadPoolExecutor(12) as pool:
        batches = list(pool.map(batch, range(12)))
    numbers = sorted(n for b in batches for n in b)
    assert numbers == list(range(1, 121))
    assert all(b == sorted(b) for b in batches)


def test_each_scope_office_and_year_counts_on_its_own(engine: Any) -> None:
    assert [take(engine, "surat-out", 1, 2026) for _ in range(3)] == [1, 2, 3]
    assert take(engine, "surat-out", 2, 2026) == 1
    assert take(engine, "surat-out", 1, 2027) == 1
    assert take(engine, "surat-agenda", 1, 2026) == 1
    assert take(engine, "ssw-permit", None, 2026) == 1


def test_a_rolled_back_number_is_handed_out_again(engine: Any) -> None:
    assert take(engine, "surat-out", 3, 2026) == 1
    assert take(engine, "surat-out", 3, 2026, keep=False) == 2
    assert take(engine, "surat-out", 3, 2026) == 2


def test_the_letter_number_follows_permendagri_83_2022() -> None:
    assert letter_number("500.1", 17, "436.7.5", 2026) == "500.1/17/436.7.5/2026"
