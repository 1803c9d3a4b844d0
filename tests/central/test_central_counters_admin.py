"""The admin commands create staff accounts and counters the API then accepts (SQLite file)."""

import io
import sys

import pytest

from central.catalog_file import load_catalog_file
from central.cli import DEFAULT_CATALOG, main
from central.counters.staff import StaffDirectory
from central.store import open_store
from central.testing import SettableClock, utc


def test_add_staff_add_counter_and_seed_demo(tmp_path, monkeypatch, capsys):
    db = tmp_path / "central.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("kata-sandi-panjang\n"))
    assert main(["add-staff", "Sari", "--role", "supervisor", "--password-stdin", "--db", str(db)]) == 0
    assert main(["add-counter", "5", "--zone", "A", "--service", "ktp-el", "--db", str(db)]) == 0
    with pytest.raises(SystemExit, match="already a counter '5'"):
        main(["add-counter", "5", "--zone", "A", "--service", "ktp-el", "--db", str(db)])
    with pytest.raises(SystemExit, match="unknown"):
        main(["add-counter", "6", "--zone", "A", "--service", "no-such-service", "--db", str(db)])
    assert main(["seed-demo", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "kata-sandi-panjang" not in out and "demo account loket1 / demo-loket-1" in out

    store = open_store(db)
    try:
        site = load_catalog_file(DEFAULT_CATALOG).catalog.site.id
        staff = StaffDirectory(store, site, SettableClock(utc(2026, 11, 27, 5, 0, 0)))
        assert staff.login("sari", "kata-sandi-panjang").staff.role == "supervisor"
        assert staff.login("loket1", "demo-loket-1").staff.role == "counter_staff"
        # The second demo site has the same usernames with its own passwords: the password finds the site.
        assert "demo account loket1 / mpp-badung-loket-1" in out
        assert staff.login("loket1", "mpp-badung-loket-1").staff.site == "mpp-badung"
        assert staff.login("loket1", "demo-loket-1").staff.site == "mpp-bandung"
        with store.read() as conn:
            labels = {(r[0], r[1]) for r in conn.execute("SELECT site, label FROM counters").fetchall()}
            zones = {(r[0], r[1]) for r in conn.execute("SELECT site, zone FROM counters").fetchall()}
        assert {("mpp-bandung", "1"), ("mpp-bandung", "5"), ("mpp-badung", "1"), ("mpp-badung", "2")} <= labels
        # The zone word a hall TV asks for (/display?zone=), not the catalogue's whole zone text.
        assert {("mpp-bandung", "A"), ("mpp-bandung", "B"), ("mpp-badung", "Dukcapil")} <= zones
    finally:
        store.close()


def test_add_staff_and_counter_at_a_named_site(tmp_path, monkeypatch):
    db = tmp_path / "central.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("kata-sandi-badung\n"))
    args = ["--site", "mpp-badung", "--password-stdin", "--db", str(db)]
    assert main(["add-staff", "made", *args]) == 0
    assert (
        main(["add-counter", "3", "--zone", "B", "--service", "paspor-biasa", "--site", "mpp-badung", "--db", str(db)])
        == 0
    )
    with pytest.raises(SystemExit, match="no site 'mpp-nowhere'"):
        main(["add-counter", "4", "--zone", "B", "--service", "ktp-el", "--site", "mpp-nowhere", "--db", str(db)])
    with pytest.raises(SystemExit, match="unknown: npwp"):  # a Bandung service, not Badung's
        main(["add-counter", "4", "--zone", "B", "--service", "npwp", "--site", "mpp-badung", "--db", str(db)])
    store = open_store(db)
    try:
        staff = StaffDirectory(store, "mpp-bandung", SettableClock(utc(2026, 11, 27, 5, 0, 0)))
        assert staff.login("made", "kata-sandi-badung", "mpp-badung").staff.site == "mpp-badung"
        with store.read() as conn:
            assert conn.execute("SELECT site FROM counters WHERE label='3'").fetchone()[0] == "mpp-badung"
    finally:
        store.close()
