"""Issuing walk-in tickets while the central is unreachable (issue 16): leased numbers kept in the
kiosk's journal (ledger.py), the numbering that falls back to them (numbering.py), and the keeper
thread that renews leases and sends the outbox when the central is back (keeper.py)."""
