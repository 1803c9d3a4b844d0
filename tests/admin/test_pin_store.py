"""PIN hashes on disk and the growing lockout (real scrypt, real files, a hand-moved clock)."""

import json
import stat

import pytest

from kiosk.admin.pin import PinLocked, PinStore


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_pin_is_stored_as_salted_scrypt_only(tmp_path):
    path = tmp_path / "data" / "admin-pins.json"
    store = PinStore(path)
    store.set_pin("staff", "482913")
    store.set_pin("technician", "771204")
    raw = path.read_text()
    assert "482913" not in raw and "771204" not in raw
    data = json.loads(raw)
    assert data["pins"]["staff"]["kdf"] == "scrypt" and data["pins"]["staff"]["n"] >= 2**14
    assert data["pins"]["staff"]["salt"] != data["pins"]["technician"]["salt"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reopened = PinStore(path)
    assert reopened.check("482913").role == "staff"
    assert reopened.check("771204").role == "technician"
    assert reopened.check("000000").role is None


def test_five_wrong_pins_lock_for_a_period_that_doubles(tmp_path):
    clock = Clock()
    store = PinStore(tmp_path / "pins.json", max_attempts=5, lockout_base_s=60, clock=clock)
    store.set_pin("staff", "482913")
    for left in (4, 3, 2, 1):
        assert store.check("111111").attempts_left == left
    last = store.check("111111")
    assert last.role is None and last.locked_for_s == 60
    with pytest.raises(PinLocked) as locked:
        store.check("482913")  # even the right PIN is not tried during a lockout
    assert locked.value.seconds_left == pytest.approx(60)
    # A restart does not reset the lockout.
    assert PinStore(tmp_path / "pins.json", clock=clock).locked_for() == pytest.approx(60)
    clock.now += 61
    for _ in range(4):
        store.check("111111")
    assert store.check("111111").locked_for_s == 120  # the second lockout is twice as long
    clock.now += 121
    assert store.check("482913").role == "staff"
    for _ in range(4):
        store.check("111111")
    assert store.check("111111").locked_for_s == 60  # a good PIN reset the escalation


def test_bad_pins_are_refused_when_set(tmp_path):
    store = PinStore(tmp_path / "pins.json")
    for bad in ("12", "abcd", "1234567890123", "١٢٣٤"):
        with pytest.raises(ValueError):
            store.set_pin("staff", bad)
    with pytest.raises(ValueError):
        store.set_pin("root", "123456")
