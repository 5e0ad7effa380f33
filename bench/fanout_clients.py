"""The board side of bench/fanout.py: one process of python-socketio asyncio clients.

A listener process opens `count` clients to each target (antrian, the bare app, ...),
waits for each client's `snapshot`, says `("ready", n)`, then for every `ticket.called`
takes the receipt time first thing and, once all its clients of that target heard a
number, says `("heard", target, number)`. Told `("stop", {target: [numbers sent]})`, it
answers `("arrivals", arrivals, lost, duplicates)`: receipt times per (target, number),
and per target how many (client, number sent) pairs never arrived or arrived twice.
Its first client of the first target also sends `("sample", name, payload)` of the first
two `ticket.called` and of the `queue.changed` after the second (the bare app is given
events of their size).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

WAVE = 25  # clients connected at once by one listener


@dataclass(frozen=True)
class Target:
    """Where a set of clients connects: name, base URLs (clients spread over them), auth."""

    name: str
    bases: list[str]
    auth: dict[str, Any]


@dataclass
class Heard:
    """What one listener process heard: receipt times and, per client, the numbers."""

    counts: dict[str, int]  # clients per target in this process
    times: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    per_client: dict[tuple[str, int], list[str]] = field(
        default_factory=lambda: defaultdict(list))


def raise_file_limit() -> int:
    """Raise this process's RLIMIT_NOFILE to its hard limit (children inherit it); returns
    the new soft limit. 5,000 sockets do not fit in the usual 1,024."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def listen(targets: list[Target], count: int, first: int, pipe: Connection) -> None:
    """The listener process's body (see the module's docstring); `first` is the index of
    its first client overall, which picks the base each client connects to."""
    import asyncio

    raise_file_limit()
    heard = Heard({t.name: count for t in targets})
    asyncio.run(_main(targets, count, first, pipe, heard))


async def _client(target: Target, index: int, pipe: Connection, heard: Heard,
                  sample: bool) -> Any:
    """One connected client whose snapshot has arrived."""
    import asyncio

    import socketio

    sio = socketio.AsyncClient(reconnection=False)
    ready = asyncio.Event()
    sampled: set[str] = set()

    async def snapshot(_: object) -> None:
        ready.set()

    async def called(data: dict[str, Any]) -> None:
        at = time.perf_counter()  # first thing: the moment the event was delivered
        number = data["ticket"]["number"]
        times = heard.times[(target.name, number)]
        times.append(at)
        heard.per_client[(target.name, index)].append(number)
        if len(times) == heard.counts[target.name]:
            pipe.send(("heard", target.name, number))
        if sample and len(sampled) < 2:  # the first two calls (warm-up)
            sampled.add(number)
            pipe.send(("sample", "ticket.called", data))

    async def changed(data: dict[str, Any]) -> None:
        if sample and "queue.changed" not in sampled and len(sampled) == 2:
            sampled.add("queue.changed")
            pipe.send(("sample", "queue.changed", data))

    sio.on("snapshot", snapshot)
    sio.on("ticket.called", called)
    sio.on("queue.changed", changed)
    await sio.connect(target.bases[index % len(target.bases)], auth=target.auth,
                      transports=["websocket"], wait_timeout=60)
    await asyncio.wait_for(ready.wait(), 120)
    # python-engineio gives up on a server ping after max(interval, timeout) + 5 s (30 s);
    # a browser waits interval + timeout (45 s). Waves of connects on two busy cores can
    # delay a ping past 30 s, and a client that gave up would count as events lost.
    sio.eio.ping_timeout = sio.eio.ping_interval + sio.eio.ping_timeout - 5
    return sio


async def _main(targets: list[Target], count: int, first: int, pipe: Connection,
                heard: Heard) -> None:
    import asyncio

    clients: list[Any] = []
    for target in targets:
        for start in range(first, first + count, WAVE):  # connect in small waves
            clients += await asyncio.gather(*(
                _client(target, i, pipe, heard, sample=(i == 0 and target is targets[0]))
                for i in range(start, min(start + WAVE, first + count))))
    pipe.send(("ready", count))
    message = await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
    sent: dict[str, list[str]] = message[1]
    lost, duplicates = _tally(heard, sent, range(first, first + count))
    pipe.send(("arrivals", dict(heard.times), lost, duplicates))
    await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)


def _tally(heard: Heard, sent: dict[str, list[str]],
           indexes: range) -> tuple[dict[str, int], dict[str, int]]:
    """Per target: (client, number sent) pairs never heard, and numbers heard twice."""
    lost: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    for name, numbers in sent.items():
        wanted = set(numbers)
        lost[name] = duplicates[name] = 0
        for index in indexes:
            got = [n for n in heard.per_client.get((name, index), []) if n in wanted]
            lost[name] += len(wanted - set(got))
            duplicates[name] += len(got) - len(set(got))
    return lost, duplicates


class Listeners:
    """The listener processes (bench/fanout_clients.py) and what they said."""

    def __init__(self, targets: list[Target], clients: int, processes: int):
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.pipes: list[Any] = []
        self.procs: list[Any] = []
        self.heard: set[tuple[int, str, str]] = set()
        self.samples: dict[str, dict[str, Any]] = {}
        self.duplicates = 0
        first = 0
        for i in range(processes):
            count = clients // processes + (1 if i < clients % processes else 0)
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=listen, args=(targets, count, first, theirs),
                               daemon=True)
            proc.start()
            self.pipes.append(mine)
            self.procs.append(proc)
            first += count
        for pipe in self.pipes:
            while self._next(pipe, 900)[0] != "ready":
                pass

    def _next(self, pipe: Any, timeout: float) -> tuple[Any, ...]:
        if not pipe.poll(timeout):
            raise TimeoutError("a listener process said nothing")
        message = pipe.recv()
        if message[0] == "heard":
            self.heard.add((self.pipes.index(pipe), message[1], message[2]))
        elif message[0] == "sample":
            self.samples[message[1]] = message[2]  # the latest: a call that finished one
        return tuple(message)

    def wait(self, target: str, number: str, seconds: float) -> None:
        """Until every listener's clients of `target` heard `number`, or `seconds`."""
        import multiprocessing.connection

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all((i, target, number) in self.heard for i in range(len(self.pipes))):
                return
            for pipe in multiprocessing.connection.wait(self.pipes, 0.2):
                self._next(pipe, 0)

    def stop(self, sent: dict[str, list[str]]) -> tuple[dict[tuple[str, str], list[float]],
                                                         dict[str, int]]:
        """Receipt times per (target, number) and lost (client, call) pairs per target."""
        times: dict[tuple[str, str], list[float]] = {}
        lost = dict.fromkeys(sent, 0)
        try:
            for pipe in self.pipes:
                pipe.send(("stop", sent))
                while (message := self._next(pipe, 300))[0] != "arrivals":
                    pass
                for key, values in message[1].items():
                    times.setdefault(key, []).extend(values)
                for name, n in message[2].items():
                    lost[name] += n
                    self.duplicates += message[3][name]
        finally:
            for proc in self.procs:
                proc.join(timeout=30)
                if proc.is_alive():
                    proc.kill()
        return times, lost
