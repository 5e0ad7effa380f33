"""Calls spoken in Indonesian (and English): number words and the clip sequence."""

from __future__ import annotations

import pytest

from queue_server.domain.speech import announcement, clip_text, say_number, say_words, vocabulary


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


def test_names_are_split_into_word_clips() -> None:
    assert say_words("Ruang KIA-2") == ["ruang", "kia", "dua"]


def test_clip_texts_for_espeak() -> None:
    assert clip_text("nomor-antrian", "id") == "nomor antrian"
    assert clip_text("huruf-c", "id") == "ce"
    assert clip_text("huruf-c", "en") == "C"
    assert clip_text("belas", "id") == "belas"


def test_the_vocabulary_covers_every_call_up_to_999_at_the_demo_rooms() -> None:
    rooms = ["Loket 1", "Loket 2", "Poli Umum", "Ruang KIA", "Apotek"]
    for lang in ("id", "en"):
        words = vocabulary(lang, rooms)
        for n in range(1, 1000):
            for room in rooms:
                assert set(announcement(f"A-{n:03d}", room, lang)) <= words


def test_every_clip_the_demo_board_needs_is_shipped() -> None:
    from display_board.make_sounds import DEFAULT_CONFIG, SOUNDS, counter_names

    names = counter_names([DEFAULT_CONFIG])
    assert (SOUNDS / "chime.ogg").stat().st_size > 1000
    for lang in ("id", "en"):
        missing = [c for c in vocabulary(lang, names) if not (SOUNDS / lang / f"{c}.ogg").exists()]
        assert missing == [], lang
