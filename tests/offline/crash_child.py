"""A kiosk process issuing offline from its lease (or sending its outbox), which SIGKILLs itself at
a chosen step: ``python -m tests.offline.crash_child '<json>'``. Run by test_offline_crash.py.

The steps: "taking" (inside the transaction that records the number, before COMMIT), "recorded"
(committed, nothing printed yet), "printed" (the printer took the job, not yet confirmed),
"delivered" (the delivery recorded), "answered" (the central took an outbox batch, the kiosk has
not marked it sent). Every number the printer printed is appended (fsync) to printed.log first.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections import Counter
from concurrent.futures import Future
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.api import CentralClient, CentralSettings
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.contract import Catalog
from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.flow.ports import IssueRequest
from kiosk.offline.keeper import OfflineOutbox
from kiosk.offline.ledger import OfflineLedger
from kiosk.offline.numbering import FailoverNumbering, LeaseNumbering
from kiosk.printing.document import Document
from kiosk.tickets.issuer import TicketIssuer
from kiosk.tickets.numbering import CentralNumbering
from kiosk.tickets.pending import PendingConfirmations


def main() -> None:
    cfg = json.loads(sys.argv[1])
    data = Path(cfg["data"])
    seen: Counter[str] = Counter()

    def step(name: str, _: str = "") -> None:
        seen[name] += 1
        if name == cfg.get("kill_step") and seen[name] == cfg.get("kill_occurrence", 1):
            os.kill(os.getpid(), signal.SIGKILL)

    started, t0 = datetime.fromisoformat(cfg["start"]), time.monotonic()
    ledger = OfflineLedger(
        data / "journal.sqlite3", clock=lambda: started + timedelta(seconds=time.monotonic() - t0), on_step=step
    )
    catalog = Catalog.model_validate_json((data / "catalog.json").read_text())
    settings = CentralSettings(base_url=cfg["url"], terminal_id=cfg["terminal"], retries=0)
    client = CentralClient(settings, cfg["token"])
    if cfg["mode"] == "sync":
        post = client.post_offline_tickets

        def post_then_maybe_die(batch):  # type: ignore[no-untyped-def]
            ack = post(batch)
            step("answered")
            return ack

        client.post_offline_tickets = post_then_maybe_die  # type: ignore[method-assign]
        print(json.dumps({"synced": OfflineOutbox(ledger, client, batch=cfg.get("batch", 100)).sync()}), flush=True)
        return

    monitor = ConnectivityMonitor(1)
    monitor.record_failure()  # the central is away
    leases = LeaseNumbering(ledger, lambda: catalog, lambda: {}, cfg["terminal"], cfg["url"])
    printer = PrinterService(PrinterSettings(backend="virtual"))
    witness = data / "printed.log"

    class WitnessedPrinter:
        def print_document(self, doc: Document) -> Future:  # type: ignore[type-arg]
            future = printer.print_document(doc)
            if future.result(timeout=20).printed:
                with open(witness, "a") as f:
                    f.write((doc.title or "").split(" ")[0] + "\n")
                    f.flush()
                    os.fsync(f.fileno())
                step("printed")
            return future

    pending = PendingConfirmations(data / "pending.sqlite3")
    issuer = TicketIssuer(
        FailoverNumbering(CentralNumbering(client), leases, monitor),
        WitnessedPrinter(),
        lambda: catalog,
        cfg["terminal"],
        pending,
        on_print_fault="virtual_ticket",
    )
    issuer.retry_pending().result(timeout=20)  # deliveries a killed run owed
    numbers = []
    for _ in range(cfg["count"]):
        request = IssueRequest(session_id=1, service_id=cfg["service"], priority="none", language="id")
        numbers.append(issuer.issue(request).result(timeout=20).ticket.number)
    print(json.dumps({"issued": numbers}), flush=True)
    issuer.close(), printer.close(), pending.close(), ledger.close()


if __name__ == "__main__":
    main()
