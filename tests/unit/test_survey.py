"""The SKM of Permenpan-RB 14/2017 (domain/survey.py): reading the nine answers, the
index (IKM) as the regulation computes it, and the grade at each interval's edge."""

from __future__ import annotations

from decimal import Decimal

import pytest

from queue_server.domain import survey
from queue_server.domain.errors import InvalidInput
from queue_server.domain.survey import (
    ELEMENTS,
    SurveyAnswerOutOfRange,
    SurveyAnswersInvalid,
    SurveyElementMissing,
    SurveyElementUnknown,
    grade,
    index,
    parse_answers,
)
from queue_server.domain.texts import LANGUAGES


def test_the_nine_elements_are_the_regulations_in_its_order() -> None:
    assert ELEMENTS == ("requirements", "procedure", "time", "cost", "product",
                        "competence", "behaviour", "complaints", "facilities")
    assert [survey.label(e) for e in ELEMENTS][:2] == [
        "Persyaratan", "Sistem, mekanisme dan prosedur"]
    assert survey.words("requirements") == ("Tidak sesuai", "Kurang sesuai", "Sesuai",
                                            "Sangat sesuai")
    assert survey.words("cost", "en")[3] == "Free"


def test_every_element_and_answer_is_said_in_both_languages() -> None:
    for lang in LANGUAGES:
        for element in ELEMENTS:
            assert survey.label(element, lang) and all(survey.words(element, lang))
        assert [survey.grade_words(g, lang) for g in "ABCD"]


def test_answers_come_as_a_list_or_by_element_code() -> None:
    listed = parse_answers([4, 3, 2, 1, 4, 3, 2, 1, 4])
    assert listed == (4, 3, 2, 1, 4, 3, 2, 1, 4)
    assert parse_answers(dict(zip(reversed(ELEMENTS), reversed(listed), strict=True))) == listed


@pytest.mark.parametrize(("raw", "error", "said"), [
    ([4] * 8, SurveyAnswersInvalid, "8 values"),
    ([4] * 10, SurveyAnswersInvalid, "10 values"),
    ("444444444", SurveyAnswersInvalid, "not str"),
    (None, SurveyAnswersInvalid, "not NoneType"),
    ([4] * 8 + [0], SurveyAnswerOutOfRange, "facilities"),
    ([5] + [4] * 8, SurveyAnswerOutOfRange, "requirements"),
    ([True] + [4] * 8, SurveyAnswerOutOfRange, "True"),
    ([2.5] + [4] * 8, SurveyAnswerOutOfRange, "2.5"),
    (["3"] + [4] * 8, SurveyAnswerOutOfRange, "'3'"),
    ({**dict.fromkeys(ELEMENTS, 4), "price": 4}, SurveyElementUnknown, "price"),
    (dict.fromkeys(ELEMENTS[:-2], 4), SurveyElementMissing, "complaints, facilities"),
])
def test_bad_answers_are_named_errors_saying_what_to_fix(raw: object, error: type,
                                                         said: str) -> None:
    with pytest.raises(error) as refused:
        parse_answers(raw)
    assert isinstance(refused.value, InvalidInput)
    assert refused.value.code == "invalid_survey_answers"
    assert said in refused.value.message and said in refused.value.message_en


def test_the_index_is_the_mean_per_element_weighted_a_ninth_times_25() -> None:
    result = index([[4] * 9, [3] * 9, [4, 4, 4, 4, 4, 4, 4, 4, 1]])
    assert result.count == 3
    assert result.means == (3.67,) * 8 + (2.67,)
    # NRR tertimbang: (8 × 11/3 + 8/3) / 9 = 3.5555…; × 25 = 88.888… → 88.89
    assert result.ikm == 88.89 and result.grade == "A"


def test_the_extremes_are_25_and_100_and_no_surveys_is_no_index() -> None:
    assert (index([[1] * 9]).ikm, index([[1] * 9]).grade) == (25.0, "D")
    assert (index([[4] * 9]).ikm, index([[4] * 9]).grade) == (100.0, "A")
    empty = index([])
    assert (empty.count, empty.ikm, empty.grade) == (0, None, None)
    assert empty.means == (None,) * 9


@pytest.mark.parametrize(("ikm", "expected"), [
    ("100", "A"), ("88.31", "A"), ("88.30", "B"), ("88.305", "A"), ("76.61", "B"),
    ("76.60", "C"), ("65.00", "C"), ("64.99", "D"), ("25", "D")])
def test_the_grade_follows_the_regulations_intervals(ikm: str, expected: str) -> None:
    assert grade(Decimal(ikm)) == expected
    assert grade(float(ikm)) == expected


def test_an_index_on_an_edge_is_rounded_to_two_places_then_graded() -> None:
    thirty_two, thirty_one = [4] * 5 + [3] * 4, [4] * 4 + [3] * 5
    assert index([thirty_one]).ikm == 86.11 and index([thirty_two]).ikm == 88.89
    # 100 surveys of 3179 points: 3179 / 100 / 9 × 25 = 88.3055… → 88.31, grade A;
    # one point less is 88.2777… → 88.28, grade B.
    assert (index([thirty_two] * 79 + [thirty_one] * 21).ikm,
            index([thirty_two] * 79 + [thirty_one] * 21).grade) == (88.31, "A")
    assert index([thirty_two] * 78 + [thirty_one] * 22).grade == "B"
    twenty_eight, twenty_seven = [4] + [3] * 8, [3] * 9
    # 2758 points: 76.611… → 76.61, B; 2757: 76.583… → 76.58, C.
    assert index([twenty_eight] * 58 + [twenty_seven] * 42).grade == "B"
    assert index([twenty_eight] * 57 + [twenty_seven] * 43).grade == "C"
