"""Calls spoken in Indonesian (and English): number words and the clip sequence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from queue_server.domain.speech import (
    LETTERS_ID,
    announcement,
    clip_text,
    say_destination,
    say_number,
    say_words,
    spell,
    unspoken_words,
    vocabulary,
)

LETTERS = {f"huruf-{ch}" for ch in LETTERS_ID}
# What a board has recorded in this test: a few room words, the letters and the numbers.
CLIPS = LETTERS | {"loket", "ruang", "poli", "gigi", "satu", "dua", "tiga", "counter", "room",
                   "two", "three"}


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (100, "seratus"),
    (101, "seratus satu"), (111, "seratus sebelas"),
    (999, "sembilan ratus sembilan puluh sembilan"), (1000, "seribu"),
    (1012, "seribu dua belas"), (2345, "dua ribu tiga ratus empat puluh lima"),
])
def test_numbers_are_read_as_indonesian_words(n: int, words: str) -> None:
    assert " ".join(say_number(n)) == words


@pytest.mark.parametrize(("n", "words"), [
    (0, "zero"), (12, "twelve"), (21, "twenty one"), (101, "one hundred one"),
    (999, "nine hundred ninety nine"), (1000, "one thousand"),
])
def test_numbers_are_read_as_english_words(n: int, words: str) -> None:
    assert " ".join(say_number(n, "en")) == words


def test_only_numbers_up_to_9999_are_spoken() -> None:
    with pytest.raises(ValueError):
        say_number(10000)


def test_a_call_to_a_loket_drops_leading_zeros_and_reads_the_loket_number() -> None:
    assert announcement("A-012", "Loket 2") == [
        "nomor-antrian", "huruf-a", "dua", "belas", "silakan-menuju", "loket", "dua"]


def test_a_call_to_a_poli_room_says_the_room_name() -> None:
    assert announcement("C-007", "Poli Gigi") == [
        "nomor-antrian", "huruf-c", "tujuh", "silakan-menuju", "poli", "gigi"]


def test_an_english_board_says_it_in_english() -> None:
    assert announcement("B-021", "Loket 1", "en") == [
        "nomor-antrian", "huruf-b", "twenty", "one", "silakan-menuju", "counter", "one"]


def test_a_bad_number_is_refused() -> None:
    with pytest.raises(ValueError):
        announcement("12", "Loket 1")


def test_names_are_split_into_word_clips_and_capitals_are_spelled() -> None:
    assert say_words("Ruang KIA-2") == ["ruang", "huruf-k", "huruf-i", "huruf-a", "dua"]
    assert say_words("Loket A") == ["loket", "huruf-a"]


def test_a_word_without_a_clip_is_spelled_rather_than_skipped() -> None:
    assert say_words("Ruang Lansia Sehat", clips=CLIPS) == [
        "ruang", *spell("lansia"), *spell("sehat")]
    assert say_words("Ruang Lansia Sehat", clips=CLIPS | {"lansia", "sehat"}) == [
        "ruang", "lansia", "sehat"]


def test_an_english_board_spells_what_it_cannot_say_too() -> None:
    assert say_words("Ruang UGD 2", "en", CLIPS) == [
        "room", "huruf-u", "huruf-g", "huruf-d", "two"]


def test_accents_are_dropped_and_long_digit_groups_read_one_by_one() -> None:
    assert say_words("Poli Gigi É") == ["poli", "gigi", "huruf-e"]
    assert say_words("Ruang 12345") == ["ruang", "satu", "dua", "tiga", "empat", "lima"]


def test_a_name_with_nothing_speakable_falls_back_to_the_counter_number() -> None:
    assert say_destination("★ ✚", "id", CLIPS, counter_number=3) == ["loket", "tiga"]
    assert say_destination("🦷", "en", CLIPS, counter_number=2) == ["counter", "two"]
    assert say_destination("Poli Gigi", "id", CLIPS, counter_number=3) == ["poli", "gigi"]
    # Letters that cannot be spelled (no clips at all) also leave only the number.
    assert say_destination("Melati", "id", {"loket", "dua"}, counter_number=2) == [
        "loket", "dua"]


def test_a_call_to_ruang_lansia_sehat_says_the_whole_name() -> None:
    long = announcement("B-003", "Ruang Lansia Sehat", "id", CLIPS, counter_number=4)
    assert long[:4] == ["nomor-antrian", "huruf-b", "tiga", "silakan-menuju"]
    assert long[4:] == ["ruang", *spell("lansia"), *spell("sehat")]


def test_the_short_phrase_of_a_queued_call_drops_the_fixed_words() -> None:
    assert announcement("A-012", "Loket 2", short=True) == [
        "huruf-a", "dua", "belas", "loket", "dua"]
    assert announcement("C-007", "Ruang KIA", "en", short=True) == [
        "huruf-c", "seven", "room", "huruf-k", "huruf-i", "huruf-a"]


def test_words_without_clips_are_listed_for_the_warning() -> None:
    names = ["Loket 1", "Ruang KIA", "Ruang Lansia Sehat", "Poli Gigi", "🦷"]
    assert unspoken_words(names, "id", CLIPS) == ["lansia", "sehat"]
    assert unspoken_words(names, "en", {"counter", "room"}) == ["gigi", "lansia", "poli", "sehat"]


def test_clip_texts_for_espeak() -> None:
    assert clip_text("nomor-antrian", "id") == "nomor antrian"
    assert clip_text("huruf-c", "id") == "ce"
    assert clip_text("huruf-c", "en") == "C"
    assert clip_text("belas", "id") == "belas"


def test_the_vocabulary_covers_every_call_up_to_999_at_the_demo_rooms() -> None:
    rooms = ["Loket 1", "Loket 2", "Poli Umum", "Ruang KIA", "Apotek", "Ruang Melati"]
    for lang in ("id", "en"):
        words = vocabulary(lang, rooms)
        assert unspoken_words(rooms, lang, words) == []
        for n in range(1, 1000):
            for room in rooms:
                for short in (False, True):
                    assert set(announcement(f"A-{n:03d}", room, lang, short=short)) <= words


def test_every_clip_the_demo_board_needs_is_shipped() -> None:
    from display_board.make_sounds import DEFAULT_CONFIG, SOUNDS, counter_names

    names = counter_names([DEFAULT_CONFIG])
    assert "Ruang KIA" in names
    assert (SOUNDS / "chime.ogg").stat().st_size > 1000
    for lang in ("id", "en"):
        missing = [c for c in vocabulary(lang, names) if not (SOUNDS / lang / f"{c}.ogg").exists()]
        assert missing == [], lang


def test_the_server_knows_which_clips_are_recorded() -> None:
    from queue_server.services.voice import available_clips, unspoken, warning_lines

    assert {"nomor-antrian", "lansia", "huruf-z", "sembilan"} <= available_clips("id")
    assert "registration" in available_clips("en")
    assert unspoken(["Loket 1", "Ruang Lansia"]) == {}
    lines = warning_lines(["Ruang Melati", "Ruang Mawar"], "rooms.yaml")
    assert lines[0].startswith("warning: no id voice clips for: mawar, melati (spelled")
    assert "make_sounds --config rooms.yaml" in lines[0]


def test_make_sounds_records_the_whole_configured_vocabulary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from display_board import make_sounds

    config = tmp_path / "rooms.yaml"
    config.write_text("facilities:\n  - code: x\n    counters:\n"
                      "      - {code: m, name: Ruang Melati UGD, services: [u]}\n"
                      "      - {code: ${ROOM_CODE:-r2}}\n", encoding="utf-8")
    recorded: list[tuple[str, str]] = []

    def fake_record(text: str, voice: str, out: Path, work: Path) -> None:
        recorded.append((voice, text))
        out.write_bytes(b"ogg")

    monkeypatch.setattr(make_sounds, "SOUNDS", tmp_path / "sounds")
    monkeypatch.setattr(make_sounds, "record", fake_record)
    monkeypatch.setattr(make_sounds, "chime", lambda out: out.write_bytes(b"ogg"))
    names = make_sounds.counter_names([config])
    assert names == ["Ruang Melati UGD", "r2"]
    written = make_sounds.record_all(names, missing_only=False)
    assert {"id/melati", "en/melati", "id/ruang", "en/room", "id/huruf-u", "chime"} <= set(
        written)
    assert ("id", "ki") in recorded and ("en-gb", "Q") in recorded  # letters by their names
    assert "id/ugd" not in written  # all-capital words are spelled, never recorded whole
    for lang in ("id", "en"):
        assert unspoken_words(names, lang, {p.stem for p in (tmp_path / "sounds" / lang)
                                            .glob("*.ogg")}) == []
    assert make_sounds.record_all(names, missing_only=True) == []


def test_clips_recorded_while_the_server_runs_are_used_without_a_restart(
        tmp_path: Any, monkeypatch: Any) -> None:
    from queue_server.services import voice

    (tmp_path / "id").mkdir()
    (tmp_path / "id" / "loket.ogg").write_bytes(b"")
    monkeypatch.setattr(voice, "SOUNDS", tmp_path)
    assert voice.available_clips("id") == {"loket"}
    (tmp_path / "id" / "melati.ogg").write_bytes(b"")
    assert voice.available_clips("id") == {"loket", "melati"}
