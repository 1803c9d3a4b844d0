"""Appointment check-in for the reference central: booking code -> the appointment's ticket.

The ticket is reserved through the same ``TicketDesk.reserve`` as a walk-in ticket, so numbering,
confirm/fail and lapse behave identically; the kiosk confirms it after printing. Checking in
twice returns the same ticket while that ticket is alive (reserved or in the queue); if it failed
or lapsed (the print never reached the citizen) the next check-in reserves a new one. The
reservation's idempotency key is derived from the booking and its attempt number, so a
check-in whose answer was lost and is replayed never spends a second number.

Rules (site time zone): a code is usable today when it is booked, its slot is today, and it is not
more than ``grace`` after the slot start. Every other code (unknown, cancelled, another day,
expired) gets the same answer, 404 ``booking_not_usable``: a caller who only guessed a code must not
learn that it exists (issue 19). The ``BookingCheckIn`` of a usable code says everything, to the one
who holds it. Failed check-ins are slowed down per terminal in the database (``central.throttle``,
bucket "booking"): after a few, the terminal gets 429 with Retry-After for 1, 2, 4 … s.
Demo bookings are generated at start relative to the server clock, so the demo always has codes
valid "today" (see ``DEMO_BOOKINGS``).
"""

# No "from __future__ import annotations": FastAPI must see the real dependency type passed in.
from datetime import datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Header

from central.catalog_file import CatalogFile
from central.errors import ApiProblem
from central.limits import IDEMPOTENCY_KEY
from central.sites import Sites, as_sites
from central.store import Store, current_version, from_us, to_us
from central.throttle import AuthThrottle
from central.tickets import TicketDesk
from kiosk.contract import ApiError, Booking, BookingCheckIn, BookingCheckInRequest, TicketReserveRequest
from kiosk.contract.bookings import InvalidBookingCode, mask_booking_code, validate_booking_code

_ALIVE = ("reserved", "confirmed", "virtual")
SITES_STEP = 6  # the schema step that put a site on bookings
NOT_USABLE = "this code cannot be used here today; ask at the help desk"

# (code, service_id, which slot): slots are placed relative to "now" when the central starts, at
# the default site (the codes say BDG: Bandung).
DEMO_BOOKINGS: list[tuple[str, str, str]] = [
    ("BDG-7K3P9", "ktp-el", "now"),
    ("BDG-4M8T2", "kartu-keluarga", "soon"),
    ("BDG-9X5R6", "paspor-biasa", "later"),
    ("BDG-5W2J7", "kartu-keluarga", "later"),
    ("BDG-2H7W4", "ktp-el", "expired"),
    ("BDG-6N4V8", "ktp-el", "tomorrow"),
    ("BDG-3C8F5", "akta-kelahiran", "cancelled"),
]


