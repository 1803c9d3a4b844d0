"""PIN hashes on disk and the growing lockout (real scrypt, real files, a hand-moved clock)."""

import json
import stat

import pytest

from kiosk.admin.pin import PinInUse, PinLocked, PinStore


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


def test_a_pin_another_role_holds_is_refused(tmp_path):
    # Issue 12, defect 9: with one PIN for both roles, the role opened depended on the file order.
    store = PinStore(tmp_path / "pins.json")
    store.set_pin("staff", "482913")
    with pytest.raises(PinInUse) as refused:
        store.set_pin("technician", "482913")
    assert refused.value.other_role == "staff" and "482913" not in str(refused.value)
    assert set(json.loads((tmp_path / "pins.json").read_text())["pins"]) == {"staff"}
    store.set_pin("staff", "482913")  # the same role may set its own PIN again
    store.set_pin("technician", "771204")
    with pytest.raises(PinInUse):
        PinStore(tmp_path / "pins.json").set_pin("staff", "771204")  # after a restart too
    assert PinStore(tmp_path / "pins.json").check("482913").role == "staff"


def test_a_file_that_already_shares_a_pin_opens_the_lesser_role(tmp_path):
    path = tmp_path / "pins.json"
    store = PinStore(path)
    store.set_pin("staff", "482913")
    store.set_pin("technician", "771204")
    data = json.loads(path.read_text())
    # An old file: both roles on one PIN, the technician stored last (it used to win).
    data["pins"] = {"staff": data["pins"]["staff"], "technician": dict(data["pins"]["staff"])}
    path.write_text(json.dumps(data))
    assert PinStore(path).check("482913").role == "staff"
    data["pins"] = {"technician": data["pins"]["technician"], "staff": data["pins"]["staff"]}
    path.write_text(json.dumps(data))
    assert PinStore(path).check("482913").role == "staff"


def test_set_pin_command_refuses_the_other_roles_pin(tmp_path, monkeypatch, capsys):
    from kiosk.admin import set_pin
    from kiosk.admin.demo_pin import pin_file_for
    from kiosk.config import load_config

    config_path = tmp_path / "kiosk.toml"
    config_path.write_text(f"""
[terminal]
name = "PIN test"
[central]
base_url = "http://127.0.0.1:9"
terminal_id = "T-1"
[printer]
backend = "virtual"
[data]
directory = "{tmp_path / "data"}"
""")
    typed = iter(["246810", "246810", "246810", "246810"])
    monkeypatch.setattr(set_pin.getpass, "getpass", lambda prompt="": next(typed))
    assert set_pin.main(["--config", str(config_path), "staff"]) == 0
    assert set_pin.main(["--config", str(config_path), "technician"]) == 2
    assert "already the staff PIN" in capsys.readouterr().err
    assert set(json.loads(pin_file_for(load_config(config_path)).read_text())["pins"]) == {"staff"}


def test_demo_pins_replace_an_old_run_whose_staff_pin_is_the_new_technician_pin(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from kiosk.admin.demo_pin import ensure_demo_pins

    config = SimpleNamespace(
        admin=SimpleNamespace(pin_file=tmp_path / "pins.json", max_pin_attempts=5, lockout_base_s=60.0),
        data=SimpleNamespace(directory=tmp_path),
    )
    monkeypatch.setenv("ANJUNGAN_DEMO_PIN", "111111")
    monkeypatch.setenv("ANJUNGAN_DEMO_STAFF_PIN", "222222")
    ensure_demo_pins(config)
    monkeypatch.setenv("ANJUNGAN_DEMO_PIN", "222222")
    monkeypatch.setenv("ANJUNGAN_DEMO_STAFF_PIN", "333333")
    assert ensure_demo_pins(config) == {"technician": "222222", "staff": "333333"}
    store = PinStore(tmp_path / "pins.json")
    assert store.check("222222").role == "technician" and store.check("111111").role is None
    monkeypatch.setenv("ANJUNGAN_DEMO_STAFF_PIN", "222222")
    with pytest.raises(ValueError, match="must differ"):
        ensure_demo_pins(config)


def test_a_gesture_lockout_leaves_the_staff_card_path_open(tmp_path):
    """Issue 19: a citizen's wrong PINs at the corner gesture do not lock staff out."""
    clock = Clock()
    store = PinStore(tmp_path / "pins.json", max_attempts=5, lockout_base_s=60, clock=clock)
    store.set_pin("technician", "771204")
    for _ in range(4):
        store.check("111111", "gesture")
    last = store.check("111111", "gesture")
    assert last.locked_for_s == 60 and last.path == "gesture" and last.lockout_number == 1
    with pytest.raises(PinLocked):
        store.check("771204", "gesture")
    assert store.check("771204", "staff_card").role == "technician"
    # The staff card path has a counter of its own, and the gesture's lockout survives a restart.
    for _ in range(4):
        store.check("111111", "staff_card")
    assert store.check("111111", "staff_card").locked_for_s == 60
    assert PinStore(tmp_path / "pins.json", clock=clock).locked_for("gesture") == pytest.approx(60)


def test_a_lockout_in_a_file_from_before_per_path_counters_stays_on_the_gesture(tmp_path):
    clock = Clock()
    path = tmp_path / "pins.json"
    path.write_text(json.dumps({"pins": {}, "failures": 2, "lockouts": 1, "locked_until": clock.now + 90}))
    store = PinStore(path, clock=clock)
    assert store.locked_for("gesture") == pytest.approx(90) and store.locked_for("staff_card") == 0
