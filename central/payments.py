"""Demo QRIS payments: create (idempotent), status, cancel, refund request.

Nothing real moves: a payment becomes "paid" when the demo/test says so (POST
/__faults__/payments/{id}/pay) or, with ``autopay_s``, that many seconds after creation, so a
demo runs hands-free. Cancel answers with the payment as it now is: "paid" after a cancel means
the money landed first, and the kiosk must issue the ticket (or request a refund).
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from datetime import datetime, timedelta
from typing import Callable

from central.catalog_file import CatalogFile
from central.db import Database, from_us, to_us
from central.errors import ApiProblem
from central.qris import Merchant, dynamic_qris
from kiosk.contract import Payment, PaymentCreateRequest

PAYMENTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL, service_id TEXT NOT NULL, amount INTEGER NOT NULL,
    status TEXT NOT NULL, reference TEXT NOT NULL UNIQUE, payload TEXT NOT NULL,
    created_us INTEGER NOT NULL, expires_us INTEGER NOT NULL, paid_us INTEGER,
    ticket_id TEXT, refund_reason TEXT,
    UNIQUE (terminal_id, idem_key)
);
"""


class PaymentDesk:
    def __init__(
        self, db: Database, catalog_file: CatalogFile, *, ttl_s: int, autopay_s: float | None,
        clock: Callable[[], datetime], merchant: Merchant | None = None,
    ) -> None:
        self.db = db
        self.cf = catalog_file
        self.ttl = timedelta(seconds=ttl_s)
        self.autopay = timedelta(seconds=autopay_s) if autopay_s is not None else None
        self.clock = clock
        self.merchant = merchant or Merchant(name=catalog_file.catalog.site.name.upper())
        with db.connect() as conn:
            conn.executescript(PAYMENTS_SCHEMA)

    def _settle(self, conn: sqlite3.Connection, now: datetime) -> None:
        """Apply autopay, then expiry, to pending payments (lazily, before every operation)."""
        if self.autopay is not None:
            delay = self.autopay // timedelta(microseconds=1)
            conn.execute(
                "UPDATE payments SET status='paid', paid_us=created_us+? "
                "WHERE status='pending' AND created_us+? <= ? AND created_us+? < expires_us",
                (delay, delay, to_us(now), delay),
            )
        conn.execute(
            "UPDATE payments SET status='expired' WHERE status='pending' AND expires_us <= ?", (to_us(now),)
        )

    @staticmethod
    def _model(row: sqlite3.Row) -> Payment:
        return Payment(
            id=row["id"], service_id=row["service_id"], amount_idr=row["amount"], status=row["status"],
            qris_payload=row["payload"], reference=row["reference"], created_at=from_us(row["created_us"]),
            expires_at=from_us(row["expires_us"]),
            paid_at=from_us(row["paid_us"]) if row["paid_us"] is not None else None,
            terminal_id=row["terminal_id"], ticket_id=row["ticket_id"], refund_reason=row["refund_reason"],
        )

    def _row(self, conn: sqlite3.Connection, payment_id: str, terminal_id: str | None = None) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM payments WHERE id=?", (payment_id,)).fetchone()
        if row is None:
            raise ApiProblem(404, "payment_not_found", f"no payment {payment_id!r}")
        if terminal_id is not None and row["terminal_id"] != terminal_id:
            raise ApiProblem(403, "not_your_payment", "only the terminal that created a payment may change it")
        return row

    def create(self, terminal_id: str, idem_key: str, req: PaymentCreateRequest) -> Payment:
        request_hash = hashlib.sha256(req.model_dump_json().encode()).hexdigest()
        try:
            svc = self.cf.catalog.service(req.service_id)
        except KeyError:
            raise ApiProblem(404, "unknown_service", f"no service {req.service_id!r} in the catalogue") from None
        if svc.fee_idr == 0:
            raise ApiProblem(409, "no_fee", f"service {svc.id!r} is free; nothing to pay")
        if req.amount_idr != svc.fee_idr:
            raise ApiProblem(
                409, "amount_mismatch", f"amount {req.amount_idr} differs from the fee {svc.fee_idr} of {svc.id!r}"
            )
        with self.db.write() as conn:
            now = self.clock()
            self._settle(conn, now)
            existing = conn.execute(
                "SELECT * FROM payments WHERE terminal_id=? AND idem_key=?", (terminal_id, idem_key)
            ).fetchone()
            if existing is not None:
                if existing["request_hash"] != request_hash:
                    raise ApiProblem(409, "idempotency_conflict",
                                     "this Idempotency-Key was already used with a different request body")
                return self._model(existing)
            payment_id = str(uuid.uuid4())
            reference = "ANJ" + payment_id.replace("-", "")[:16].upper()
            payload = dynamic_qris(self.merchant, req.amount_idr, reference, terminal_id)
            conn.execute(
                "INSERT INTO payments (id, terminal_id, idem_key, request_hash, service_id, amount, status,"
                " reference, payload, created_us, expires_us, ticket_id) VALUES (?,?,?,?,?,?,'pending',?,?,?,?,?)",
                (payment_id, terminal_id, idem_key, request_hash, svc.id, req.amount_idr, reference, payload,
                 to_us(now), to_us(now + self.ttl), req.ticket_id),
            )
            return self._model(self._row(conn, payment_id))

    def get(self, payment_id: str) -> Payment:
        with self.db.write() as conn:  # settling may write
            self._settle(conn, self.clock())
            return self._model(self._row(conn, payment_id))

    def by_reference(self, reference: str) -> Payment | None:
        """The payment a receipt names (its printed reference), or None."""
        with self.db.write() as conn:  # settling may write
            self._settle(conn, self.clock())
            row = conn.execute("SELECT * FROM payments WHERE reference=?", (reference,)).fetchone()
            return self._model(row) if row is not None else None

    def cancel(self, terminal_id: str, payment_id: str) -> Payment:
        """pending -> cancelled; anything else is answered as it is (idempotent)."""
        with self.db.write() as conn:
            self._settle(conn, self.clock())
            self._row(conn, payment_id, terminal_id)
            conn.execute("UPDATE payments SET status='cancelled' WHERE id=? AND status='pending'", (payment_id,))
            return self._model(self._row(conn, payment_id))

    def refund(self, terminal_id: str, payment_id: str, reason: str) -> Payment:
        """paid -> refund_requested (idempotent); unpaid payments cannot be refunded (409)."""
        with self.db.write() as conn:
            self._settle(conn, self.clock())
            row = self._row(conn, payment_id, terminal_id)
            if row["status"] == "paid":
                conn.execute(
                    "UPDATE payments SET status='refund_requested', refund_reason=? WHERE id=?", (reason, payment_id)
                )
            elif row["status"] != "refund_requested":
                raise ApiProblem(409, "not_paid", f"payment is {row['status']}; there is nothing to refund")
            return self._model(self._row(conn, payment_id))

    def mark_paid(self, payment_id: str) -> Payment:
        """Demo/test hook: the citizen's bank app paid."""
        with self.db.write() as conn:
            self._settle(conn, self.clock())
            row = self._row(conn, payment_id)
            if row["status"] != "pending":
                raise ApiProblem(409, "not_pending", f"payment is {row['status']}")
            conn.execute("UPDATE payments SET status='paid', paid_us=? WHERE id=?", (to_us(self.clock()), payment_id))
            return self._model(self._row(conn, payment_id))
