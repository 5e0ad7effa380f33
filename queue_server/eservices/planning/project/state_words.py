"""How a sentence says a state of the planning chain's rows (a package, a budget line, a
tender, a contract, an invoice, a progress report) in both languages: the words the
pages show for it (the catalogue's `<part>.state_*` keys), never the stored code, so an
error reads "Invoice 3 is submitted; it cannot be paid", not "… is submitted" in code."""

from __future__ import annotations

from queue_server.domain.errors import Words
from queue_server.domain.texts import both

# The row kind → the catalogue key prefix its states are labelled by on the pages.
PREFIXES = {"package": "project.state_", "line": "budgeting.state_",
            "tender": "procurement.state_", "contract": "delivery.state_",
            "invoice": "delivery.invoice_", "report": "controlling.state_"}


def _mid_sentence(label: str) -> str:
    """A page's label as a word inside a sentence: its first letter lower case unless
    the first word is an abbreviation (`SPPBJ terbit` stays)."""
    first = label.split(" ", 1)[0]
    return label if len(first) > 1 and first.isupper() else label[:1].lower() + label[1:]


def state_words(kind: str, state: str) -> Words:
    """The state `state` of a row of `kind` (a key of PREFIXES) in Indonesian and
    English words; a state the catalogue does not know is said as its code (never a
    500 over a label). Raises KeyError for an unknown `kind` (a programming error)."""
    try:
        said_id, said_en = both(PREFIXES[kind] + state)
    except KeyError:
        if kind not in PREFIXES:
            raise
        return Words(state, state)
    return Words(_mid_sentence(said_id), _mid_sentence(said_en))