class BookingDesk:
    """Bookings in the central's database; check-in issues the appointment's ticket."""

    def __init__(
        self,
        db: Store,
        sites: Sites | CatalogFile,
        desk: TicketDesk,
        *,
        grace: timedelta = timedelta(minutes=30),
        slot: timedelta = timedelta(minutes=15),
        seed_demo: bool = True,
    ) -> None:
        self.db = db
        self.sites = as_sites(sites)
        self.desk = desk
        self.grace = grace
        self.slot = slot
        self.throttle = AuthThrottle(db, desk.now)  # state in the database, shared by every process
        if seed_demo and self._schema_has_sites():
            self.seed_demo()

    def _schema_has_sites(self) -> bool:
        # A central started without migrating (--no-migrate) on an older schema must still start
        # and say so in /readyz; its demo bookings come with the next start after migrating.
        with self.db.read() as conn:
            return (current_version(conn) or 0) >= SITES_STEP

    # -- set-up ---------------------------------------------------------------------------------

    @property
    def cf(self) -> CatalogFile:
        """The default site's catalogue file (one-site callers and tests)."""
        return self.sites.default.file

    def add(
        self,
        code: str,
        service_id: str,
        slot_start: datetime,
        *,
        status: str = "booked",
        seeded_day: str | None = None,
        site: str | None = None,
    ) -> str:
        """Store a booking at ``site`` (None: the default one) for tests and demo seeding; returns
        the normalised code."""
        code = validate_booking_code(code)
        try:
            hall = self.sites.get(site)
            hall.catalog.service(service_id)
        except KeyError:
            raise ValueError(f"no service {service_id!r} in the catalogue of site {site!r}") from None
        end = slot_start + self.slot
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO bookings (code, site, service_id, slot_start_us, slot_end_us, status, seeded_day)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT (code) DO UPDATE SET service_id=excluded.service_id,"
                " site=excluded.site, slot_start_us=excluded.slot_start_us, slot_end_us=excluded.slot_end_us,"
                " status=excluded.status, ticket_id=NULL, attempts=0, checked_in_us=NULL,"
                " seeded_day=excluded.seeded_day",
                (code, hall.id, service_id, to_us(slot_start), to_us(end), status, seeded_day),
            )
        return code

    def seed_demo(self) -> None:
        """(Re)place the demo bookings around the current time, once per business day: a restart
        on the same day keeps their check-ins, the next day they are fresh again."""
        now = self.desk.now()
        tz = self.sites.default.tz
        local = now.astimezone(tz)
        today = local.date()
        day_start = datetime.combine(today, time(0), tz)
        last_slot = datetime.combine(today, time(23, 45), tz)
        quarter = local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)
        starts = {
            "now": max(quarter, day_start),
            "soon": min(quarter + timedelta(minutes=30), last_slot),
            "later": min(quarter + timedelta(hours=2), last_slot),
            "cancelled": min(quarter + timedelta(hours=1), last_slot),
            "expired": quarter - timedelta(hours=3),
            "tomorrow": quarter + timedelta(days=1),
        }
        with self.db.read() as conn:
            seeded = {
                r["code"]: r["seeded_day"] for r in conn.execute("SELECT code, seeded_day FROM bookings").fetchall()
            }
        for code, service_id, when in DEMO_BOOKINGS:
            norm = validate_booking_code(code)
            if seeded.get(norm) == today.isoformat():
                continue
            self.add(
                code,
                service_id,
                starts[when],
                status="cancelled" if when == "cancelled" else "booked",
                seeded_day=today.isoformat(),
            )

    # -- check-in -------------------------------------------------------------------------------

    def _booking(self, row: Any, now: datetime) -> Booking:
        tz = self.sites.get(row["site"]).tz
        status = row["status"]
        if status == "booked" and now > from_us(row["slot_start_us"]) + self.grace:
            status = "expired"
        return Booking(
            code_masked=mask_booking_code(row["code"]),
            service_id=row["service_id"],
            slot_start=from_us(row["slot_start_us"]).astimezone(tz),
            slot_end=from_us(row["slot_end_us"]).astimezone(tz),
            status=status,
            checked_in_at=from_us(row["checked_in_us"]).astimezone(tz) if row["checked_in_us"] else None,
        )

    def check_in(self, site: str, terminal_id: str, req: BookingCheckInRequest, idempotency_key: str) -> BookingCheckIn:
        """A booking of the terminal's site (another site's code is "not usable", as unknown)."""
        self.throttle.check("booking", terminal_id)  # 429 while this terminal is slowed down
        try:
            result = self._check_in(site, terminal_id, req, idempotency_key)
        except ApiProblem as exc:
            if exc.code == "booking_not_usable":
                self.throttle.failed("booking", terminal_id)
            raise
        self.throttle.succeeded("booking", terminal_id)
        return result

    def _check_in(
        self, site: str, terminal_id: str, req: BookingCheckInRequest, idempotency_key: str
    ) -> BookingCheckIn:
        try:
            code = validate_booking_code(req.code)
        except InvalidBookingCode:
            # Same answer as a well-formed unknown code: the central does not help guess codes.
            raise ApiProblem(404, "booking_not_usable", NOT_USABLE) from None
        now = self.desk.now()

        def step(conn: Any) -> tuple[Any, Any, bool]:
            # Booking lookup, reservation and booking update form one transaction that holds the
            # booking row's lock (SQLite: the database's write lock), so two kiosks scanning the
            # same code at once, in any process, can never get two numbers.
            row = conn.execute(
                "SELECT * FROM bookings WHERE code=? AND site=?" + conn.for_update, (code, site)
            ).fetchone()
            if row is None:
                raise ApiProblem(404, "booking_not_usable", NOT_USABLE)
            reservation_key = f"booking:{code}:{idempotency_key}"
            replayed = conn.execute(
                "SELECT * FROM tickets WHERE terminal_id=? AND idem_key=?", (terminal_id, reservation_key)
            ).fetchone()
            if replayed is not None:  # the answer to this key was lost: give the same ticket again
                return row, replayed, False
            if row["ticket_id"] is not None:
                current = conn.execute("SELECT * FROM tickets WHERE id=?", (row["ticket_id"],)).fetchone()
                alive = (
                    current is not None
                    and current["status"] in _ALIVE
                    and not (current["status"] == "reserved" and current["expires_us"] <= to_us(now))
                )
                if alive:
                    return row, current, False
            self._check_bookable(row, now)
            attempt = row["attempts"] + 1
            ticket = self.desk.reserve_in(
                conn,
                site,
                terminal_id,
                reservation_key,
                TicketReserveRequest(service_id=row["service_id"], language=req.language),
                now,
            )
            conn.execute(
                "UPDATE bookings SET status='checked_in', ticket_id=?, attempts=?,"
                " checked_in_us=COALESCE(checked_in_us, ?) WHERE code=?",
                (ticket["id"], attempt, to_us(now), code),
            )
            row = conn.execute("SELECT * FROM bookings WHERE code=?", (code,)).fetchone()
            return row, ticket, True

        row, ticket_row, _ = self.db.transact(step)
        return BookingCheckIn(booking=self._booking(row, now), ticket=self.desk.view(ticket_row, now))

    def _check_bookable(self, row: Any, now: datetime) -> None:
        # Cancelled, another day, too late: the same answer as an unknown code (see the module doc).
        tz = self.sites.get(row["site"]).tz
        start = from_us(row["slot_start_us"])
        if (
            row["status"] == "cancelled"
            or start.astimezone(tz).date() != now.astimezone(tz).date()
            or now > start + self.grace
        ):
            raise ApiProblem(404, "booking_not_usable", NOT_USABLE)


