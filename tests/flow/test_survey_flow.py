"""The satisfaction survey in the flow: the ticket scanned or typed, nine answers, the optional
respondent questions and suggestion, the rating sent once, thanks, and back to welcome."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from kiosk.contract.survey import RatingStatus
from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.flow.survey import number_from_entry, ticket_from_scan, typed_text_key
from kiosk.runtime.scheduler import ManualScheduler
from kiosk.survey import SurveyError

from .test_citizen_flow import CATALOG, HeldIssuer

TICKET_ID = "0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
URL = f"https://antrean.example.go.id/t/{TICKET_ID}"


class HeldRatings:
    def __init__(self) -> None:
        self.checks: list[str] = []
        self.sent: list = []
        self.keys: list[str] = []
        self.futures: list[Future] = []

    def check(self, ticket: str) -> Future:
        self.checks.append(ticket)
        self.futures.append(Future())
        return self.futures[-1]

    def submit(self, rating, key: str) -> Future:
        self.sent.append(rating)
        self.keys.append(key)
        self.futures.append(Future())
        return self.futures[-1]


@pytest.fixture
def setup():
    sched = ManualScheduler()
    ratings = HeldRatings()
    flow = CitizenFlow(HeldIssuer(), sched, FlowTiming(), ratings=ratings)
    flow.update_status(catalog=CATALOG, printer="ok", central_online=True)
    return flow, sched, ratings


def served(number: str = "C-007") -> RatingStatus:
    return RatingStatus(ticket_id=TICKET_ID, ticket_number=number, served=True, rated=False)


def answer_check(sched, ratings, result) -> None:
    if isinstance(result, Exception):
        ratings.futures[-1].set_exception(result)
    else:
        ratings.futures[-1].set_result(result)
    sched.run_posted()


def test_a_scanned_ticket_is_rated_start_to_end(setup):
    flow, sched, ratings = setup
    assert flow.send("text_input", text=URL)  # the QR scanner types the tracking URL on welcome
    assert flow.step is Step.SURVEY_TICKET and ratings.checks == [TICKET_ID]
    assert flow.session.lookup_pending and flow.session.notice == "survey.checking"
    answer_check(sched, ratings, served())
    assert flow.step is Step.SURVEY_QUESTION and flow.session.survey.number == "C-007"
    for score in (4, 4, 3, 4, 4, 4, 4, 3, 1):
        flow.send("survey_answer", score=score)
    assert flow.step is Step.SURVEY_ABOUT
    flow.send("survey_respondent", question="sex", value="female")
    flow.send("survey_respondent", question="age_band", value="60_plus")
    flow.send("survey_respondent", question="age_band", value="60_plus")  # touched again: taken back
    flow.send("survey_respondent", question="nik", value="3273015708850003")  # not a question: ignored
    flow.send("survey_respondent", question="education", value="s1")  # not on this page: ignored
    flow.send("survey_next")
    assert flow.step is Step.SURVEY_ABOUT and flow.session.survey.about_page == 1
    flow.send("survey_respondent", question="occupation", value="student")
    flow.send("back")
    assert flow.step is Step.SURVEY_ABOUT and flow.session.survey.about_page == 0
    flow.send("survey_next")
    flow.send("survey_next")
    assert flow.step is Step.SURVEY_SUGGESTION
    for key in "Ruang tunggu panas":
        flow.send("survey_type", key=key if key != " " else "space")
    flow.send("survey_send")
    flow.send("survey_send")  # a second touch while sending sends nothing more
    assert len(ratings.sent) == 1
    rating = ratings.sent[0]
    assert rating.ticket_id == TICKET_ID and rating.ticket_number is None
    assert rating.scores() == (4, 4, 3, 4, 4, 4, 4, 3, 1)
    assert rating.respondent.sex == "female" and rating.respondent.age_band is None
    assert rating.respondent.occupation == "student" and rating.respondent.education is None
    assert rating.suggestion == "Ruang tunggu panas"
    answer_check(sched, ratings, "receipt")
    assert flow.step is Step.SURVEY_THANKS
    sched.advance(FlowTiming().ticket_display_s + 1)
    assert flow.step is Step.WELCOME and flow.session.survey.scores == []


def test_a_typed_number_is_checked_in_the_tickets_form(setup):
    flow, _, ratings = setup
    flow.send("rate_service")
    for key in "b23":
        flow.send("survey_key", key=key)
    flow.send("survey_submit")
    assert ratings.checks == ["B-023"]


def test_a_ticket_not_served_yet_stays_on_the_ticket_step_with_the_reason(setup):
    flow, sched, ratings = setup
    flow.send("rate_service")
    for key in "B7":
        flow.send("survey_key", key=key)
    flow.send("survey_submit")
    answer_check(sched, ratings, SurveyError("not_served"))
    assert flow.step is Step.SURVEY_TICKET and flow.session.notice == "survey.not_served"
    assert not flow.session.lookup_pending


def test_a_malformed_number_is_not_sent(setup):
    flow, _, ratings = setup
    flow.send("rate_service")
    flow.send("survey_key", key="7")
    flow.send("survey_submit")
    assert ratings.checks == [] and flow.session.notice == "survey.format"


def test_back_goes_to_the_previous_question_and_the_new_answer_replaces_the_old(setup):
    flow, sched, ratings = setup
    flow.send("text_input", text=URL)
    answer_check(sched, ratings, served())
    flow.send("survey_answer", score=1)
    flow.send("survey_answer", score=2)
    flow.send("back")
    assert flow.session.survey.index == 1
    flow.send("survey_answer", score=4)
    assert flow.session.survey.scores == [1, 4] and flow.session.survey.index == 2
    flow.send("back")
    flow.send("back")
    flow.send("back")
    assert flow.step is Step.WELCOME


def rate_and_send(flow, sched, ratings, number: str = "C-007", score: int = 3) -> None:
    """Scan the ticket, answer the nine questions alike, skip the optional pages, send."""
    flow.send("text_input", text=URL)
    answer_check(sched, ratings, served(number))
    for _ in range(9):
        flow.send("survey_answer", score=score)
    flow.send("survey_next")
    flow.send("survey_next")
    flow.send("survey_send")


def test_already_rated_when_sending_says_so_and_sends_nothing_more(setup):
    flow, sched, ratings = setup
    rate_and_send(flow, sched, ratings)
    answer_check(sched, ratings, SurveyError("already_rated"))
    assert flow.step is Step.SURVEY_SUGGESTION and flow.session.notice == "survey.already_rated"


def test_sending_again_after_a_failure_repeats_the_ratings_key_and_a_new_rating_gets_another(setup):
    flow, sched, ratings = setup
    rate_and_send(flow, sched, ratings)
    answer_check(sched, ratings, SurveyError("unavailable"))  # the answer was lost on the way
    assert flow.session.notice == "survey.unavailable"
    flow.send("survey_send")  # the citizen presses "send" again
    assert len(ratings.keys) == 2 and ratings.keys[0] == ratings.keys[1]
    answer_check(sched, ratings, "receipt")
    sched.advance(FlowTiming().ticket_display_s + 1)  # thanks, then back to welcome: the session ends
    assert flow.step is Step.WELCOME
    # The next citizen's rating has a key of its own.
    rate_and_send(flow, sched, ratings, "C-008", score=4)
    assert len(ratings.keys) == 3 and ratings.keys[2] != ratings.keys[0]


def test_a_kiosk_closed_for_the_day_takes_no_rating(setup):
    flow, _, ratings = setup
    flow.update_status(closed_message="Tutup")
    assert not flow.send("rate_service") and not flow.send("text_input", text=URL)
    assert flow.step is Step.WELCOME and ratings.checks == []


def test_without_a_survey_service_the_welcome_button_does_nothing():
    flow = CitizenFlow(HeldIssuer(), ManualScheduler(), FlowTiming())
    flow.update_status(catalog=CATALOG, printer="ok")
    assert not flow.send("rate_service") and flow.step is Step.WELCOME
    assert not flow.send("text_input", text=URL)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("B23", "B-023"), ("b-023", "B-023"), ("AB1234", "AB-1234"), ("7", None), ("B", None), ("ABC1", None)],
)
def test_ticket_numbers(typed, number):
    assert number_from_entry(typed) == number


def test_scanned_text_other_than_a_ticket_url_is_not_a_ticket():
    assert ticket_from_scan(URL + "?lang=en") == TICKET_ID
    assert ticket_from_scan("BDG-7K3P9") is None
    assert ticket_from_scan(f"/x/{TICKET_ID}") is None


def test_the_suggestion_is_bounded():
    text = ""
    for _ in range(600):
        text = typed_text_key(text, "a")
    assert len(text) == 500


def test_back_is_refused_while_the_rating_is_on_its_way(setup):
    """Leaving the suggestion step while sending dropped the answer on a step that does not take
    it and left the survey unable to send again until the idle timeout."""
    flow, sched, ratings = setup
    flow.send("text_input", text=URL)
    answer_check(sched, ratings, served())
    for _ in range(9):
        flow.send("survey_answer", score=3)
    flow.send("survey_next")
    flow.send("survey_next")
    flow.send("survey_send")
    assert not flow.send("back")
    assert flow.step is Step.SURVEY_SUGGESTION
    answer_check(sched, ratings, "receipt")
    assert flow.step is Step.SURVEY_THANKS
