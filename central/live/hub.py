"""One reader of the events table per central process, shared by every open stream.

Before, each open stream read the table itself every 200 ms (four small queries a read): 200
phones meant about 4,000 queries a second. Now one task per process reads the site's new events
every POLL_S (50 ms) into a buffer, and each stream takes its zone's share from the buffer. A stream reads
the database itself only to catch up: its snapshot, or a backlog older than the buffer.

The hub also ends every stream when the server is stopping, so a shutdown does not wait for the
graceful timeout: uvicorn lets a streaming answer run until it ends by itself.

With several halls on one central there is one hub per site (``SiteHubs``): a site's streams
are woken by its own events only, and its reader runs only while one of its streams is open.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import signal
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio

from central.live import events
from central.live.feed import HEARTBEAT_S, LiveFeed

log = logging.getLogger(__name__)

# One read per process serves every stream, so it can afford to come often: a change reaches the
# screens and kiosks after 25 ms on average instead of 100 ms (4 small indexed queries per read).
POLL_S = 0.05
KEEP_EVENTS = 2000  # a stream further behind than this reads its backlog itself
Batch = list[dict[str, Any]]


def _uvicorn_exiting() -> bool:
    """True once uvicorn was told to stop by a signal (``python -m central``, every worker).

    uvicorn on the main thread installs its own ``handle_exit`` for SIGTERM/SIGINT and keeps
    ``should_exit`` on the server; the app has no other handle on the server that runs it."""
    server = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    return bool(getattr(server, "should_exit", False))


class LiveHub:
    def __init__(
        self, feed: LiveFeed, poll_s: float = POLL_S, keep: int = KEEP_EVENTS, site: str | None = None
    ) -> None:
        self.feed = feed
        self.site = site  # the hall whose events this hub reads (None: the default site)
        self.poll_s = poll_s
        self.keep = keep
        self.stopping = threading.Event()  # set by whoever stops the server (RunningCentral.stop)
        self.reads = 0  # database reads by the hub and by streams catching up (a bench figure)
        self.streams = 0
        self._ids: list[int] = []
        self._events: Batch = []
        self._base: int | None = None  # the buffer holds every event in (_base, _cursor]
        self._cursor: int | None = None
        self._epoch = 0  # bumped when the hub had to start over (events pruned past it, database reset)
        # Per zone of the waiting streams (None: every zone): a call in zone A wakes neither the
        # phones nor the TVs of zone B; a site-wide event ('': a ticket joined) wakes all.
        self._changed: dict[str | None, asyncio.Event] = {}
        self._task: asyncio.Task[None] | None = None
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-hub")

    def stop(self) -> None:
        """End every stream at the hub's next read (thread-safe)."""
        self.stopping.set()
        self._reader.shutdown(wait=False)

    def stopped(self) -> bool:
        return self.stopping.is_set() or _uvicorn_exiting()

    async def follow(self, zone: str | None, start: int | None) -> AsyncIterator[Batch]:
        """One stream's batches (the zone's and site-wide events; None = every zone), oldest first;
        an empty batch after HEARTBEAT_S of quiet. Ends when the server stops."""
        loop = asyncio.get_running_loop()
        self.streams += 1
        if self._task is None:
            self._task = loop.create_task(self._run())
        cursor, epoch = start, -1
        quiet_since = loop.time()
        try:
            while not self.stopped():
                changed = self._signal(zone)
                shared = self._cursor is not None and epoch == self._epoch
                if cursor is None or self._cursor is None or epoch != self._epoch or cursor < (self._base or 0):
                    # Catching up on its own: the snapshot, a backlog older than the buffer, or a
                    # hub that started over.
                    epoch = self._epoch
                    self.reads += 1
                    batch, cursor = await anyio.to_thread.run_sync(self.feed.batch, zone, cursor, self.site)
                    if len(batch) == events.READ_LIMIT:
                        epoch = -1  # still behind: read again
                    shared = False
                else:
                    batch = self._since(cursor, zone)
                    cursor = max(cursor, self._cursor)
                if batch:
                    quiet_since = loop.time()
                    yield batch
                    continue
                if not shared and cursor is not None and self._cursor is not None and cursor >= (self._base or 0):
                    continue  # just caught up: take what the buffer gained meanwhile
                left = HEARTBEAT_S - (loop.time() - quiet_since)
                if left <= 0:
                    quiet_since = loop.time()
                    yield []
                    continue
                try:
                    await asyncio.wait_for(changed.wait(), left)
                except TimeoutError:
                    pass
        finally:
            self.streams -= 1

    def _since(self, cursor: int, zone: str | None) -> Batch:
        start = bisect.bisect_right(self._ids, cursor)
        return [e for e in self._events[start:] if zone is None or e["zone"] in (zone, "")]

    def _signal(self, zone: str | None) -> asyncio.Event:
        event = self._changed.get(zone)
        if event is None:
            event = self._changed[zone] = asyncio.Event()
        return event

    def _wake(self, zones: set[str] | None = None) -> None:
        """Wake the streams of ``zones`` (None: every stream)."""
        everyone = zones is None or "" in zones
        for key in [k for k in self._changed if everyone or k is None or (zones is not None and k in zones)]:
            self._changed.pop(key).set()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.streams > 0:
                if self.stopped():
                    self._wake()  # every stream sees stopped() and ends
                    await asyncio.sleep(self.poll_s)
                    continue
                try:
                    self.reads += 1
                    # Its own thread: in a busy hall the shared pool queues the kiosks' requests,
                    # and the read that feeds every screen must not wait behind them.
                    found, upto = await loop.run_in_executor(
                        self._reader, self.feed.batch, None, self._cursor, self.site
                    )
                except Exception as exc:  # the database is away: streams wait, the next read retries
                    log.warning("live hub read failed: %s", type(exc).__name__)
                    await asyncio.sleep(1.0)
                    continue
                self._absorb(found, upto)
                if len(found) < events.READ_LIMIT:
                    await asyncio.sleep(self.poll_s)
        finally:
            self._task = None

    def _absorb(self, found: Batch, upto: int) -> None:
        if found and found[0]["kind"] == "snapshot":  # first read, or the hub's cursor is gone
            if self._cursor is not None:
                self._epoch += 1
            self._ids, self._events = [], []
            self._base = self._cursor = upto
            self._wake()
            return
        for event in found:
            self._ids.append(event["id"])
            self._events.append(event)
        if len(self._ids) > self.keep:
            drop = len(self._ids) - self.keep // 2
            self._base = self._ids[drop - 1]
            del self._ids[:drop], self._events[:drop]
        if upto != self._cursor:
            self._cursor = upto
            if found:
                self._wake({event["zone"] for event in found})


class SiteHubs:
    """One ``LiveHub`` per site this central serves; stopped and counted together."""

    def __init__(self, feed: LiveFeed, site_ids: list[str], poll_s: float = POLL_S, keep: int = KEEP_EVENTS) -> None:
        self.hubs = {site: LiveHub(feed, poll_s, keep, site=site) for site in site_ids}

    def follow(self, site: str, zone: str | None, start: int | None) -> AsyncIterator[Batch]:
        return self.hubs[site].follow(zone, start)

    def stop(self) -> None:
        for hub in self.hubs.values():
            hub.stop()

    @property
    def reads(self) -> int:
        return sum(hub.reads for hub in self.hubs.values())

    @property
    def streams(self) -> int:
        return sum(hub.streams for hub in self.hubs.values())
