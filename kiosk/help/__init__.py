"""The citizen's "Call staff" button: its request to the central, and what the kiosk says then."""

from kiosk.help.caller import HelpCaller, HelpStatus

__all__ = ["HelpCaller", "HelpStatus"]
