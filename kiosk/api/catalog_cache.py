"""Last good catalogue on disk, so the kiosk can still show services when the central is away.

Written atomically (temp file in the same directory, fsync, rename, fsync the directory): a power
cut leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from kiosk.api.errors import CentralError
from kiosk.atomic_file import atomic_write
from kiosk.contract import Catalog

if TYPE_CHECKING:
    from kiosk.api.client import CentralClient

log = logging.getLogger(__name__)


class CatalogCache:
    """One JSON file holding the last catalogue the central sent."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def save(self, catalog: Catalog) -> None:
        """Replace the cached catalogue atomically."""
        atomic_write(self.path, catalog.model_dump_json(indent=1).encode("utf-8"), mode=0o600)

    def load(self) -> Catalog | None:
        """The cached catalogue, or None when there is none or it cannot be read."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("catalogue cache %s unreadable: %s", self.path, exc)
            return None
        try:
            return Catalog.model_validate_json(raw)
        except ValidationError as exc:
            log.warning("catalogue cache %s is invalid (%d errors); ignoring it", self.path, exc.error_count())
            return None


def fetch_catalog(client: CentralClient, cache: CatalogCache) -> tuple[Catalog, bool]:
    """Catalogue from the central (and refresh the cache), else the cached one.

    Returns ``(catalog, from_cache)``. Re-raises the central's error when there is no cache.
    """
    try:
        catalog = client.get_catalog()
    except CentralError:
        cached = cache.load()
        if cached is None:
            raise
        return cached, True
    cache.save(catalog)
    return catalog, False
