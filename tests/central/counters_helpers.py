"""Helpers for the counter tests: staff, counters and confirmed tickets on a running central."""

from __future__ import annotations

import uuid

import requests

from central.server import RunningCentral
from kiosk.contract import TicketReserveRequest

PASSWORD = "loket-rahasia-1"


def staff_session(central: RunningCentral, username: str, role: str = "counter_staff") -> dict[str, str]:
    """A new account at the central and the Authorization header of a fresh session for it."""
    central.app.state.staff.add(username, PASSWORD, role)
    answer = requests.post(
        f"{central.url}/v1/staff/login", json={"username": username, "password": PASSWORD}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def open_counter(central: RunningCentral, headers: dict[str, str], label: str, services: list[str]) -> str:
    counter = central.app.state.calls.add_counter(label, "A", services)
    answer = requests.post(f"{central.url}/v1/counters/{counter.counter.id}/sign-in", headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "open"
    return counter.counter.id


def confirmed_ticket(client, service_id: str = "kartu-keluarga", priority: str = "none", mode: str = "printed"):
    ticket = client.reserve_ticket(TicketReserveRequest(service_id=service_id, priority=priority), str(uuid.uuid4()))
    return client.confirm_ticket(ticket.id, mode)


def post(central: RunningCentral, path: str, headers: dict[str, str], body: dict | None = None) -> requests.Response:
    return requests.post(f"{central.url}{path}", headers=headers, json=body, timeout=20)


def waiting(client, service_id: str) -> tuple[int, int]:
    queue = next(q for q in client.get_queues().queues if q.service_id == service_id)
    return queue.waiting, queue.estimated_wait_minutes
