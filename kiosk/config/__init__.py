"""The kiosk's settings: typed models, a loader with exact error messages."""

from .loader import ConfigError, load_config, parse_config
from .models import KioskConfig

__all__ = ["ConfigError", "KioskConfig", "load_config", "parse_config"]
