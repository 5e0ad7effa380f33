"""Amounts on the contract's documents, in figures and in words (terbilang, fix 18O)."""

from __future__ import annotations

from queue_server.eservices.planning.delivery.paper_facts import rupiah, terbilang


def test_an_amount_is_written_out_in_indonesian_words() -> None:
    assert terbilang(950_000_000) == "Sembilan Ratus Lima Puluh Juta Rupiah"
    assert terbilang(1_250_500) == "Satu Juta Dua Ratus Lima Puluh Ribu Lima Ratus Rupiah"
    assert rupiah(1_250_500) == "Rp 1.250.500"
