"""Requests that arrive while others like them are being decided are decided together
(a combiner, the way a database's group commit works): the first to arrive leads and
decides every one waiting then, in one go; those that came meanwhile wait for their
outcome, and the first of them leads the next group. A new group's leader gives way
once first, so that those arriving at the same moment join it. One group at a time per
process; works with threads and with gevent's greenlets (whose monkey-patching makes
these locks and the giving way cooperative)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")


class _Entry(Generic[Item, Outcome]):
    __slots__ = ("group", "item", "outcome", "ready")

    def __init__(self, item: Item):
        self.item = item
        self.outcome: Outcome | None = None  # None until decided: decide it alone
        self.group: list[_Entry[Item, Outcome]] | None = None  # set: this one leads it
        self.ready = threading.Event()


class Combiner(Generic[Item, Outcome]):
    """`submit(item)` returns the item's outcome from `decide(items)` (one outcome per
    item, in order), decided with the items submitted while the group before it was
    being decided: at most `most` at once. None: the item was not decided (its group
    failed, or `decide` said so): its caller decides it alone. (Two groups at a time
    per process were measured too: no faster, with smaller groups.)"""

    def __init__(self, decide: Callable[[Sequence[Item]], Sequence[Outcome | None]],
                 most: int = 32):
        self._decide, self.most = decide, max(1, most)
        self._lock = threading.Lock()
        self._waiting: list[_Entry[Item, Outcome]] = []
        self._busy = False  # a group is being decided

    def submit(self, item: Item) -> Outcome | None:
        """Decide `item` with whatever else is waiting; its outcome (None: decide alone)."""
        entry: _Entry[Item, Outcome] = _Entry(item)
        with self._lock:
            if not self._busy:  # then nothing waits: it leads a new group
                self._busy = True
                entry.group = [entry]
            else:
                self._waiting.append(entry)
        fresh = entry.group is not None
        if not fresh:
            entry.ready.wait()
        if entry.group is not None:  # from the start, or handed the next group
            self._lead(entry.group, gather=fresh)
        return entry.outcome

    def _gather(self, group: list[_Entry[Item, Outcome]]) -> None:
        """A new group's leader gives way once before deciding: those ready to submit at
        the same moment (under gevent, the process's other greenlets that can run now)
        join its group instead of forming the next one. In a rush this halved the groups
        of one and made a booking's CPU a tenth less (docs/performance.md, item 31)."""
        time.sleep(0)
        with self._lock:
            joined = self._waiting[:self.most - len(group)]
            del self._waiting[:len(joined)]
            group.extend(joined)

    def _lead(self, group: list[_Entry[Item, Outcome]], gather: bool = False) -> None:
        """Decide `group` (its leader first; a new one first `_gather`s), hand out the
        outcomes, then hand the entries waiting (at most `most`) to the first of them as
        the next group, whatever happened meanwhile (a greenlet killed while it led)."""
        try:
            if gather:
                self._gather(group)
            outcomes = list(self._decide([entry.item for entry in group]))
            if len(outcomes) != len(group):
                raise ValueError(f"{len(outcomes)} outcomes for a group of {len(group)}")
            for entry, outcome in zip(group, outcomes, strict=True):
                entry.outcome = outcome
        except Exception:  # every item of the group is then decided alone, by its caller
            log.exception("a group of %d failed; each is decided alone", len(group))
        finally:
            for entry in group[1:]:
                entry.ready.set()
            with self._lock:
                if self._waiting:
                    following = self._waiting[:self.most]
                    del self._waiting[:self.most]
                    following[0].group = following
                    following[0].ready.set()
                else:
                    self._busy = False
