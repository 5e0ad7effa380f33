"""How a call is spoken: numbers read as words, and the clip sequence a board plays.

"Nomor antrian A dua belas, silakan menuju loket dua": each word is a short pre-recorded
clip, so the TV needs no speech engine. Clip names are lowercase words (`dua`, `belas`),
letters (`huruf-a`) and fixed phrases (`nomor-antrian`, `silakan-menuju`).

Every configured name can be spoken: an all-capital word (`KIA`, `UGD`) is spelled letter
by letter, a word with no recorded clip is spelled too, and a name with nothing speakable
is said as the counter's number ("loket tiga"). Which clips exist is the caller's
knowledge (`clips`), so this module stays pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable

ONES_ID = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
           "sembilan"]
ONES_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
           "seventeen", "eighteen", "nineteen"]
TENS_EN = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
           "ninety"]

# What espeak-ng is given for each fixed clip (phrases, and letters by their spoken name).
PHRASES = {
    "id": {"nomor-antrian": "nomor antrian", "silakan-menuju": "silakan menuju"},
    "en": {"nomor-antrian": "number", "silakan-menuju": "please go to"},
}
LETTERS_ID = dict(zip("abcdefghijklmnopqrstuvwxyz",
                      ["a", "be", "ce", "de", "e", "ef", "ge", "ha", "i", "je", "ka", "el",
                       "em", "en", "o", "pe", "ki", "er", "es", "te", "u", "ve", "we", "eks",
                       "ye", "zet"], strict=True))
# Room words an English board says in English; other names are said as they are written.
ENGLISH_WORDS = {"loket": "counter", "ruang": "room", "ruangan": "room", "apotek": "pharmacy",
                 "laboratorium": "laboratory", "pendaftaran": "registration",
                 "farmasi": "pharmacy", "kasir": "cashier"}
# Words of a puskesmas's rooms, recorded even before a configuration names them.
ROOM_WORDS = ("loket", "ruang", "poli", "pendaftaran", "umum", "gigi", "anak", "lansia",
              "imunisasi", "gizi", "laboratorium", "apotek", "farmasi", "kasir", "tindakan",
              "bersalin", "sehat")
COUNTER_WORD = "loket"
_NUMBER = re.compile(r"^([A-Z]{1,3})-(\d+)$")
_WORD = re.compile(r"[A-Za-z]+|\d+")


def say_number(n: int, lang: str = "id") -> list[str]:
    """The words of a whole number from 0 to 9999, as clip names."""
    if not 0 <= n <= 9999:
        raise ValueError("numbers from 0 to 9999 can be spoken")
    return _id(n) if lang == "id" else _en(n)


def _id(n: int) -> list[str]:
    if n < 10:
        return [ONES_ID[n]]
    if n == 10:
        return ["sepuluh"]
    if n == 11:
        return ["sebelas"]
    if n < 20:
        return [ONES_ID[n - 10], "belas"]
    if n < 100:
        return [ONES_ID[n // 10], "puluh"] + (_id(n % 10) if n % 10 else [])
    if n < 1000:
        head = ["seratus"] if n // 100 == 1 else [ONES_ID[n // 100], "ratus"]
        return head + (_id(n % 100) if n % 100 else [])
    head = ["seribu"] if n // 1000 == 1 else [ONES_ID[n // 1000], "ribu"]
    return head + (_id(n % 1000) if n % 1000 else [])


def _en(n: int) -> list[str]:
    if n < 20:
        return [ONES_EN[n]]
    if n < 100:
        return [TENS_EN[n // 10]] + (_en(n % 10) if n % 10 else [])
    if n < 1000:
        return [ONES_EN[n // 100], "hundred"] + (_en(n % 100) if n % 100 else [])
    return [ONES_EN[n // 1000], "thousand"] + (_en(n % 1000) if n % 1000 else [])


def words_of(text: str) -> list[str]:
    """The words and digit groups of a name; accents dropped (`Ruang Bidan É` → `E`)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def spell(word: str) -> list[str]:
    """A word letter by letter: `KIA` → huruf-k huruf-i huruf-a."""
    return [f"huruf-{ch}" for ch in word.lower()]


