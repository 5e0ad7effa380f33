"""The soak's memory watch: RSS of the server processes sampled every few seconds, and
tracemalloc snapshots of the workers compared (bench/soak_trace/hooks.py takes them)."""

from __future__ import annotations

import os
import signal
import threading
import time
import tracemalloc
from pathlib import Path


def children(pid: int) -> list[int]:
    """The direct children of `pid` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def rss_mib(pid: int) -> float | None:
    """VmRSS of a process in MiB, None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    """Every `every` seconds, (seconds since start, MiB) per named process."""

    def __init__(self, pids: dict[str, int], every: float = 5.0):
        super().__init__(daemon=True, name="soak-rss")
        self.pids, self.every = pids, every
        self.series: dict[str, list[tuple[float, float]]] = {n: [] for n in pids}
        self.began, self.halt = time.monotonic(), threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            now = time.monotonic() - self.began
            for name, pid in self.pids.items():
                value = rss_mib(pid)
                if value is not None:
                    self.series[name].append((now, value))
            self.halt.wait(self.every)

    def at(self, name: str, seconds: float) -> float:
        """The mean of the samples within 15 s of `seconds` (the nearest one if none)."""
        series = self.series[name]
        near = [v for t, v in series if abs(t - seconds) <= 15]
        if near:
            return sum(near) / len(near)
        return min(series, key=lambda s: abs(s[0] - seconds))[1]

    def summary(self, name: str, warm: float, end: float) -> tuple[str, float]:
        """A line for one process and its growth (%) from `warm` to `end` seconds."""
        start, third, last = (self.at(name, 0), self.at(name, warm), self.at(name, end))
        peak = max(v for t, v in self.series[name] if t <= end + 15)
        growth = 100 * (last - third) / third
        return (f"{name}: start {start:.1f} MiB, at 1/3 {third:.1f}, end {last:.1f}, "
                f"peak {peak:.1f}; growth over the last two thirds {growth:+.1f} %"), growth


def snapshot(pids: list[int], folder: Path, timeout: float = 120) -> list[Path]:
    """Ask each worker for a tracemalloc snapshot (SIGUSR2); the files once written."""
    before = {p: set(folder.glob(f"{p}-*.tracemalloc")) for p in pids}
    for pid in pids:
        os.kill(pid, signal.SIGUSR2)
    deadline, found = time.monotonic() + timeout, []
    for pid in pids:
        while time.monotonic() < deadline:
            new = set(folder.glob(f"{pid}-*.tracemalloc")) - before[pid]
            if new:
                found.append(new.pop())
                break
            time.sleep(0.5)
    return found


def growth_report(first: Path, last: Path, top: int = 12) -> str:
    """The biggest growths between two snapshots, grouped by traceback (10 frames)."""
    old, new = tracemalloc.Snapshot.load(str(first)), tracemalloc.Snapshot.load(str(last))
    keep = [tracemalloc.Filter(False, tracemalloc.__file__),
            tracemalloc.Filter(False, "<frozen importlib._bootstrap>")]
    old, new = old.filter_traces(keep), new.filter_traces(keep)
    lines = [f"traced: {sum(s.size for s in old.statistics('filename')) / 2**20:.1f} MiB -> "
             f"{sum(s.size for s in new.statistics('filename')) / 2**20:.1f} MiB"]
    for stat in new.compare_to(old, "traceback")[:top]:
        lines.append(f"{stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks "
                     f"(now {stat.size / 1024:.1f} KiB)")
        frames = [f for f in stat.traceback if "site-packages/gevent" not in f.filename]
        for frame in frames[-10:]:
            lines.append(f"      {frame.filename.split('site-packages/')[-1]}:{frame.lineno}")
    return "\n".join(lines)
