"""sd_notify over a real AF_UNIX datagram socket, as systemd would receive it."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from kiosk.runtime.watchdog import Notifier, Watchdog, notify_address, watchdog_interval_s


@pytest.fixture
def path_socket(tmp_path):
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    yield str(path), sock
    sock.close()


@pytest.fixture
def abstract_socket():
    name = f"anjungan-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.settimeout(5)
    yield "@" + name, sock
    sock.close()


def test_ready_status_ping_stopping_arrive_as_datagrams(path_socket):
    address, server = path_socket
    watchdog = Watchdog.from_environment({"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "4000000"})
    assert watchdog.active and watchdog.interval_s == 2.0
    watchdog.ready("Welcome screen shown")
    watchdog.ping()
    watchdog.status("printer: paper low\nsecond line")
    watchdog.stopping()
    received = [server.recv(4096).decode() for _ in range(4)]
    assert received == [
        "READY=1\nSTATUS=Welcome screen shown",
        "WATCHDOG=1",
        "STATUS=printer: paper low second line",
        "STOPPING=1",
    ]
    assert watchdog.pings_sent == 1
    watchdog.close()


def test_abstract_socket_names_start_with_at(abstract_socket):
    address, server = abstract_socket
    assert notify_address({"NOTIFY_SOCKET": address}) == b"\0" + address[1:].encode()
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": address})
    assert notifier.ping()
    assert server.recv(64) == b"WATCHDOG=1"
    notifier.close()


def test_without_notify_socket_nothing_is_sent_and_nothing_fails():
    watchdog = Watchdog.from_environment({"WATCHDOG_USEC": "1000000"})
    assert not watchdog.active
    watchdog.ready()
    watchdog.ping()
    assert watchdog.pings_sent == 0


def test_gone_service_manager_does_not_raise(tmp_path):
    notifier = Notifier(str(tmp_path / "nobody-listens"))
    assert notifier.ping() is False
    notifier.close()


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
        ({"WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "1"}, None),  # meant for another process
        ({"WATCHDOG_USEC": "2000000", "WATCHDOG_PID": str(os.getpid())}, 1.0),
    ],
)
def test_interval_is_half_watchdog_usec_for_the_right_pid(env, expected):
    assert watchdog_interval_s(env) == expected


def test_relative_notify_socket_is_refused():
    assert notify_address({"NOTIFY_SOCKET": "relative/path"}) is None
