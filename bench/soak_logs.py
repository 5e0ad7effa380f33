"""What the soak's servers said about trouble: the server processes' error lines,
PostgreSQL's account of each deadlock (which statements waited on which), and
Redis's own counts of the clients it cut off (a subscriber that falls behind past its
output buffer's limit loses the events published meanwhile)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

# Redis's INFO fields that say a client was cut off or events went nowhere.
REDIS_FIELDS = ("client_output_buffer_limit_disconnections", "rejected_connections",
                "pubsub_channels", "total_connections_received")
_WORDS = re.compile(r"\b(ERROR|CRITICAL|Traceback|Cannot receive|retrying|exception|"
                    r"output buffer|closed ASAP)\b",
                    re.IGNORECASE)
_NUMBERS = re.compile(r"\d+")


def redis_counts(port: int) -> dict[str, str]:
    """REDIS_FIELDS from the server's INFO (absent ones left out)."""
    out = subprocess.run(["redis-cli", "-p", str(port), "info"], capture_output=True,
                         text=True, check=False).stdout
    pairs = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    return {k: pairs[k].strip() for k in REDIS_FIELDS if k in pairs}


def error_lines(logs: list[Path], most: int = 12) -> list[str]:
    """The servers' log lines that speak of trouble, alike ones counted once (numbers
    blanked), the most frequent first: "count × line"."""
    seen: Counter[str] = Counter()
    for path in logs:
        if not path.exists():
            continue
        for line in path.read_text(errors="replace").splitlines():
            if _WORDS.search(line):
                seen[_NUMBERS.sub("#", line.strip())[:200]] += 1
    return [f"{n} × {line}" for line, n in seen.most_common(most)]


def deadlocks(pg_log: Path, most: int = 4) -> list[str]:
    """PostgreSQL's account of its first `most` deadlocks: the ERROR line and the DETAIL,
    CONTEXT and STATEMENT lines after it (the waiting processes and their statements,
    parameters as placeholders: no personal data)."""
    if not pg_log.exists():
        return []
    found: list[str] = []
    block: list[str] | None = None
    for line in pg_log.read_text(errors="replace").splitlines():
        if "deadlock detected" in line and "ERROR" in line:
            if block:
                found.append("\n    ".join(block))
            block = [line.strip()]
        elif block is not None and (line.startswith(("\t", " ")) or re.search(
                r"\b(DETAIL|HINT|CONTEXT|STATEMENT):", line)):
            block.append(line.strip()[:400])
        elif block is not None:
            found.append("\n    ".join(block))
            block = None
    if block:
        found.append("\n    ".join(block))
    return found[:most]
