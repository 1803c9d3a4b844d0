"""Demo QRIS payments: create (idempotent), status, cancel, refund request.

Nothing real moves: a payment becomes "paid" when the demo/test says so (POST
/__faults__/payments/{id}/pay) or, with ``autopay_s``, that many seconds after creation, so a
demo runs hands-free. Cancel answers with the payment as it now is: "paid" after a cancel means
the money landed first, and the kiosk must issue the ticket (or request a refund).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from central.catalog_file import CatalogFile
from central.errors import ApiProblem
from central.live import events
from central.qris import Merchant, dynamic_qris
from central.sites import Sites, as_sites
from central.store import Store, from_us, to_us
from kiosk.contract import Payment, PaymentCreateRequest

# Pending payments are settled lazily before every operation. On PostgreSQL the candidates are
# locked with SKIP LOCKED: a payment another transaction is changing right now is settled by the
# next call instead of waited for (concurrent sweeps neither block nor deadlock each other).
_PENDING = {"sqlite": "{cond}", "postgresql": "id IN (SELECT id FROM payments WHERE {cond} FOR UPDATE SKIP LOCKED)"}


class PaymentDesk:
    def __init__(
        self,
        db: Store,
        sites: Sites | CatalogFile,
        *,
        ttl_s: int,
        autopay_s: float | None,
        clock: Callable[[], datetime],
        merchant: Merchant | None = None,
    ) -> None:
        self.db = db
        self.sites = as_sites(sites)
        self.ttl = timedelta(seconds=ttl_s)
        self.autopay = timedelta(seconds=autopay_s) if autopay_s is not None else None
        self.clock = clock
        self._merchant = merchant  # tests: one merchant for every site

    def merchant(self, site: str) -> Merchant:
        """Each hall is its own QRIS merchant (the name the citizen's bank app shows)."""
        return self._merchant or Merchant(name=self.sites.get(site).catalog.site.name.upper())

    def _settle(self, conn: Any, now: datetime) -> None:
        """Apply autopay, then expiry, to pending payments: before every operation, and once a
        second from the app (``settle_due``). Each payment settled here is announced on its
        terminal's stream, once (the update is conditional: whoever settles it first tells)."""
        pending = _PENDING[conn.dialect]
        settled: list[Any] = []
        if self.autopay is not None:
            delay = self.autopay // timedelta(microseconds=1)
            cond = pending.format(cond="status='pending' AND created_us+? <= ? AND created_us+? < expires_us")
            settled += conn.execute(
                f"UPDATE payments SET status='paid', paid_us=created_us+? WHERE {cond} RETURNING *",
                (delay, delay, to_us(now), delay),
            ).fetchall()
        cond = pending.format(cond="status='pending' AND expires_us <= ?")
        settled += conn.execute(
            f"UPDATE payments SET status='expired' WHERE {cond} RETURNING *", (to_us(now),)
        ).fetchall()
        for row in settled:
            events.append_payment(conn, row["site"], now, self._model(row).model_dump(mode="json"))

    def settle_due(self) -> None:
        """Settle what is due now (the app calls this once a second): the kiosk hears "paid" (demo
        autopay) or "expired" at that time on its stream, not at its next status poll. A read
        first: with nothing pending (most seconds) no write transaction is taken."""
        pending = self.db.run_read(
            lambda conn: conn.execute("SELECT 1 FROM payments WHERE status='pending' LIMIT 1").fetchone()
        )
        if pending is not None:
            self.db.transact(lambda conn: self._settle(conn, self.clock()))

    @staticmethod
    def _model(row: Any) -> Payment:
        return Payment(
            id=row["id"],
            service_id=row["service_id"],
            amount_idr=row["amount"],
            status=row["status"],
            qris_payload=row["payload"],
            reference=row["reference"],
            created_at=from_us(row["created_us"]),
            expires_at=from_us(row["expires_us"]),
            paid_at=from_us(row["paid_us"]) if row["paid_us"] is not None else None,
            terminal_id=row["terminal_id"],
            ticket_id=row["ticket_id"],
            refund_reason=row["refund_reason"],
        )

    def _row(self, conn: Any, payment_id: str, terminal_id: str | None = None, site: str | None = None) -> Any:
        """The payment; 404 also when it is another site's (a terminal sees its own hall only)."""
        row = conn.execute("SELECT * FROM payments WHERE id=?", (payment_id,)).fetchone()
        if row is None or (site is not None and row["site"] != site):
            raise ApiProblem(404, "payment_not_found", f"no payment {payment_id[:64]!r}")
        if terminal_id is not None and row["terminal_id"] != terminal_id:
            raise ApiProblem(403, "not_your_payment", "only the terminal that created a payment may change it")
        return row

    def create(self, site: str, terminal_id: str, idem_key: str, req: PaymentCreateRequest) -> Payment:
        request_hash = hashlib.sha256(req.model_dump_json().encode()).hexdigest()
        try:
            svc = self.sites.get(site).catalog.service(req.service_id)
        except KeyError:
            raise ApiProblem(404, "unknown_service", f"no service {req.service_id!r} in the catalogue") from None
        if svc.fee_idr == 0:
            raise ApiProblem(409, "no_fee", f"service {svc.id!r} is free; nothing to pay")
        if req.amount_idr != svc.fee_idr:
            raise ApiProblem(
                409, "amount_mismatch", f"amount {req.amount_idr} differs from the fee {svc.fee_idr} of {svc.id!r}"
            )

        def step(conn: Any) -> Any:
            now = self.clock()
            self._settle(conn, now)
            existing = conn.execute(
                "SELECT * FROM payments WHERE terminal_id=? AND idem_key=?", (terminal_id, idem_key)
            ).fetchone()
            if existing is not None:
                if existing["request_hash"] != request_hash:
                    raise ApiProblem(
                        409,
                        "idempotency_conflict",
                        "this Idempotency-Key was already used with a different request body",
                    )
                return existing
            payment_id = str(uuid.uuid4())
            reference = "ANJ" + payment_id.replace("-", "")[:16].upper()
            payload = dynamic_qris(self.merchant(site), req.amount_idr, reference, terminal_id)
            # A concurrent create with the same key fails on UNIQUE (terminal_id, idem_key);
            # transact runs the step again and returns the winner's payment.
            return conn.execute(
                "INSERT INTO payments (id, site, terminal_id, idem_key, request_hash, service_id, amount, status,"
                " reference, payload, created_us, expires_us, ticket_id) VALUES (?,?,?,?,?,?,?,'pending',?,?,?,?,?)"
                " RETURNING *",
                (
                    payment_id,
                    site,
                    terminal_id,
                    idem_key,
                    request_hash,
                    svc.id,
                    req.amount_idr,
                    reference,
                    payload,
                    to_us(now),
                    to_us(now + self.ttl),
                    req.ticket_id,
                ),
            ).fetchone()

        return self._model(self.db.transact(step))

    def get(self, payment_id: str, site: str | None = None) -> Payment:
        def step(conn: Any) -> Any:  # settling may write
            self._settle(conn, self.clock())
            return self._row(conn, payment_id, site=site)

        return self._model(self.db.transact(step))

    def by_reference(self, reference: str) -> tuple[Payment, str] | None:
        """The payment a receipt names (its printed reference) and its site, or None."""

        def step(conn: Any) -> Any:  # settling may write
            self._settle(conn, self.clock())
            return conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()

        row = self.db.transact(step)
        return (self._model(row), row["site"]) if row is not None else None

    def cancel(self, site: str, terminal_id: str, payment_id: str) -> Payment:
        """pending -> cancelled; anything else is answered as it is (idempotent)."""

        def step(conn: Any) -> Any:
            self._settle(conn, self.clock())
            self._row(conn, payment_id, terminal_id, site)
            conn.execute("UPDATE payments SET status='cancelled' WHERE id=? AND status='pending'", (payment_id,))
            return self._row(conn, payment_id)

        return self._model(self.db.transact(step))

    def refund(self, site: str, terminal_id: str, payment_id: str, reason: str) -> Payment:
        """paid -> refund_requested (idempotent); unpaid payments cannot be refunded (409)."""

        def step(conn: Any) -> Any:
            self._settle(conn, self.clock())
            self._row(conn, payment_id, terminal_id, site)
            conn.execute(
                "UPDATE payments SET status='refund_requested', refund_reason=? WHERE id=? AND status='paid'",
                (reason, payment_id),
            )
            row = self._row(conn, payment_id)
            if row["status"] != "refund_requested":
                raise ApiProblem(409, "not_paid", f"payment is {row['status']}; there is nothing to refund")
            return row

        return self._model(self.db.transact(step))

    def mark_paid(self, payment_id: str) -> Payment:
        """Demo/test hook: the citizen's bank app paid."""

        def step(conn: Any) -> Any:
            now = self.clock()
            self._settle(conn, now)
            done = conn.execute(
                "UPDATE payments SET status='paid', paid_us=? WHERE id=? AND status='pending' RETURNING *",
                (to_us(now), payment_id),
            ).fetchone()
            if done is None:
                row = self._row(conn, payment_id)
                raise ApiProblem(409, "not_pending", f"payment is {row['status']}")
            # The kiosk hears it on its stream (last statement: no event if this rolls back), among
            # the events of the payment's site, which is its terminal's.
            events.append_payment(conn, done["site"], now, self._model(done).model_dump(mode="json"))
            return done

        return self._model(self.db.transact(step))
