"""Client side of the central API: settings, errors, the blocking HTTP client, connectivity
tracking and the offline catalogue cache. Qt-free; callers run the client on a Worker thread.

The names are loaded on first use (PEP 562): reading the config needs ``kiosk.api.settings``
only, and keeping ``requests`` out of that import keeps it off the kiosk's start-up path.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "CatalogCache": "catalog_cache",
    "fetch_catalog": "catalog_cache",
    "CentralClient": "client",
    "ConnectivityMonitor": "connectivity",
    "CentralError": "errors",
    "CentralProtocolError": "errors",
    "CentralRejected": "errors",
    "CentralUnavailable": "errors",
    "CentralSettings": "settings",
    "token_file_too_open": "token_file",
    "write_token_file": "token_file",
}
__all__ = sorted(_WHERE)  # noqa: PLE0605 - the lazy-load table is the one list of names


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kiosk.api.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from kiosk.api.catalog_cache import CatalogCache, fetch_catalog
    from kiosk.api.client import CentralClient
    from kiosk.api.connectivity import ConnectivityMonitor
    from kiosk.api.errors import CentralError, CentralProtocolError, CentralRejected, CentralUnavailable
    from kiosk.api.settings import CentralSettings
    from kiosk.api.token_file import token_file_too_open, write_token_file
