"""The cache port's in-process implementation (services/cache.py): TTLs, forgetting by key
and by prefix, a load racing a forget is not kept, None is never kept."""

from __future__ import annotations

from queue_server.services.cache import MemoryCache


class Ticking:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_value_is_reused_until_its_ttl_then_loaded_again() -> None:
    clock, loads = Ticking(), []
    cache = MemoryCache(clock)

    def load() -> int:
        loads.append(1)
        return len(loads)

    assert cache.get(("pace", 1), load, 10) == 1
    clock.now += 9.9
    assert cache.get(("pace", 1), load, 10) == 1
    clock.now += 0.2
    assert cache.get(("pace", 1), load, 10) == 2


def test_none_is_never_kept() -> None:
    cache, loads = MemoryCache(Ticking()), []
    for _ in range(2):
        assert cache.get(("facility", "x"), lambda: loads.append(1), 10) is None
    assert len(loads) == 2
    cache.put(("facility", "x"), None, 10)
    assert cache.peek(("facility", "x"), object) is None


def test_forget_drops_a_key_and_every_key_it_begins() -> None:
    cache = MemoryCache(Ticking())
    for key in [("pace", 1), ("pace", 2), ("catalogue", "facility", "a")]:
        cache.put(key, "kept", 10)
    cache.forget(("pace", 1))
    assert cache.peek(("pace", 1), object) is None and cache.peek(("pace", 2), object) == "kept"
    cache.forget(("pace",))
    assert cache.peek(("pace", 2), object) is None
    assert cache.peek(("catalogue", "facility", "a"), object) == "kept"


def test_a_load_that_raced_a_forget_is_returned_but_not_kept() -> None:
    cache = MemoryCache(Ticking())

    def load_while_forgotten() -> str:
        cache.forget(("pace", 7))
        return "old"

    assert cache.get(("pace", 7), load_while_forgotten, 10) == "old"
    assert cache.peek(("pace", 7), object) is None


def test_a_load_that_raced_forget_all_is_not_kept() -> None:
    cache = MemoryCache(Ticking())

    def load_while_reconfigured() -> str:
        cache.forget_all()
        return "before the load"

    assert cache.get(("catalogue", "x"), load_while_reconfigured, 10) == "before the load"
    assert cache.peek(("catalogue", "x"), object) is None


def test_forget_all_reaches_every_cache_of_the_process() -> None:
    """A configuration loaded in this process (the CLI's unit of work, a second app)
    forgets what any app of the process kept."""
    served, loader = MemoryCache(Ticking()), MemoryCache(Ticking())
    served.put(("catalogue", "service", 1), "old", 10)
    loader.forget_all()
    assert served.peek(("catalogue", "service", 1), object) is None
    assert ("catalogue", "service", 1) not in served


def test_a_unit_of_work_without_a_runtime_keeps_nothing_yet_its_forget_all_reaches_all() -> None:
    from queue_server.services.cache import MemoryCache, NoCache

    served, alone = MemoryCache(), NoCache()
    served.put(("catalogue", "facility", "a"), "kept", 60)
    loads = []
    assert alone.get(("pace", 1), lambda: loads.append(1) or 5, 60) == 5
    assert alone.get(("pace", 1), lambda: loads.append(1) or 5, 60) == 5
    assert len(loads) == 2 and alone.peek(("pace", 1), object) is None
    alone.forget_all()  # a configuration loaded by the CLI next to a served app
    assert served.peek(("catalogue", "facility", "a"), object) is None
