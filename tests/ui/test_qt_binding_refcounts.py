"""Issue 20: the Qt binding must not lose references to None, True or False.

PySide6 6.12.0 on CPython 3.11 drops one per void Qt call and aborts the kiosk after about sixty
sessions. 20,000 calls of every kind the kiosk makes, on the interpreter the tests run on. The
measurement stops a kind early once it has clearly lost references, so a bad binding fails this
test with the figures instead of aborting the whole test run.
"""

from __future__ import annotations

import sys

import pytest

from kiosk.diagnostics.binding import NOISE
from kiosk.ui.binding_check import SINGLETONS, measure

CALLS = 20_000
KINDS = ("void_setters", "click_into_slot", "queued_signal", "timer_firing", "process_events")


@pytest.fixture(scope="module")
def report(qapp):
    return measure(CALLS)


def test_every_kind_of_call_was_measured(report):
    assert set(report.losses) == set(KINDS)
    # A kind stopped early has lost references: that is reported by the test below.
    if not report.loses_references:
        assert report.made == {kind: CALLS for kind in KINDS}


@pytest.mark.skipif(sys.version_info < (3, 12), reason="on 3.12+ the singletons are immortal")
def test_singletons_are_immortal_on_312_and_later(report):
    assert report.immortal == {name: True for name in SINGLETONS}


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True and False are counted before 3.12")
@pytest.mark.parametrize("kind", KINDS)
def test_reference_counts_do_not_fall(report, kind):
    fell = {name: loss for name, loss in report.losses[kind].items() if loss > NOISE}
    assert not fell, f"{report.message()}: {kind} made the counts fall by {fell} in {report.made[kind]} calls"


def test_the_verdict_names_binding_and_python(report):
    assert report.binding.startswith("PySide6 ")
    assert report.python == ".".join(map(str, sys.version_info[:3]))
    assert report.loses_references is False, report.message()
