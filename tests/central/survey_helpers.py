"""Helpers for the survey tests: tickets served at a real central, and ratings of them."""

from __future__ import annotations

from central.server import RunningCentral
from central.testing import TEST_TERMINAL, TEST_TOKEN
from tests.central.counters_helpers import confirmed_ticket, open_counter, post, staff_session

TERMINAL_HEADERS = {"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL}


class Hall:
    """One counter serving every service, signed in by one clerk; tickets go through it."""

    def __init__(self, central: RunningCentral, client, services: list[str], username: str = "clerk") -> None:
        self.central = central
        self.client = client
        self.clerk = staff_session(central, username)
        self.counter = open_counter(central, self.clerk, "9", services)

    def waiting_ticket(self, service_id: str):
        return confirmed_ticket(self.client, service_id)

    def serve(self, ticket) -> None:
        """Call the next ticket (``ticket`` must be the only one waiting) and finish its service."""
        answer = post(self.central, f"/v1/counters/{self.counter}/call-next", self.clerk)
        assert answer.status_code == 200, answer.text
        assert answer.json()["ticket"]["id"] == ticket.id
        done = post(self.central, f"/v1/tickets/{ticket.id}/done", self.clerk)
        assert done.status_code == 200, done.text

    def served_ticket(self, service_id: str):
        ticket = self.waiting_ticket(service_id)
        self.serve(ticket)
        return ticket


def scores_body(scores, **extra) -> dict:
    return {**{f"u{i + 1}": s for i, s in enumerate(scores)}, **extra}
