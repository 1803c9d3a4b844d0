"""Retention: personal data the central holds is deleted (or its personal fields nulled) once it
is older than a configured number of days; tickets, calls and the figures built on them stay.

What the schema holds that points at a person, and what happens to it (docs/central-operations.md):

- ``bookings``: the booking code is the citizen's key to an appointment (it works like a
  password and links the hall's ticket to the person in the booking system). Rows whose slot
  ended before the cutoff are deleted; the ticket a check-in issued stays.
- ``payments``: the refund reason is free text typed at the kiosk or by staff, so it may name
  someone; it is nulled on payments no longer pending. Amount, status, reference and the QRIS
  payload (merchant, amount, reference, terminal: no payer) stay for the accounts.
- ``auth_failures``: the rate limiter's rows are keyed by client address; finished ones
  (not blocking any more) are deleted.
- ``staff_sessions``: expired sessions say when a staff member worked; deleted.
- ``ratings``: the survey's suggestion is free text a citizen typed (digit runs like a NIK are
  replaced before storage, but a name may be in it); it is nulled. The scores and the banded
  respondent answers stay: the satisfaction index of past periods is built from them.

Not touched: ``citizens`` (the demo's stand-in for the population registry, loaded from the
catalogue at every start, not data collected from citizens) and the kiosks' telemetry (the
contract forbids NIK, names and card data in it). Identity lookups are not recorded at all.

Every rule works in batches of ``BATCH`` rows, each its own short transaction, so a large first
run does not hold the write lock (SQLite) or many row locks (PostgreSQL) while the central serves.
A rule whose table or columns do not exist (an older schema) is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central.store import Store, to_us

BATCH = 1000


@dataclass(frozen=True)
class Rule:
    name: str  # what it removes, as the report prints it
    table: str
    key: tuple[str, ...]  # primary key: batches pick rows by it
    where: str  # which rows are due; ``:cutoff`` and ``:now`` are microsecond timestamps
    uses: tuple[str, ...]  # the columns ``where`` reads: the rule is skipped if one is missing
    null: tuple[str, ...] = ()  # columns to null; empty: delete the rows

    def columns(self) -> set[str]:
        return {*self.key, *self.uses, *self.null}


RULES: tuple[Rule, ...] = (
    Rule(
        "bookings (codes of appointments that ended)", "bookings", ("code",), "slot_end_us < :cutoff", ("slot_end_us",)
    ),
    Rule(
        "payment refund reasons",
        "payments",
        ("id",),
        "created_us < :cutoff AND refund_reason IS NOT NULL AND status <> 'pending'",
        ("created_us", "status"),
        null=("refund_reason",),
    ),
    Rule(
        "failed-attempt records (client addresses)",
        "auth_failures",
        ("bucket", "client"),
        "last_us < :cutoff AND blocked_until_us < :now",
        ("last_us", "blocked_until_us"),
    ),
    Rule("expired staff sessions", "staff_sessions", ("token_hash",), "expires_us < :cutoff", ("expires_us",)),
    Rule(
        "survey suggestions (free text)",
        "ratings",
        ("ticket_id",),
        "rated_us < :cutoff AND suggestion IS NOT NULL",
        ("rated_us",),
        null=("suggestion",),
    ),
)


def _bind(where: str, cutoff_us: int, now_us: int) -> tuple[str, list[int]]:
    """``where`` with its named timestamps as ``?`` parameters, in order of appearance."""
    params: list[int] = []
    out = []
    for word in where.split(" "):
        if word in (":cutoff", ":now"):
            params.append(cutoff_us if word == ":cutoff" else now_us)
            word = "?"
        out.append(word)
    return " ".join(out), params


def _existing_columns(conn: Any, table: str) -> set[str]:
    if conn.dialect == "sqlite":
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})").fetchall()}
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?",
        (table,),
    ).fetchall()
    return {row[0] for row in rows}


def apply_retention(
    store: Store,
    days: int,
    *,
    now: datetime,
    dry_run: bool = False,
    rules: tuple[Rule, ...] = RULES,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Rows due per rule (dry run) or changed per rule; ``now`` is timezone-aware."""
    if days < 1:
        raise ValueError("retention needs at least 1 day")
    cutoff_us, now_us = to_us(now - timedelta(days=days)), to_us(now)
    counts: dict[str, int] = {}
    for rule in rules:
        with store.read() as conn:
            if not rule.columns() <= _existing_columns(conn, rule.table):
                continue
            where, params = _bind(rule.where, cutoff_us, now_us)
            due = int(conn.execute(f"SELECT count(*) FROM {rule.table} WHERE {where}", params).fetchone()[0])
        counts[rule.name] = due if dry_run else _apply(store, rule, where, params)
        if progress is not None:
            progress(rule.name, counts[rule.name])
    return counts


def _apply(store: Store, rule: Rule, where: str, params: list[int]) -> int:
    keys = ", ".join(rule.key)
    pick = f"({keys}) IN (SELECT {keys} FROM {rule.table} WHERE {where} LIMIT {BATCH})"
    if rule.null:
        sets = ", ".join(f"{c} = NULL" for c in rule.null)
        statement = f"UPDATE {rule.table} SET {sets} WHERE {pick}"
    else:
        statement = f"DELETE FROM {rule.table} WHERE {pick}"
    total = 0
    while True:
        changed = store.transact(lambda conn: int(conn.execute(statement, params).rowcount))
        total += changed
        if changed < BATCH:
            return total
