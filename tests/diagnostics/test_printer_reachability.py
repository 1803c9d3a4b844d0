"""The printer check tells a network printer that nothing listens for from one that is silent."""

from __future__ import annotations

import socket

from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings
from kiosk.diagnostics.devices import check_printer


def network_printer(port: int) -> PrinterService:
    return PrinterService(
        PrinterSettings(
            backend="network",
            host="127.0.0.1",
            port=port,
            profile="TM-T88V",
            connect_timeout_s=1.0,
            status_timeout_s=0.2,
        )
    )


def test_connection_refused_names_host_and_port_and_the_ip_address_to_check():
    with socket.socket() as probe:  # a port nothing listens on once this is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with network_printer(port) as printer:
        result = check_printer(printer)
    assert result.status == "FAIL"
    assert result.reason == f"nothing listens on 127.0.0.1:{port}"
    assert result.action.startswith("check the printer's IP address")


def test_a_listener_that_never_answers_is_still_a_silent_printer():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        with network_printer(server.getsockname()[1]) as printer:
            result = check_printer(printer)
    assert result.status == "FAIL" and result.reason.startswith("unknown (n=1: no reply")
    assert "does not answer status queries" in result.action
