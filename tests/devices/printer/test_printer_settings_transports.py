"""Settings validation, the transport registry, and the network transport's timeouts on real TCP."""

import socket
import sys
import threading

import pytest
from pydantic import ValidationError

from kiosk.devices.printer.settings import PrinterSettings
from kiosk.devices.printer.transports import (
    TRANSPORTS,
    NetworkTransport,
    TransportError,
    TransportUnavailable,
    make_transport,
)
from kiosk.devices.printer.virtual import VirtualTransport


@pytest.mark.parametrize(
    "backend,needs",
    [("network", "host"), ("usb", "vendor_id, product_id"), ("serial", "serial_port"), ("cups", "queue")],
)
def test_backend_parameters_are_required(backend, needs):
    with pytest.raises(ValidationError, match=f"printer backend '{backend}' needs {needs}"):
        PrinterSettings(backend=backend)


def test_usb_ids_accept_hex_strings_and_reject_junk():
    s = PrinterSettings(backend="usb", vendor_id="04b8", product_id="0x0e15")
    assert (s.vendor_id, s.product_id) == (0x04B8, 0x0E15)
    with pytest.raises(ValidationError, match="hexadecimal id"):
        PrinterSettings(backend="usb", vendor_id="epson", product_id=1)
    with pytest.raises(ValidationError, match="16-bit"):
        PrinterSettings(backend="usb", vendor_id=0x10000, product_id=1)


def test_settings_are_frozen_strict_and_documented():
    with pytest.raises(ValidationError):
        PrinterSettings(backend="virtual", colour="red")
    with pytest.raises(ValidationError):
        PrinterSettings(paper_width_mm=76)
    for name, field in PrinterSettings.model_fields.items():
        assert field.description and "\n" not in field.description, name
    s = PrinterSettings(paper_width_mm=58)
    assert (s.printer_profile().width_dots, s.printer_profile().columns) == (384, 32)


def test_profile_name_is_checked_against_the_escpos_database():
    assert PrinterSettings(profile="POS-5890").profile == "POS-5890"
    with pytest.raises(ValidationError, match="unknown python-escpos capability profile 'TM-X9'"):
        PrinterSettings(profile="TM-X9")


def test_registry_picks_the_backend():
    assert set(TRANSPORTS) >= {"network", "usb", "serial", "cups", "virtual"}
    assert isinstance(make_transport(PrinterSettings(backend="virtual")), VirtualTransport)
    net = make_transport(PrinterSettings(backend="network", host="127.0.0.1", port=9))
    assert isinstance(net, NetworkTransport) and not net.is_open


def test_serial_without_pyserial_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "serial", None)  # as on a machine without pyserial
    t = make_transport(PrinterSettings(backend="serial", serial_port="/dev/ttyS99"))
    with pytest.raises(TransportUnavailable, match="pip install pyserial"):
        t.open()


def test_usb_without_pyusb_says_what_to_install(monkeypatch):
    for name in ("usb", "usb.core", "usb.util"):
        monkeypatch.setitem(sys.modules, name, None)
    t = make_transport(PrinterSettings(backend="usb", vendor_id=0x04B8, product_id=0x0202))
    with pytest.raises(TransportUnavailable, match="pip install pyusb"):
        t.open()


def test_cups_without_lp_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    t = make_transport(PrinterSettings(backend="cups", queue="receipt"))
    with pytest.raises(TransportUnavailable, match="lp command"):
        t.open()
    assert t.supports_status is False


def test_serial_port_that_does_not_exist_is_a_clear_error():
    t = make_transport(PrinterSettings(backend="serial", serial_port="/dev/ttyANJUNGAN-none"))
    with pytest.raises(TransportError, match="cannot open serial printer /dev/ttyANJUNGAN-none"):
        t.open()


def test_usb_printer_that_is_not_plugged_in_is_a_clear_error():
    t = make_transport(PrinterSettings(backend="usb", vendor_id=0xFFF0, product_id=0x0001))
    with pytest.raises(TransportError, match="USB printer fff0:0001"):
        t.open()


@pytest.fixture
def silent_server():
    """A TCP peer on loopback that accepts and then says nothing until told to hang up."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    hang_up = threading.Event()

    def serve():
        conn, _ = server.accept()
        accepted.append(conn)
        hang_up.wait(10)
        conn.close()

    thread = threading.Thread(target=serve)
    thread.start()
    yield server.getsockname()[1], hang_up
    hang_up.set()
    thread.join(5)
    server.close()


def test_network_read_times_out_with_empty_bytes_and_eof_raises(silent_server):
    port, hang_up = silent_server
    t = NetworkTransport("127.0.0.1", port, connect_timeout=2)
    t.open()
    try:
        t.write(b"\x10\x04\x01", timeout=1)
        assert t.read(1, timeout=0.05) == b""  # silence is not an error...
        hang_up.set()
        with pytest.raises(TransportError, match=r"closed the connection|connection lost"):
            t.read(1, timeout=2)  # ...but a closed link is
    finally:
        t.close()
    assert not t.is_open


def test_network_connect_refused_is_a_transport_error():
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nobody listens there now
    t = NetworkTransport("127.0.0.1", port, connect_timeout=1)
    with pytest.raises(TransportError, match="cannot connect"):
        t.open()
