"""The citizen flow while the central is away and the kiosk issues from its leases (issue 16)."""

from __future__ import annotations

from kiosk.flow.steps import Step

from .test_citizen_flow import CATALOG, flow, issuer, sched, walk_to_confirm  # noqa: F401 - fixtures

LEASED = frozenset({"info-pertanahan", "cek-sertifikat"})


def test_with_leased_numbers_walk_in_tickets_still_come_when_the_central_is_away(flow, issuer):
    flow.update_status(central_online=False, leased=LEASED)
    assert flow.status.blocking_reason() is None and flow.status.issuing_offline
    walk_to_confirm(flow, "bpn", "info-pertanahan")
    flow.send("confirm")
    assert flow.step is Step.ISSUING
    assert issuer.requests[0].service_id == "info-pertanahan"


def test_a_service_without_a_lease_is_refused_offline_and_says_why(flow):
    flow.update_status(central_online=False, leased=LEASED)
    walk_to_confirm(flow, "bpn", "info-pertanahan")
    flow.update_status(leased=frozenset({"cek-sertifikat"}))  # its numbers ran out meanwhile
    flow.send("confirm")
    assert flow.step is Step.UNAVAILABLE
    assert flow.session.error_key == "service_offline"


def test_a_service_that_needs_the_central_cannot_be_chosen_offline(flow):
    flow.update_status(central_online=False, leased=LEASED)
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    assert not flow.send("choose_service", service_id="ktp-el")  # identity required: not leased
    assert flow.step is Step.SERVICE


def test_booking_check_in_says_it_is_unavailable_while_offline(flow):
    flow.update_status(central_online=False, leased=LEASED)
    flow.send("check_in")
    assert flow.step is Step.UNAVAILABLE
    assert flow.session.error_key == "service_offline"


def test_a_booking_code_scanned_while_offline_says_check_in_is_unavailable(flow):
    flow.update_status(central_online=False, leased=LEASED)
    flow.send("text_input", text="BDG7K3P9")
    assert flow.step is Step.UNAVAILABLE
    assert flow.session.error_key == "service_offline"


def test_without_any_lease_the_outage_still_blocks(flow):
    flow.update_status(central_online=False)
    flow.send("take_ticket")
    assert flow.session.error_key == "central_offline"