def _digits(word: str, lang: str) -> list[str]:
    if len(word) <= 4:
        return say_number(int(word), lang)
    return [clip for ch in word for clip in say_number(int(ch), lang)]  # read digit by digit


def word_clips(word: str, lang: str = "id", clips: Collection[str] | None = None) -> list[str]:
    """The clips of one word: a number, a spelled abbreviation, or the word itself.

    With `clips` (the clips that exist), a word without its own clip is spelled, and a
    word that cannot be spelled either gives nothing."""
    if word.isdigit():
        return _digits(word, lang)
    if word.isupper() or len(word) == 1:
        sequence = spell(word)
    else:
        low = word.lower()
        key = ENGLISH_WORDS.get(low, low) if lang == "en" else low
        if clips is None or key in clips:
            return [key]
        sequence = spell(word)
    if clips is None or all(c in clips for c in sequence):
        return sequence
    return []


def say_words(text: str, lang: str = "id", clips: Collection[str] | None = None) -> list[str]:
    """A counter or room name as clips: words lowercased, digits read as numbers,
    all-capital words spelled (see `word_clips`)."""
    return [clip for word in words_of(text) for clip in word_clips(word, lang, clips)]


def say_destination(name: str, lang: str = "id", clips: Collection[str] | None = None,
                    counter_number: int | None = None) -> list[str]:
    """Where to go: the name's clips, or "loket N" when nothing in the name can be said."""
    spoken = say_words(name, lang, clips)
    if spoken or counter_number is None:
        return spoken
    return say_words(f"{COUNTER_WORD} {counter_number}", lang, None)


def announcement(number: str, destination: str, lang: str = "id",
                 clips: Collection[str] | None = None, counter_number: int | None = None,
                 short: bool = False) -> list[str]:
    """The clips of one call, without the chime: prefix letters, the number, the room.

    `short`: the phrase for a call queued behind another, "A dua belas, loket dua"
    (no "nomor antrian", no "silakan menuju"), so a rush is spoken in time."""
    match = _NUMBER.match(number)
    if not match:
        raise ValueError(f"not a queue number: {number!r}")
    prefix, digits = match.groups()
    ticket = [*spell(prefix), *_digits(str(int(digits)), lang)]
    where = say_destination(destination, lang, clips, counter_number)
    if short:
        return [*ticket, *where]
    return ["nomor-antrian", *ticket, "silakan-menuju", *where]


def unspoken_words(names: Iterable[str], lang: str, clips: Collection[str]) -> list[str]:
    """The words of `names` that have no clip of their own (they are spelled instead)."""
    missing = set()
    for name in names:
        for word in words_of(name):
            if word.isdigit() or word.isupper() or len(word) == 1:
                continue
            low = word.lower()
            key = ENGLISH_WORDS.get(low, low) if lang == "en" else low
            if key not in clips:
                missing.add(key)
    return sorted(missing)


def clip_text(clip: str, lang: str) -> str:
    """What to give espeak-ng to record `clip` in `lang`."""
    if clip in PHRASES[lang]:
        return PHRASES[lang][clip]
    if clip.startswith("huruf-"):
        letter = clip.removeprefix("huruf-")
        return LETTERS_ID[letter] if lang == "id" else letter.upper()
    return clip


def vocabulary(lang: str, names: Iterable[str]) -> set[str]:
    """Every clip a board may need: phrases, letters, number words, common room words and
    the words of the configured names."""
    clips = set(PHRASES[lang]) | {f"huruf-{ch}" for ch in LETTERS_ID}
    for n in [*range(0, 20), *range(20, 100, 10), 100, 200, 1000, 2000]:
        clips.update(say_number(n, lang))
    for name in [*ROOM_WORDS, *names]:
        clips.update(say_words(name, lang))
    return clips
