"""A help request names the kiosk step the citizen is on: the contract must know every step of
the flow (the survey's five were missing, so "Call staff" failed on every survey screen), and
the staff pages must have words for each."""

from typing import get_args

from central.supervisor.labels import STEP_LABELS
from kiosk.contract.help import HelpRequestCreate, HelpStep
from kiosk.flow.steps import Step


def test_every_flow_step_can_be_named_in_a_help_request():
    assert set(get_args(HelpStep)) == {step.value for step in Step}
    for step in Step:
        assert HelpRequestCreate(step=step.value).step == step.value


def test_staff_pages_have_words_for_every_step():
    assert set(STEP_LABELS) == set(get_args(HelpStep))
