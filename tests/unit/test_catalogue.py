"""The one text catalogue (queue_server/translations): both languages say every key, the
compiled files are the ones the .po files give, and every key a page or its script uses
is there."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from queue_server.domain import credentials, statuses, survey
from queue_server.domain.calendar import Closed
from queue_server.domain.dates import DAYS, MONTHS, long_date
from queue_server.domain.errors import InvalidTransition, StaleView
from queue_server.domain.opening import SPECIAL_CLOSED
from queue_server.domain.priority import Priority, label
from queue_server.domain.texts import CATALOGUE, LANGUAGES, both, messages, text
from queue_server.domain.tickets import Action, TicketStatus, require_check_in, transition
from queue_server.i18n import page_texts
from queue_server.services.secret_check import DEVICE, USER

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "queue_server" / "console"
PATIENT = ROOT / "queue_server" / "patient"
BOARD = ROOT / "display_board"
# Each page: its template, the scripts it runs, and which of them say which statuses.
PAGES = {
    "console": (CONSOLE / "templates/console/console.html",
                [CONSOLE / "static" / name for name in
                 ("console.js", "desk.js", "dialogs.js", "tables.js")]),
    "board": (BOARD / "templates/display_board/board.html", [BOARD / "static/board.js"]),
    "ticket": (PATIENT / "templates/patient/ticket.html", [PATIENT / "static/ticket.js"]),
    "book": (PATIENT / "templates/patient/book.html",
             [PATIENT / "static/book.js", PATIENT / "static/lookup.js"]),
}
# Keys the scripts build at run time: the statuses each page shows by name.
STATUS_WORDS = {"ticket": {str(s) for s in TicketStatus}, "console": {"called", "serving"}}
_CALL = re.compile(r"\bt\(([^)]*)\)")
_LITERAL = re.compile(r"\"(\w+)\"")
_ATTRIBUTE = re.compile(r"data-(?:t|lt|t-placeholder)=\"(\w+)\"")
_NAMESPACES = re.compile(r"page_texts\(([^)]*)\)")
# Python's reads of the catalogue (domain/texts.py): text("date.monday"), both(f"status.{s}").
_TEXT_READ = re.compile(r"(?<![.\w])(?:text|both)\(\s*(f?)[\"']([\w.]*)")
# Keys Python builds at run time: each prefix and every ending the code can give it.
BUILT_KEYS = {
    "status.": {str(s) for s in TicketStatus},
    "action.": {str(a) for a in Action},
    "priority.": {str(p) for p in Priority},
    "date.": set(DAYS) | set(MONTHS),
    "calendar.prefix.": {"national", "joint_leave", "closed"},
    "password.reason.": set(credentials.REASONS),
    "password.owner.": {USER, DEVICE},
    "survey.element.": set(survey.ELEMENTS),
    "survey.value.": {f"{e}.{v}" for e in survey.ELEMENTS for v in survey.VALUES},
    "survey.grade.": {grade for _, grade in survey.GRADES},
}


def _po(lang: str) -> dict[str, str]:
    with open(CATALOGUE / lang / "LC_MESSAGES" / "messages.po", "rb") as source:
        return {str(m.id): str(m.string) for m in read_po(source) if m.id}


def _mo(lang: str) -> dict[str, str]:
    with open(CATALOGUE / lang / "LC_MESSAGES" / "messages.mo", "rb") as compiled:
        return {str(m.id): str(m.string) for m in read_mo(compiled) if m.id}


def _keys_used(template: Path, scripts: list[Path]) -> set[str]:
    """Bare keys (`callNext`) a page's template and scripts look up with t()."""
    used = set(_ATTRIBUTE.findall(template.read_text(encoding="utf-8")))
    for script in scripts:
        for call in _CALL.findall(script.read_text(encoding="utf-8")):
            used.update(_LITERAL.findall(call))
    return used


def test_both_languages_say_every_key_and_say_something() -> None:
    indonesian, english = _po("id"), _po("en")
    assert indonesian.keys() == english.keys()
    assert len(indonesian) > 150
    for lang, catalogue in (("id", indonesian), ("en", english)):
        empty = [key for key, said in catalogue.items() if not str(said).strip()]
        assert empty == [], f"{lang}: no text for {empty}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_compiled_catalogue_is_the_one_its_po_file_gives(lang: str) -> None:
    assert _mo(lang) == _po(lang), (
        "run `pybabel compile -d queue_server/translations` and commit the .mo files")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_key_a_page_or_its_script_uses_is_in_both_catalogues(page: str) -> None:
    template, scripts = PAGES[page]
    declared = _NAMESPACES.search(template.read_text(encoding="utf-8"))
    assert declared, f"{template.name} gives its script no texts (page_texts(...))"
    namespaces = _LITERAL.findall(declared.group(1))
    used = _keys_used(template, scripts) | STATUS_WORDS.get(page, set())
    if page == "console":
        used |= {str(p) for p in Priority}
    assert used
    for lang in LANGUAGES:
        catalogue = _po(lang)
        missing = sorted(k for k in used if not any(f"{ns}.{k}" in catalogue for ns in namespaces))
        assert missing == [], f"{page} ({lang}): no text for {missing} under {namespaces}"


