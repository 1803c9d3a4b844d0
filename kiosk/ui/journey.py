"""Where the citizen is in the journey, for "Step 2 of 4" (Qt-free).

Four steps for a queue number, whatever the service: identity and payment belong to the step
they are part of (checking the details, getting the number), so the total never grows on the way
and nobody is told "2 of 4" and later "5 of 6". A booking check-in has two.
"""

from __future__ import annotations

from kiosk.flow.steps import Step

TICKET_JOURNEY = {
    Step.AGENCY: 1,
    Step.SERVICE: 2,
    Step.CONFIRM: 3,
    Step.IDENTIFY: 3,
    Step.PASSPORT: 3,
    Step.PAYMENT: 4,
    Step.ISSUING: 4,
    Step.TICKET: 4,
}
BOOKING_JOURNEY = {Step.BOOKING: 1, Step.ISSUING: 2, Step.TICKET: 2}


def journey_step(step: Step, checking_in: bool) -> tuple[int, int] | None:
    """(step, total), or None where no journey is under way (welcome, problems)."""
    journey = BOOKING_JOURNEY if checking_in else TICKET_JOURNEY
    if step not in journey:
        return None
    return journey[step], max(journey.values())
