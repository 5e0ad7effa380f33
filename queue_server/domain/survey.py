"""The Survei Kepuasan Masyarakat (SKM) of Permenpan-RB 14/2017: its nine elements, the
answers a citizen gives (1–4 each), and the index (IKM) with its service grade.

One survey serves the queue (a finished visit) and every e-service module (a closed
case). The elements' names and the regulation's words for each answer are catalogue
keys (`survey.element.<code>`, `survey.value.<code>.<1..4>`), read with `label` and
`words`; the domain keeps no word table of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .errors import InvalidInput
from .texts import text

# The nine elements (unsur) in the regulation's order (Permenpan-RB 14/2017, Lampiran,
# Bab II): persyaratan; sistem, mekanisme dan prosedur; waktu penyelesaian; biaya/tarif;
# produk spesifikasi jenis pelayanan; kompetensi pelaksana; perilaku pelaksana;
# penanganan pengaduan, saran dan masukan; sarana dan prasarana.
ELEMENTS: tuple[str, ...] = ("requirements", "procedure", "time", "cost", "product",
                             "competence", "behaviour", "complaints", "facilities")
VALUES: tuple[int, ...] = (1, 2, 3, 4)  # the perception scale: 1 worst … 4 best
# Each element weighs the same: 1/9 (the regulation's "bobot nilai rata-rata tertimbang"
# 1/9 = 0.111), and the weighted mean (1–4) is converted to 25–100 by × 25.
WEIGHT = Fraction(1, len(ELEMENTS))
CONVERSION = 25
# The service grades by converted index (Permenpan-RB 14/2017, Lampiran, Bab III, table
# "Nilai Persepsi, Interval IKM, Interval Konversi IKM, Mutu Pelayanan dan Kinerja Unit
# Pelayanan"): A 88.31–100 (sangat baik), B 76.61–88.30 (baik), C 65.00–76.60 (kurang
# baik), D 25.00–64.99 (tidak baik). Lowest index of each grade, best first.
GRADES: tuple[tuple[Decimal, str], ...] = ((Decimal("88.31"), "A"), (Decimal("76.61"), "B"),
                                           (Decimal("65.00"), "C"), (Decimal("25.00"), "D"))
COMMENT_MAX = 1000  # characters of the optional suggestion (saran)


class SurveyAnswersInvalid(InvalidInput):
    code = "invalid_survey_answers"
    text_id = ("Jawaban survei harus berisi 9 nilai (satu per unsur, berurutan) atau "
               "pasangan unsur → nilai; {why}.")
    text_en = ("Survey answers must be 9 values (one per element, in order) or element → "
               "value pairs; {why}.")
    meaning = "The answers are not a list of 9 values or a mapping by element code."


class SurveyAnswerOutOfRange(InvalidInput):
    code = "invalid_survey_answers"
    text_id = "Jawaban unsur {element} harus bilangan bulat 1 sampai 4, bukan {value}."
    text_en = "The answer for {element} must be a whole number from 1 to 4, not {value}."


class SurveyElementUnknown(InvalidInput):
    code = "invalid_survey_answers"
    text_id = "Unsur survei {element} tidak dikenal. Unsur yang ada: {known}."
    text_en = "Unknown survey element {element}. The elements are: {known}."


class SurveyElementMissing(InvalidInput):
    code = "invalid_survey_answers"
    text_id = "Unsur survei belum dijawab: {missing}."
    text_en = "Survey elements not answered: {missing}."


def _value(element: str, raw: Any) -> int:
    """One answer as 1–4; SurveyAnswerOutOfRange for anything else (a bool, 2.5, "3")."""
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in VALUES:
        raise SurveyAnswerOutOfRange(element=element, value=repr(raw)[:20])
    return raw


def parse_answers(raw: Any) -> tuple[int, ...]:
    """The nine answers in ELEMENTS order from a list of 9 whole numbers 1–4, or from a
    mapping of every element code to one. Raises SurveyAnswersInvalid (another shape, a
    list of another length), SurveyElementUnknown, SurveyElementMissing,
    SurveyAnswerOutOfRange (all 422 `invalid_survey_answers`)."""
    if isinstance(raw, Mapping):
        unknown = sorted(str(key) for key in raw if key not in ELEMENTS)
        if unknown:
            raise SurveyElementUnknown(element=", ".join(unknown)[:80],
                                       known=", ".join(ELEMENTS))
        missing = [element for element in ELEMENTS if element not in raw]
        if missing:
            raise SurveyElementMissing(missing=", ".join(missing))
        return tuple(_value(element, raw[element]) for element in ELEMENTS)
    if isinstance(raw, Sequence) and not isinstance(raw, (str, bytes)):
        if len(raw) != len(ELEMENTS):
            raise SurveyAnswersInvalid(why=f"{len(raw)} values were given")
        return tuple(_value(element, value) for element, value in zip(ELEMENTS, raw, strict=True))
    raise SurveyAnswersInvalid(why=f"not {type(raw).__name__}")


def grade(ikm: Decimal | float) -> str:
    """The service grade (mutu pelayanan) A–D of a converted index 25–100, by the
    regulation's intervals (GRADES): 88.31 is A, 88.30 is B, 64.99 is D."""
    value = Decimal(str(ikm)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return next((name for lowest, name in GRADES if value >= lowest), "D")


@dataclass(frozen=True)
class SurveyIndex:
    """The SKM result of `count` surveys: each element's mean answer (1–4, ELEMENTS
    order, two decimals), the index IKM (25–100, two decimals) and its grade A–D; the
    means, index and grade are None when there are no surveys."""

    count: int
    means: tuple[float | None, ...]
    ikm: float | None
    grade: str | None


def _two_places(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)


def index(surveys: Sequence[Sequence[int]]) -> SurveyIndex:
    """The IKM of the surveys' answers (each nine values 1–4, ELEMENTS order): the mean of
    each element (NRR per unsur), weighted 1/9 each and summed (NRR tertimbang), × 25,
    rounded half up to two decimals, then graded (Permenpan-RB 14/2017, Lampiran, Bab
    III). Exact arithmetic, so an index on a grade's edge is graded as the table says."""
    if not surveys:
        return SurveyIndex(0, (None,) * len(ELEMENTS), None, None)
    count = len(surveys)
    means = [Fraction(sum(answers[i] for answers in surveys), count)
             for i in range(len(ELEMENTS))]
    ikm = _two_places(sum((mean * WEIGHT for mean in means), Fraction(0)) * CONVERSION)
    return SurveyIndex(count, tuple(float(_two_places(mean)) for mean in means),
                       float(ikm), grade(ikm))


def label(element: str, lang: str = "id") -> str:
    """An element's name in `lang` ("Persyaratan", "Requirements"). KeyError for an
    unknown element."""
    return text(f"survey.element.{element}", lang)


def words(element: str, lang: str = "id") -> tuple[str, ...]:
    """The regulation's words for the answers 1–4 of `element`, in `lang`
    ("Tidak sesuai" … "Sangat sesuai")."""
    return tuple(text(f"survey.value.{element}.{value}", lang) for value in VALUES)


def grade_words(name: str, lang: str = "id") -> str:
    """The grade's name in `lang` (A "Sangat baik" … D "Tidak baik")."""
    return text(f"survey.grade.{name}", lang)
