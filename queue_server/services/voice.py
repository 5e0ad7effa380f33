"""The board's voice as the server knows it: which clips are recorded, and what a call says.

The clips are the OGG files under `display_board/static/sounds/{lang}/`, listed again
whenever the folder changes; the rules of speech are the domain's (`queue_server/domain/speech.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from ..domain.speech import announcement, unspoken_words
from .port_rows import CounterRow
from .ports import UnitOfWork

SOUNDS = Path(__file__).resolve().parents[2] / "display_board" / "static" / "sounds"
LANGS = ("id", "en")


@cache
def _clips_in(folder: Path, _changed: int) -> frozenset[str]:
    return frozenset(path.stem for path in folder.glob("*.ogg"))


def available_clips(lang: str) -> frozenset[str]:
    """The clip names recorded for `lang`: the folder is listed again only when it changed
    (its mtime), so clips recorded by `make_sounds` while the server runs are used at the
    next call, without a restart."""
    folder = SOUNDS / lang
    try:
        changed = folder.stat().st_mtime_ns
    except FileNotFoundError:
        return frozenset()
    return _clips_in(folder, changed)


def counter_number(counter: CounterRow) -> int:
    """The number a counter is called by when its name cannot be spoken: its place on
    the board, counting from one."""
    return int(counter.position or 0) + 1


@lru_cache(maxsize=4096)
def _spoken(number: str, name: str, lang: str, clips: frozenset[str], position: int,
            short: bool) -> tuple[str, ...]:
    return tuple(announcement(number, name, lang, clips, position, short=short))


def call_clips(number: str, counter: CounterRow | None,
               short: bool = False) -> dict[str, list[str]] | None:
    """The clips of a call to `counter` in each board language (None without a counter)."""
    if counter is None:
        return None
    return {lang: list(_spoken(number, counter.name, lang, available_clips(lang),
                               counter_number(counter), short)) for lang in LANGS}


def announce_fields(number: str,
                    counter: CounterRow | None) -> dict[str, dict[str, list[str]] | None]:
    """`announce` (the full sentence) and `announce_short` (the phrase for a call queued
    behind another), as `ticket.called` and the board snapshot's last calls carry them.

    Each language's clips are listed once a call; the same number called to the same
    counter with the same clips is spoken from memory."""
    if counter is None:
        return {"announce": None, "announce_short": None}
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    for lang in LANGS:
        clips = available_clips(lang)
        where = (number, counter.name, lang, clips, counter_number(counter))
        full[lang] = list(_spoken(*where, False))
        short[lang] = list(_spoken(*where, True))
    return {"announce": full, "announce_short": short}


def unspoken(names: Iterable[str]) -> dict[str, list[str]]:
    """Per language, the words of `names` with no clip of their own (spelled instead)."""
    names = list(names)
    return {lang: words for lang in LANGS
            if (words := unspoken_words(names, lang, available_clips(lang)))}


def warning_lines(names: Iterable[str], config_hint: str = "FILE") -> list[str]:
    """One warning line per language with words that have no clip, for the command line."""
    return [f"warning: no {lang} voice clips for: {', '.join(words)} (spelled letter by "
            f"letter; record them with python -m display_board.make_sounds --config "
            f"{config_hint})" for lang, words in unspoken(names).items()]


def configured_counter_names(uow: UnitOfWork) -> list[str]:
    """The names of every active counter of every facility in the database."""
    with uow:
        return [counter.name for facility in uow.directory.facilities()
                for counter in uow.directory.counters(facility.id)]