def bookings_router(bookings: BookingDesk, terminal: Any) -> APIRouter:
    """POST /v1/bookings/check-in; ``terminal`` is the app's authenticated-terminal dependency type."""
    router = APIRouter(tags=["bookings"])

    @router.post(
        "/v1/bookings/check-in",
        response_model=BookingCheckIn,
        responses={
            401: {"model": ApiError, "description": "Missing or wrong terminal token"},
            404: {
                "model": ApiError,
                "description": "booking_not_usable: unknown, malformed, cancelled, another "
                "day or expired, one answer so a guess learns nothing",
            },
            409: {"model": ApiError, "description": "service_disabled"},
            429: {
                "model": ApiError,
                "description": "rate_limited: too many failed check-ins from this terminal (Retry-After)",
            },
            422: {"model": ApiError, "description": "Request does not match the contract"},
            503: {"model": ApiError, "description": "Central temporarily unavailable (retry later)"},
        },
    )
    def check_in_booking(
        body: BookingCheckInRequest,
        terminal: terminal,  # type: ignore[valid-type]
        idempotency_key: Annotated[
            str,
            Header(description="Client-generated UUID; a replay with it returns the same ticket", **IDEMPOTENCY_KEY),
        ],
    ) -> BookingCheckIn:
        """Booking code (as typed or scanned: case, spaces and dashes ignored) -> the booking and a
        reserved ticket for its service, to be confirmed after printing like a walk-in ticket.
        Checking in again returns the same ticket while it is reserved or in the queue, and a
        replay of the same Idempotency-Key always returns the ticket that key reserved."""
        return bookings.check_in(terminal.site, terminal.id, body, idempotency_key)

    return router
