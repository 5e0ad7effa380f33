"""The planning chain's errors say a row's state in words of both languages, never its
stored code: every state of every kind has words in the catalogue, and the errors that
name a state (budget line, package, tender, contract, invoice, progress report) use them."""

from __future__ import annotations

import pytest

from queue_server.domain.errors import DomainError
from queue_server.domain.texts import both
from queue_server.eservices.planning.budgeting.errors import LineDecided
from queue_server.eservices.planning.controlling.errors import (
    ContractNotRunning,
    ReportNotPending,
)
from queue_server.eservices.planning.delivery.errors import WrongContractState, WrongInvoiceState
from queue_server.eservices.planning.procurement.errors import PackageNotReady, WrongTenderState
from queue_server.eservices.planning.project.errors import PackageWrongState
from queue_server.eservices.planning.project.state_words import PREFIXES, state_words

# Every state each kind's rows hold (contract18.md, the models' columns).
STATES = {
    "package": ("draft", "planned", "procuring", "contracted", "completed", "cancelled"),
    "line": ("draft", "approved", "rejected"),
    "tender": ("draft", "published", "evaluation", "awarded", "cancelled", "failed"),
    "contract": ("award_letter", "signed", "started", "handed_over", "terminated"),
    "invoice": ("submitted", "approved", "rejected", "paid"),
    "report": ("submitted", "approved", "returned"),
}


@pytest.mark.parametrize("kind", sorted(STATES))
def test_every_state_has_words_in_both_languages(kind: str) -> None:
    assert set(STATES) == set(PREFIXES)
    for state in STATES[kind]:
        said_id, said_en = both(PREFIXES[kind] + state)  # KeyError: no words for it
        words = state_words(kind, state)
        assert words.id != state and "_" not in words.en, (kind, state, words)
        assert words.id.lower() == said_id.lower() and words.en.lower() == said_en.lower()


def test_a_label_reads_inside_a_sentence_and_an_abbreviation_stays() -> None:
    assert state_words("tender", "published").id == "diumumkan"
    assert state_words("contract", "award_letter").id.startswith("SPPBJ")
    assert state_words("package", "unheard_of") == ("unheard_of", "unheard_of")
    with pytest.raises(KeyError):
        state_words("budget", "draft")


@pytest.mark.parametrize("error, code", [
    (WrongInvoiceState(3, "submitted", "dibayar", "be paid"), "submitted"),
    (WrongContractState("PKT-1", "handed_over", "dimulai", "be started"), "handed_over"),
    (WrongTenderState("TND-1", "evaluation", "diumumkan", "be published"), "evaluation"),
    (PackageNotReady("PKT-1", "planned", "x", "x"), "planned"),
    (PackageWrongState("PKT-1", "contracted", "diubah", "be changed"), "contracted"),
    (LineDecided(7, "approved"), "approved"),
    (ReportNotPending("returned"), "returned"),
    (ContractNotRunning("award_letter"), "award_letter"),
])
def test_errors_name_the_state_in_words_not_its_code(error: DomainError, code: str) -> None:
    assert code not in error.message  # the Indonesian sentence never holds the code
    assert "_" not in error.message_en  # nor the English one a code like award_letter
    assert error.message != error.message_en


def test_the_invoice_state_reads_as_a_sentence() -> None:
    error = WrongInvoiceState(3, "submitted", "dibayar", "be paid")
    assert error.message == "Tagihan 3 berstatus diajukan; tidak bisa dibayar."
    assert error.message_en == "Invoice 3 is submitted; it cannot be paid."
