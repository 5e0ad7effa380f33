"""How a call is spoken: numbers read as words, and the clip sequence a board plays.

"Nomor antrian A dua belas, silakan menuju loket dua": each word is a short pre-recorded
clip, so the TV needs no speech engine. Clip names are lowercase words (`dua`, `belas`),
letters (`huruf-a`) and fixed phrases (`nomor-antrian`, `silakan-menuju`).
"""

from __future__ import annotations

import re

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
                 "laboratorium": "laboratory", "pendaftaran": "registration"}
_NUMBER = re.compile(r"^([A-Z]{1,3})-(\d+)$")


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


def say_words(text: str, lang: str = "id") -> list[str]:
    """A counter or room name as clips: words lowercased, digits read as numbers."""
    clips: list[str] = []
    for word in re.findall(r"[A-Za-z]+|\d+", text):
        if word.isdigit():
            clips += say_number(int(word) % 10000, lang)
        else:
            word = word.lower()
            clips.append(ENGLISH_WORDS.get(word, word) if lang == "en" else word)
    return clips


def announcement(number: str, destination: str, lang: str = "id") -> list[str]:
    """The clips of one call, without the chime: prefix letters, the number, the room."""
    match = _NUMBER.match(number)
    if not match:
        raise ValueError(f"not a queue number: {number!r}")
    prefix, digits = match.groups()
    letters = [f"huruf-{ch.lower()}" for ch in prefix]
    return (["nomor-antrian", *letters, *say_number(int(digits), lang), "silakan-menuju",
             *say_words(destination, lang)])


def clip_text(clip: str, lang: str) -> str:
    """What to give espeak-ng to record `clip` in `lang`."""
    if clip in PHRASES[lang]:
        return PHRASES[lang][clip]
    if clip.startswith("huruf-"):
        letter = clip.removeprefix("huruf-")
        return LETTERS_ID[letter] if lang == "id" else letter.upper()
    return clip


def vocabulary(lang: str, names: list[str]) -> set[str]:
    """Every clip a board may need: phrases, letters, number words, and the room names."""
    clips = set(PHRASES[lang]) | {f"huruf-{ch}" for ch in LETTERS_ID}
    for n in [*range(0, 20), *range(20, 100, 10), 100, 200, 1000, 2000]:
        clips.update(say_number(n, lang))
    for name in names:
        clips.update(say_words(name, lang))
    return clips
