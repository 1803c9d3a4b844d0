"""Background refresh of the catalogue and the queue lengths from the central service.

One thread, one HTTP session. The citizen never waits for this: screens always draw the last
known catalogue (from disk after a restart without network), and waiting counts simply age.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.api.errors import CentralError
from kiosk.contract import Catalog, QueueStatus

if TYPE_CHECKING:
    from kiosk.api.catalog_cache import CatalogCache
    from kiosk.api.client import CentralClient
    from kiosk.api.connectivity import ConnectivityMonitor

log = logging.getLogger(__name__)

REFRESH_GAP_S = 0.25


@dataclass(frozen=True)
class SyncUpdate:
    """What changed; None fields did not change in this round."""

    catalog: Catalog | None = None
    catalog_from_cache: bool = False
    queues: dict[str, QueueStatus] | None = None  # by service_id
    online: bool | None = None


class CatalogSync:
    def __init__(
        self,
        client: CentralClient,  # owned by this sync thread
        cache: CatalogCache,
        monitor: ConnectivityMonitor,
        on_update: Callable[[SyncUpdate], None],
        catalog_interval_s: float = 300.0,
        queues_interval_s: float = 15.0,
        retry_interval_s: float = 5.0,
        live_queues_interval_s: float = 120.0,
    ) -> None:
        self._client = client
        self._cache = cache
        self._monitor = monitor
        self._on_update = on_update
        self._catalog_interval_s = catalog_interval_s
        self._queues_interval_s = queues_interval_s
        self._retry_interval_s = retry_interval_s
        # While the central's live stream is up, a queue event triggers the refresh and the timer
        # is only a safety net; while it is down, the figures are polled every queues_interval_s.
        self._live_queues_interval_s = live_queues_interval_s
        self._live: Callable[[], bool] = lambda: False
        self._stop = threading.Event()
        self._refresh = threading.Event()
        self._thread = threading.Thread(target=self._run, name="catalog-sync", daemon=True)
        self._have_live_catalog = False

    def start(self) -> None:
        self._thread.start()

    def follow_live(self, connected: Callable[[], bool]) -> None:
        """Poll the queue figures slowly while ``connected()`` (call before ``start``)."""
        self._live = connected

    def queues_changed(self) -> None:
        """A queue event arrived (any thread): refresh the figures now. Events in a burst
        coalesce into one or two reads (the central computes the figures at most once a second)."""
        self._refresh.set()

    def stop(self, timeout: float = 10.0) -> bool:
        self._stop.set()
        self._refresh.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._client.close()
        return not self._thread.is_alive()

    def _run(self) -> None:
        cached = self._load_cache()
        if cached is not None:
            self._emit(SyncUpdate(catalog=cached, catalog_from_cache=True))
        next_catalog = 0.0
        while not self._stop.is_set():
            self._refresh.clear()  # events up to here are in the figures read next
            ok = True
            if time.monotonic() >= next_catalog or not self._have_live_catalog:
                ok = self._fetch_catalog()
                if ok:
                    next_catalog = time.monotonic() + self._catalog_interval_s
            if ok:
                ok = self._fetch_queues()
            if not ok:
                wait = self._retry_interval_s
            else:
                wait = self._live_queues_interval_s if self._live() else self._queues_interval_s
            if self._refresh.wait(wait):
                self._stop.wait(REFRESH_GAP_S)  # the rest of a burst of events: one read for them all

    def _load_cache(self) -> Catalog | None:
        try:
            return self._cache.load()
        except Exception as exc:
            log.warning("catalogue cache unusable: %s", exc)
            return None

    def _fetch_catalog(self) -> bool:
        try:
            catalog = self._client.get_catalog()
        except CentralError as exc:
            self._failed("catalogue", exc)
            return False
        self._have_live_catalog = True
        try:
            self._cache.save(catalog)
        except OSError as exc:
            log.warning("could not write the catalogue cache: %s", exc)
        self._succeeded(SyncUpdate(catalog=catalog))
        return True

    def _fetch_queues(self) -> bool:
        try:
            queues = self._client.get_queues()
        except CentralError as exc:
            self._failed("queues", exc)
            return False
        self._succeeded(SyncUpdate(queues={q.service_id: q for q in queues.queues}))
        return True

    # The client records every call's success or failure in the shared monitor itself.
    def _succeeded(self, update: SyncUpdate) -> None:
        self._emit(SyncUpdate(update.catalog, update.catalog_from_cache, update.queues, self._monitor.online))

    def _failed(self, what: str, exc: CentralError) -> None:
        log.warning("central %s refresh failed: %s", what, exc)
        self._emit(SyncUpdate(online=self._monitor.online))

    def _emit(self, update: SyncUpdate) -> None:
        try:
            self._on_update(update)
        except Exception:
            log.exception("sync listener failed")