def test_every_key_python_code_and_templates_use_is_in_both_catalogues() -> None:
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    extracted = {message for _, _, message, _, _ in
                 extract_from_dir(str(ROOT), method_map, options_map)}
    assert {"login.title", "home.title", "console.callNext", "board.number"} <= extracted
    for lang in LANGUAGES:
        missing = sorted(extracted - _po(lang).keys())
        assert missing == [], f"{lang}: no text for {missing}"


def test_priorities_and_dates_read_their_words_from_the_catalogue() -> None:
    assert [label(p) for p in Priority] == [text(f"priority.{p}") for p in Priority]
    assert label(Priority.ELDERLY) == "Lansia" and label("disabled", "en") == "Disability"
    monday = date(2026, 1, 5)
    for lang in LANGUAGES:
        for day in (monday + timedelta(days=n) for n in range(7)):
            assert long_date(day, lang)
        for month in range(1, 13):
            assert long_date(date(2026, month, 1), lang)
    assert long_date(date(2026, 12, 2)) == "Rabu, 2 Desember 2026"
    assert long_date(date(2026, 12, 2), "en") == "Wednesday, 2 December 2026"


def test_a_key_the_catalogue_lacks_is_an_error_not_a_word_on_screen() -> None:
    with pytest.raises(KeyError):
        text("priority.vip")


def test_the_kiosk_names_the_priorities_as_the_server_does() -> None:
    """The kiosk keeps its own texts (it runs on another machine); they must not drift."""
    from kiosk.ticket import PRIORITY

    for lang in LANGUAGES:
        for value, said in PRIORITY[lang].items():
            assert said == label(value, lang), (lang, value)


def _python_reads() -> tuple[set[str], set[str]]:
    """Keys Python code gives texts.text/both as they are, and prefixes of keys it builds."""
    keys, prefixes = set(), set()
    for source in [*ROOT.glob("queue_server/**/*.py"), *ROOT.glob("display_board/**/*.py")]:
        code = source.read_text(encoding="utf-8")
        if source.name != "texts.py" and "texts import" in code:
            for built, key in _TEXT_READ.findall(code):
                (prefixes if built else keys).add(key)
    return keys, prefixes


def test_every_key_python_code_reads_through_texts_is_in_both_catalogues() -> None:
    keys, prefixes = _python_reads()
    assert "calendar.special" in keys and {"status.", "action."} <= prefixes
    assert prefixes <= BUILT_KEYS.keys(), (
        f"{sorted(prefixes - BUILT_KEYS.keys())}: list what they end with in BUILT_KEYS")
    keys |= {prefix + ending for prefix in prefixes for ending in BUILT_KEYS[prefix]}
    for lang in LANGUAGES:
        missing = sorted(keys - _po(lang).keys())
        assert missing == [], f"{lang}: no text for {missing}"


def test_a_status_has_one_word_wherever_the_server_says_it() -> None:
    """tickets.py and errors.py once kept two tables ("sedang dipanggil", "dipanggil")."""
    for status in TicketStatus:
        assert statuses.said(status) == both(f"status.{status}")
    with pytest.raises(InvalidTransition) as refused:
        require_check_in(TicketStatus.CALLED, "B-002")
    stale = StaleView({"name": "Loket 1", "ticket": {"number": "A-001", "status": "called"}})
    for message in (refused.value.message, stale.message):
        assert "sedang dipanggil" in message
    assert "being called" in stale.message_en
    with pytest.raises(InvalidTransition) as refused:
        transition(TicketStatus.DONE, Action.RECALL, "A-003")
    assert refused.value.message == "Tiket A-003 sudah selesai, tidak bisa dipanggil ulang."
    assert refused.value.message_en == "Ticket A-003 is done; it cannot be called again."


def test_closures_and_weak_secrets_read_their_words_from_the_catalogue() -> None:
    assert Closed.of("national", "Hari Raya Natal").reason_en == "Public holiday: Hari Raya Natal"
    assert Closed.of("facility", "Fogging").reason == "Tutup: Fogging"
    assert (SPECIAL_CLOSED.reason, SPECIAL_CLOSED.reason_en) == both("calendar.special")
    assert credentials.reason_words("too_short") == (
        f"kurang dari {credentials.MIN_PASSWORD_LENGTH} karakter",
        f"shorter than {credentials.MIN_PASSWORD_LENGTH} characters")
    assert str(credentials.MIN_TOKEN_LENGTH) in credentials.reason_words("short_token").en
    with pytest.raises(KeyError):
        credentials.reason_words("too_long")


def test_pages_and_the_domain_read_the_same_compiled_catalogue() -> None:
    for lang in LANGUAGES:
        assert dict(messages(lang)) == _mo(lang)
        assert page_texts("console")[lang] == {
            key: words for key, words in _mo(lang).items() if key.startswith("console.")}
