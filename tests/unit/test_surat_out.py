"""e-Surat outgoing letters' pure rules: templates fill their placeholders and name the
fields left empty, each office's unit code, the letter's date line, the workflow's
transitions, and the review chain's moves (start, approve, return)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from queue_server.eservices.surat.models import SuratReview
from queue_server.eservices.surat.outgoing import WORKFLOW
from queue_server.eservices.surat.outgoing_chain import approve, current, send_back, start
from queue_server.eservices.surat.outgoing_data import (
    fill,
    paragraphs,
    template,
    templates,
    unit_of,
)
from queue_server.eservices.surat.outgoing_errors import (
    NoUnitCode,
    TemplateFieldsMissing,
    TemplateUnknown,
)
from queue_server.eservices.surat.outgoing_sign import date_in_words

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def test_every_template_names_each_of_its_placeholders_as_a_field() -> None:
    assert len(templates()) >= 4
    for each in templates():
        filled = fill(each, {f.name: "x" for f in each.fields})
        assert "{" not in filled, each.code


def test_a_template_left_partly_empty_names_the_missing_fields() -> None:
    with pytest.raises(TemplateFieldsMissing) as caught:
        fill(template("undangan"), {"acara": "Rapat", "waktu": " "})
    assert caught.value.values["fields"] == "hari_tanggal, waktu, tempat"


def test_an_unknown_template_lists_the_known_ones() -> None:
    with pytest.raises(TemplateUnknown) as caught:
        template("surat_cinta")
    assert "undangan" in caught.value.message


def test_the_unit_code_comes_from_units_yaml() -> None:
    assert unit_of("dsdabm") == "436.7.5"
    with pytest.raises(NoUnitCode):
        unit_of("no-such-office")


def test_paragraphs_are_split_on_blank_lines_and_joined_within() -> None:
    assert paragraphs("Satu\ndua.\n\n  Tiga.  \n\n\n") == ["Satu dua.", "Tiga."]


def test_the_date_line_says_the_city_and_the_month_in_words() -> None:
    assert date_in_words(date(2026, 12, 7)) == "Surabaya, 7 Desember 2026"


def test_the_workflow_gives_each_step_to_the_letters_own_people() -> None:
    roles = {t.action: set(t.roles) for t in WORKFLOW.transitions.values()}
    assert roles == {"submit": {"drafter"}, "approve": {"reviewer"}, "ready": {"system"},
                     "return": {"reviewer", "signer"}, "sign": {"signer"},
                     "send": {"drafter", "signer", "clerk"}}
    assert WORKFLOW.transitions["return"].comment


def steps(count: int) -> list[SuratReview]:
    return [SuratReview(position=i + 1, user_id=10 + i,
                        step="sign" if i == count - 1 else "paraf", state="waiting",
                        comment="") for i in range(count)]


def test_a_chain_moves_one_step_at_a_time_to_the_signature() -> None:
    chain = steps(3)
    start(chain)
    assert [s.state for s in chain] == ["current", "waiting", "waiting"]
    following = approve(chain, NOW, " ok ")
    assert following is chain[1] and chain[0].comment == "ok" and chain[0].acted_at == NOW
    assert approve(chain, NOW, "") is chain[2]
    assert current(chain) is chain[2] and chain[2].step == "sign"


def test_a_return_keeps_only_its_comment_and_the_chain_starts_over() -> None:
    chain = steps(3)
    start(chain)
    approve(chain, NOW, "")
    send_back(chain, NOW, "Perbaiki")
    assert [(s.state, s.comment) for s in chain] == [
        ("waiting", ""), ("returned", "Perbaiki"), ("waiting", "")]
    assert current(chain) is None
    start(chain)
    assert [s.state for s in chain] == ["current", "waiting", "waiting"]
