"""The fault switches are a test/demo mode: loopback only, and every call needs the run's token."""

import pytest
import requests

from central.cli import DEFAULT_CATALOG
from central.server import start, start_demo
from central.testing import Faults


def test_fault_switches_need_the_token(make_central):
    central = make_central()
    assert central.faults_token
    for headers in ({}, {"Authorization": "Bearer wrong-token"}):
        assert requests.get(central.url + "/__faults__", headers=headers, timeout=5).status_code == 401
        r = requests.post(central.url + "/__faults__", json={"mode": "error500"}, headers=headers, timeout=5)
        assert (r.status_code, r.json()["code"]) == (401, "unauthorized")
        assert requests.post(central.url + "/__faults__/payments/x/pay", headers=headers, timeout=5).status_code == 401
    assert requests.get(central.url + "/v1/time", timeout=5).status_code == 200  # nothing was switched
    faults = Faults(central.url)  # finds this process's token for the URL
    faults.set("error500", times=1)
    assert requests.get(central.url + "/v1/time", timeout=5).status_code == 500
    assert faults.requests("GET /v1/time") == 1


def test_fault_switches_refuse_a_non_loopback_address(tmp_path):
    with pytest.raises(ValueError, match=r"127.0.0.1"):
        start(tmp_path / "c.sqlite3", DEFAULT_CATALOG, {}, host="0.0.0.0", faults_enabled=True)


def test_the_demo_central_has_no_fault_switches_unless_asked(tmp_path):
    with start_demo(tmp_path / "demo.sqlite3") as central:
        assert central.faults_token is None
        assert requests.post(central.url + "/__faults__", json={"mode": "drop"}, timeout=5).status_code == 404


def test_the_central_command_refuses_faults_off_loopback(tmp_path):
    from central.cli import run

    with pytest.raises(SystemExit, match="loopback"):
        run("0.0.0.0", 0, tmp_path / "c.sqlite3", faults_enabled=True)
    assert not (tmp_path / "c.sqlite3").exists()  # refused before anything was set up
