"""Record the board's speech clips offline with espeak-ng and sox (Debian packages).

    python -m display_board.make_sounds [--config config/demo.yaml ...]

Writes display_board/static/sounds/{id,en}/<clip>.ogg for every word a call may need
(numbers, letters, phrases, and the words of every counter name in the given
configuration files) and sounds/chime.ogg. The files are committed, so a TV needs no
speech engine and no internet. Run it again after adding rooms with new names.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

from queue_server.domain.speech import clip_text, vocabulary

ROOT = Path(__file__).resolve().parent
SOUNDS = ROOT / "static" / "sounds"
DEFAULT_CONFIG = ROOT.parent / "config" / "demo.yaml"
VOICES = {"id": "id", "en": "en-gb"}
# Trim the silence espeak leaves around a word, so clips join into a sentence.
TRIM = ["silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"]


def counter_names(configs: list[Path]) -> list[str]:
    names = []
    for path in configs:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for facility in data.get("facilities") or []:
            names += [c.get("name", c["code"]) for c in facility.get("counters") or []]
    return names


def record(text: str, voice: str, out: Path, work: Path) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, nargs="*", default=[DEFAULT_CONFIG])
    args = parser.parse_args()
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install espeak-ng sox")
    names = counter_names(args.config)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for lang, voice in VOICES.items():
            folder = SOUNDS / lang
            folder.mkdir(parents=True, exist_ok=True)
            for clip in sorted(vocabulary(lang, names)):
                record(clip_text(clip, lang), voice, folder / f"{clip}.ogg", work)
        chime(SOUNDS / "chime.ogg")
    count = sum(1 for _ in SOUNDS.rglob("*.ogg"))
    size = sum(p.stat().st_size for p in SOUNDS.rglob("*.ogg"))
    print(f"{count} clips, {size // 1024} KiB in {SOUNDS}")


if __name__ == "__main__":
    main()
