"""A site's queue settings, from the ``[settings]`` table of its catalogue file.

Every hall runs its own policy (issue 14): how priority tickets interleave, how long an
appointment's grace lasts, how long a no-show can be put back, where a transferred ticket waits,
and in which languages the hall's caller speaks. A file without ``[settings]`` gets the domain's
defaults (``QueuePolicy()``, Indonesian and English), as every central had before sites.

    [settings]
    priority_ratio = { priority = 1, regular = 2 }
    appointment_grace_minutes = 10
    no_show_window_minutes = 15
    no_show_rejoin = "original_time"     # or "end"
    transfer_rejoin = "original_time"    # or "end"
    announce_languages = ["id", "en"]    # "id" first: the hall's own language is always spoken
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from central.domain.policy import PriorityRatio, QueuePolicy, RejoinAt

ANNOUNCE_LANGUAGES = ("id", "en")  # what central.domain.announce can say
_KEYS = {
    "priority_ratio",
    "appointment_grace_minutes",
    "no_show_window_minutes",
    "no_show_rejoin",
    "transfer_rejoin",
    "announce_languages",
}


@dataclass(frozen=True)
class SiteSettings:
    policy: QueuePolicy = field(default_factory=QueuePolicy)
    announce_languages: tuple[str, ...] = ANNOUNCE_LANGUAGES


def _minutes(raw: dict[str, Any], key: str, default: timedelta, problems: list[str]) -> timedelta:
    value = raw.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        problems.append(f"[settings].{key}: must be a number of minutes >= 0")
        return default
    return timedelta(minutes=value)


def _rejoin(raw: dict[str, Any], key: str, problems: list[str]) -> RejoinAt:
    value = raw.get(key, RejoinAt.ORIGINAL_TIME.value)
    try:
        return RejoinAt(value)
    except ValueError:
        allowed = ", ".join(f'"{r.value}"' for r in RejoinAt)
        problems.append(f"[settings].{key}: must be one of {allowed}")
        return RejoinAt.ORIGINAL_TIME


def parse_settings(raw: Any) -> SiteSettings:
    """Validate ``[settings]``; ValueError with one line per problem."""
    if raw is None:
        return SiteSettings()
    if not isinstance(raw, dict):
        raise ValueError("[settings]: expected a table")
    problems: list[str] = []
    unknown = set(raw) - _KEYS
    if unknown:
        problems.append(f"[settings]: unknown keys {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_KEYS))})")
    ratio = PriorityRatio()
    if "priority_ratio" in raw:
        given = raw["priority_ratio"]
        try:
            if not isinstance(given, dict) or set(given) - {"priority", "regular"}:
                raise ValueError("expected { priority = N, regular = M }")
            ratio = PriorityRatio(**given)
        except (TypeError, ValueError) as exc:
            problems.append(f"[settings].priority_ratio: {exc}")
    grace = _minutes(raw, "appointment_grace_minutes", QueuePolicy.appointment_grace, problems)
    window = _minutes(raw, "no_show_window_minutes", QueuePolicy.no_show_window, problems)
    no_show_rejoin = _rejoin(raw, "no_show_rejoin", problems)
    transfer_rejoin = _rejoin(raw, "transfer_rejoin", problems)
    languages = raw.get("announce_languages", list(ANNOUNCE_LANGUAGES))
    if (
        not isinstance(languages, list)
        or not languages
        or languages[0] != "id"
        or len(set(languages)) != len(languages)
        or not set(languages) <= set(ANNOUNCE_LANGUAGES)
    ):
        problems.append('[settings].announce_languages: a list starting with "id", from "id" and "en"')
        languages = list(ANNOUNCE_LANGUAGES)
    policy = QueuePolicy()
    if not problems:
        try:
            policy = QueuePolicy(
                ratio=ratio,
                appointment_grace=grace,
                no_show_window=window,
                no_show_rejoin=no_show_rejoin,
                transfer_rejoin=transfer_rejoin,
            )
        except (TypeError, ValueError) as exc:
            problems.append(f"[settings]: {exc}")
    if problems:
        raise ValueError("\n".join(problems))
    return SiteSettings(policy=policy, announce_languages=tuple(languages))
