"""Record the board's speech clips offline with espeak-ng and sox (Debian packages).

    python -m display_board.make_sounds [--config config/demo.yaml ...] [--missing]

Writes display_board/static/sounds/{id,en}/<clip>.ogg for every word a call may need
(numbers, letters, phrases, common room words, and the words of every counter name in
the given configuration files) and sounds/chime.ogg. The files are committed, so a TV
needs no speech engine and no internet. Run it again after adding rooms with new names;
`--missing` records only the clips not there yet (the others stay byte for byte).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from queue_server.domain.speech import clip_text, vocabulary
from queue_server.services.configuration import counter_names as configured_names
from queue_server.services.configuration import read_config

ROOT = Path(__file__).resolve().parent
SOUNDS = ROOT / "static" / "sounds"
DEFAULT_CONFIG = ROOT.parent / "config" / "demo.yaml"
VOICES = {"id": "id", "en": "en-gb"}
# Trim the silence espeak leaves around a word, so clips join into a sentence.
TRIM = ["silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"]


def counter_names(configs: list[Path]) -> list[str]:
    """Every counter name in the configuration files (`${VAR}` expanded as load-config does)."""
    return [name for path in configs for name in configured_names(read_config(path))]


def record(text: str, voice: str, out: Path, work: Path) -> None:
    """One clip: espeak-ng speaks `text`, sox trims the silence and writes OGG."""
    wav = work / "clip.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "145", "-w", str(wav), text], check=True)
    subprocess.run(["sox", str(wav), "-r", "22050", "-c", "1", "-C", "0", str(out), *TRIM,
                    "pad", "0", "0.06", "norm", "-1"], check=True)


def chime(out: Path) -> None:
    """Two soft tones, ding-dong, before every call."""
    subprocess.run(["sox", "-n", "-r", "22050", "-c", "1", "-C", "0", str(out),
                    "synth", "0.45", "sine", "880", "sine", "1320", "remix", "-",
                    "fade", "0.01", "0.45", "0.35", ":", "synth", "0.7", "sine", "659",
                    "sine", "988", "remix", "-", "fade", "0.01", "0.7", "0.55",
                    "norm", "-3"], check=True)


def record_all(names: list[str], missing_only: bool) -> list[str]:
    """Record the vocabulary of `names` in every language; returns the clips written."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for lang, voice in VOICES.items():
            folder = SOUNDS / lang
            folder.mkdir(parents=True, exist_ok=True)
            for clip in sorted(vocabulary(lang, names)):
                out = folder / f"{clip}.ogg"
                if missing_only and out.exists():
                    continue
                record(clip_text(clip, lang), voice, out, work)
                written.append(f"{lang}/{clip}")
        if not (missing_only and (SOUNDS / "chime.ogg").exists()):
            chime(SOUNDS / "chime.ogg")
            written.append("chime")
    return written


def main() -> None:
    """Record the clips the given configurations need."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, nargs="*", default=[DEFAULT_CONFIG])
    parser.add_argument("--missing", action="store_true",
                        help="record only the clips that are not there yet")
    args = parser.parse_args()
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install espeak-ng sox")
    written = record_all(counter_names(args.config), args.missing)
    count = sum(1 for _ in SOUNDS.rglob("*.ogg"))
    size = sum(p.stat().st_size for p in SOUNDS.rglob("*.ogg"))
    print(f"recorded {len(written)}: {' '.join(written) or '-'}")
    print(f"{count} clips, {size // 1024} KiB in {SOUNDS}")


if __name__ == "__main__":
    main()
