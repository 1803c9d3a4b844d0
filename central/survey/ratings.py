"""Ratings of served tickets: taken once per ticket, read back per period for the IKM report.

"Once" is the database's word, not Python's: the ticket id is the primary key of ``ratings``, so
two rating requests racing for one ticket (a kiosk and a phone) store one row; the loser's insert
fails on the key, the store runs it again, and the second run finds the row and answers 409.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from central.catalog_file import CatalogFile
from central.errors import ApiProblem
from central.sites import SiteConfig, Sites, as_sites
from central.store import Store, from_us, to_us
from kiosk.contract.survey import ELEMENTS, RatingReceipt, RatingRequest, RatingStatus
from kiosk.contract.tickets import ticket_number

Channel = Literal["kiosk", "phone"]
SERVED = "done"  # the ticket's call_state once a counter finished its service
VALID_STATUS = ("confirmed", "virtual")
RESPONDENT_FIELDS = ("age_band", "sex", "education", "occupation")
_TICKET = (
    "SELECT t.id, t.site, t.prefix, t.sequence, t.business_date, t.service_id, t.status, t.call_state,"
    " r.ticket_id AS rated FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id"
)


@dataclass(frozen=True)
class StoredRating:
    service_id: str
    agency_id: str
    business_date: date
    scores: tuple[int, ...]
    respondent: dict[str, str | None]
    suggestion: str | None


def _key_hash(key: str | None) -> str | None:
    return hashlib.sha256(key.encode("utf-8")).hexdigest() if key else None


# A citizen may type their NIK or phone number into a suggestion: such numbers are never stored.
_NIK = re.compile(r"(?<!\d)\d(?:[ .\-/]?\d){15}(?!\d)")
_LONG_NUMBER = re.compile(r"\d{9,}")


def clean_suggestion(text: str | None) -> str | None:
    """One plain paragraph, without a NIK or other long number (the report escapes it wherever
    it is shown)."""
    if text is None:
        return None
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    text = _LONG_NUMBER.sub("[number]", _NIK.sub("[nik]", text))
    return text or None


class RatingBook:
    """Ratings of every site's tickets: a rating is filed under its ticket's site. A kiosk
    (``site`` given: its terminal's) reaches only its own site's tickets; the phone page, which
    names the ticket by its id, any."""

    def __init__(self, db: Store, sites: Sites | CatalogFile, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.sites = as_sites(sites)
        self.clock = clock

    def _hall(self, site: str | None) -> SiteConfig | None:
        try:
            return self.sites.get(site)
        except KeyError:  # a ticket of a site no longer served
            return None

    def today(self, site: str | None = None) -> date:
        hall = self._hall(site) or self.sites.default
        return self.clock().astimezone(hall.tz).date()

    def _find_ticket(self, conn: Any, ticket_id: str | None, number: str | None, site: str | None) -> Any:
        if ticket_id is not None:
            row = conn.execute(f"{_TICKET} WHERE t.id=?", (ticket_id,)).fetchone()
        elif number is None or site is None:
            row = None
        else:
            prefix, _, seq = number.rpartition("-")
            row = (
                conn.execute(
                    f"{_TICKET} WHERE t.site=? AND t.prefix=? AND t.business_date=? AND t.sequence=?",
                    (site, prefix, self.today(site).isoformat(), int(seq)),
                ).fetchone()
                if seq.isdigit() and len(seq) <= 6
                else None  # not a number of ours: no such ticket, never a crash
            )
        if row is not None and site is not None and row["site"] != site:
            row = None  # another hall's ticket: a kiosk does not see it
        if row is None or row["status"] not in VALID_STATUS:
            raise ApiProblem(404, "ticket_not_found", "no ticket with this id or today's number")
        return row

    def rate(
        self,
        req: RatingRequest,
        channel: Channel,
        terminal_id: str | None = None,
        idem_key: str | None = None,
        site: str | None = None,
    ) -> RatingReceipt:
        """Store the rating of a served ticket. 404 unknown ticket; 409 ``not_served`` (its service
        is not finished) or ``already_rated``; a kiosk repeating its request with the same
        Idempotency-Key after a lost answer gets the first answer again."""
        if req.ticket_id is None and req.ticket_number is not None and terminal_id is None:
            raise ApiProblem(401, "terminal_auth_required", "only a terminal may name a ticket by its number")
        now = self.clock()
        key = _key_hash(idem_key)

        def step(conn: Any) -> RatingReceipt:
            ticket = self._find_ticket(conn, req.ticket_id, req.ticket_number, site)
            number = ticket_number(ticket["prefix"], ticket["sequence"])
            done = conn.execute(
                "SELECT rated_us, terminal_id, idem_key, service_id, business_date FROM ratings WHERE ticket_id=?",
                (ticket["id"],),
            ).fetchone()
            if done is not None:
                if key is not None and done["idem_key"] == key and done["terminal_id"] == terminal_id:
                    return RatingReceipt(
                        ticket_number=number,
                        service_id=done["service_id"],
                        business_date=date.fromisoformat(done["business_date"]),
                        rated_at=from_us(done["rated_us"]),
                    )
                raise ApiProblem(409, "already_rated", "this ticket was already rated; thank you")
            if ticket["call_state"] != SERVED:
                raise ApiProblem(
                    409, "not_served", "this ticket's service is not finished yet; rate it after you were served"
                )
            service_id = ticket["service_id"]
            hall = self._hall(ticket["site"])
            try:
                agency_id = hall.catalog.service(service_id).agency_id if hall else ""
            except KeyError:
                agency_id = ""  # a service since removed from the catalogue: the hall still counts it
            respondent = req.respondent
            conn.execute(
                "INSERT INTO ratings (ticket_id, site, service_id, agency_id, business_date, rated_us, channel,"
                " terminal_id, idem_key, u1, u2, u3, u4, u5, u6, u7, u8, u9,"
                " age_band, sex, education, occupation, suggestion)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    ticket["id"],
                    ticket["site"],
                    service_id,
                    agency_id,
                    ticket["business_date"],
                    to_us(now),
                    channel,
                    terminal_id,
                    key,
                    *req.scores(),
                    *(getattr(respondent, f) if respondent else None for f in RESPONDENT_FIELDS),
                    clean_suggestion(req.suggestion),
                ),
            )
            return RatingReceipt(
                ticket_number=number,
                service_id=service_id,
                business_date=date.fromisoformat(ticket["business_date"]),
                rated_at=now,
            )

        return self.db.transact(step)

    def status(self, ticket_id: str | None = None, number: str | None = None, site: str | None = None) -> RatingStatus:
        """May the holder of this ticket rate it now (asked before the questions are shown)."""

        def read(conn: Any) -> RatingStatus:
            row = self._find_ticket(conn, ticket_id, number, site)
            return RatingStatus(
                ticket_id=row["id"],
                ticket_number=ticket_number(row["prefix"], row["sequence"]),
                served=row["call_state"] == SERVED,
                rated=row["rated"] is not None,
            )

        return self.db.run_read(read)

    def between(self, site: str, first: date, last: date) -> list[StoredRating]:
        """The site's ratings of tickets served from ``first`` to ``last`` (business days, inclusive)."""
        columns = ", ".join(ELEMENTS)

        def read(conn: Any) -> list[StoredRating]:
            rows = conn.execute(
                f"SELECT service_id, agency_id, business_date, {columns}, age_band, sex, education, occupation,"
                " suggestion FROM ratings WHERE site=? AND business_date BETWEEN ? AND ?"
                " ORDER BY business_date, rated_us",
                (site, first.isoformat(), last.isoformat()),
            ).fetchall()
            return [
                StoredRating(
                    service_id=r["service_id"],
                    agency_id=r["agency_id"],
                    business_date=date.fromisoformat(r["business_date"]),
                    scores=tuple(int(r[e]) for e in ELEMENTS),
                    respondent={f: r[f] for f in RESPONDENT_FIELDS},
                    suggestion=r["suggestion"],
                )
                for r in rows
            ]

        return self.db.run_read(read)
