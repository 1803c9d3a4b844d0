"""The money journal: every step of a paid session, on disk before the network call it precedes."""

from .store import Entry, Journal, JournalStep

__all__ = ["Entry", "Journal", "JournalStep"]
