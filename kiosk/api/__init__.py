"""Client side of the central API: settings, errors, the blocking HTTP client, connectivity
tracking and the offline catalogue cache. Qt-free; callers run the client on a Worker thread."""

from kiosk.api.catalog_cache import CatalogCache, fetch_catalog
from kiosk.api.client import CentralClient
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.api.errors import CentralError, CentralProtocolError, CentralRejected, CentralUnavailable
from kiosk.api.settings import CentralSettings
from kiosk.api.token_file import token_file_too_open, write_token_file

__all__ = [
    "CatalogCache", "CentralClient", "CentralError", "CentralProtocolError", "CentralRejected",
    "CentralSettings", "CentralUnavailable", "ConnectivityMonitor", "fetch_catalog",
    "token_file_too_open", "write_token_file",
]
