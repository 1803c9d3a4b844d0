"""Help requests from kiosks: raised by a terminal, acknowledged by staff, withdrawn by the kiosk.

A request belongs to one kiosk session: the kiosk sends one Idempotency-Key per session, so a
citizen pressing the button twice gets the same request, and a request with a new key (the next
citizen) closes the terminal's older open ones. Every change appends a live event for the site
(zone '': every counter and the supervisor hear it) in the change's own transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central.counters.staff import StaffMember
from central.errors import ApiProblem
from central.live import events
from central.store import Store, from_us, to_us
from central.supervisor.labels import step_label, terminal_label

ACTIVE = ("open", "acknowledged")
SHOWN_FOR = timedelta(minutes=30)  # an acknowledged request stays on the staff lists this long
# An open request older than this is from a kiosk that stopped without withdrawing it (a crash, a
# power cut): nobody is standing there any more, so the staff lists leave it out.
OPEN_FOR = timedelta(hours=2)


@dataclass(frozen=True)
class HelpRequest:
    id: str
    terminal_id: str
    step: str
    state: str
    created_at: datetime
    acknowledged_at: datetime | None
    acknowledged_name: str | None

    def staff_view(self) -> dict[str, Any]:
        """What counters and the supervisor see: where and at which step (no personal data exists)."""
        return {
            "id": self.id,
            "terminal_id": self.terminal_id,
            "terminal": terminal_label(self.terminal_id),
            "step": self.step,
            "step_label": step_label(self.step),
            "state": self.state,
            "created_us": to_us(self.created_at),
            "acknowledged_by": self.acknowledged_name,
        }


def _request(row: Any) -> HelpRequest:
    return HelpRequest(
        id=row["id"],
        terminal_id=row["terminal_id"],
        step=row["step"],
        state=row["state"],
        created_at=from_us(row["created_us"]),
        acknowledged_at=from_us(row["acknowledged_us"]) if row["acknowledged_us"] is not None else None,
        acknowledged_name=row["acknowledged_name"],
    )


class HelpDesk:
    """Help requests of every site served: a kiosk's belong to its site, a staff member sees
    and acknowledges those of the site of the account."""

    def __init__(self, db: Store, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    def _event(self, conn: Any, site: str, kind: str, request: HelpRequest) -> None:
        events.append(conn, site, "", kind, self.clock(), {"help": request.staff_view()})

    def _get(self, conn: Any, site: str, request_id: str) -> Any:
        return conn.execute("SELECT * FROM help_requests WHERE id=? AND site=?", (request_id, site)).fetchone()

    def raise_request(self, site: str, terminal_id: str, idem_key: str, step: str) -> HelpRequest:
        """The kiosk's "Call staff". Same key -> the same request (whatever its state now)."""
        now = self.clock()

        def step_fn(conn: Any) -> HelpRequest:
            found = conn.execute(
                "SELECT * FROM help_requests WHERE terminal_id=? AND idem_key=?", (terminal_id, idem_key)
            ).fetchone()
            if found is not None:
                return _request(found)
            # A kiosk has one citizen at a time: what an earlier session asked for is over.
            older = conn.execute(
                "UPDATE help_requests SET state='closed', ended_us=? WHERE terminal_id=? AND state IN ('open',"
                " 'acknowledged') RETURNING *",
                (to_us(now), terminal_id),
            ).fetchall()
            for row in older:
                self._event(conn, row["site"], "help_closed", _request(row))
            row = conn.execute(
                "INSERT INTO help_requests (id, site, terminal_id, idem_key, step, state, created_us)"
                " VALUES (?,?,?,?,?,'open',?) RETURNING *",
                (str(uuid.uuid4()), site, terminal_id, idem_key, step, to_us(now)),
            ).fetchone()
            request = _request(row)
            self._event(conn, site, "help_requested", request)
            return request

        return self.db.transact(step_fn)

    def for_terminal(self, site: str, terminal_id: str, request_id: str) -> HelpRequest:
        row = self.db.run_read(lambda conn: self._get(conn, site, request_id))
        if row is None or row["terminal_id"] != terminal_id:
            raise ApiProblem(404, "help_request_not_found", "no help request with this id for this terminal")
        return _request(row)

    def cancel(self, site: str, terminal_id: str, request_id: str) -> HelpRequest:
        """The kiosk withdraws it (the session ended). Idempotent; a closed one stays closed."""

        def step_fn(conn: Any) -> HelpRequest:
            row = self._get(conn, site, request_id)
            if row is None or row["terminal_id"] != terminal_id:
                raise ApiProblem(404, "help_request_not_found", "no help request with this id for this terminal")
            changed = conn.execute(
                "UPDATE help_requests SET state='cancelled', ended_us=? WHERE id=? AND state IN ('open','acknowledged')"
                " RETURNING *",
                (to_us(self.clock()), request_id),
            ).fetchone()
            if changed is None:
                return _request(row)
            request = _request(changed)
            self._event(conn, site, "help_closed", request)
            return request

        return self.db.transact(step_fn)

    def acknowledge(self, request_id: str, staff: StaffMember) -> HelpRequest:
        """A staff member is on the way. The first acknowledgement stands; later ones answer it;
        a request the kiosk already withdrew answers 409."""

        def step_fn(conn: Any) -> HelpRequest:
            row = self._get(conn, staff.site, request_id)  # another site's request: not found
            if row is None:
                raise ApiProblem(404, "help_request_not_found", "no help request with this id")
            changed = conn.execute(
                "UPDATE help_requests SET state='acknowledged', acknowledged_us=?, acknowledged_by=?,"
                " acknowledged_name=? WHERE id=? AND state='open' RETURNING *",
                (to_us(self.clock()), staff.id, staff.display_name[:80], request_id),
            ).fetchone()
            if changed is None:
                if row["state"] == "acknowledged":
                    return _request(row)
                raise ApiProblem(409, "help_request_ended", "the kiosk's session ended; nobody waits any more")
            request = _request(changed)
            self._event(conn, staff.site, "help_acknowledged", request)
            return request

        return self.db.transact(step_fn)

    def active(self, site: str) -> list[HelpRequest]:
        """Open requests of the last OPEN_FOR, and those acknowledged in the last SHOWN_FOR, oldest first."""
        now = self.clock()
        opened_since, acknowledged_since = to_us(now - OPEN_FOR), to_us(now - SHOWN_FOR)
        rows = self.db.run_read(
            lambda conn: conn.execute(
                "SELECT * FROM help_requests WHERE site=? AND ((state='open' AND created_us >= ?) OR"
                " (state='acknowledged' AND acknowledged_us >= ?)) ORDER BY created_us LIMIT 100",
                (site, opened_since, acknowledged_since),
            ).fetchall()
        )
        return [_request(r) for r in rows]
