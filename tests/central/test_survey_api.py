"""The survey at a real central: a served ticket is rated once (kiosk or phone), and the IKM
report (JSON, CSV, XLSX, HTML) says what the ratings say."""

from __future__ import annotations

import io
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.survey.ikm import compute
from central.testing import OTHER_TERMINAL, OTHER_TOKEN, TEST_TERMINAL, TEST_TOKEN
from tests.central.conftest import client_for
from tests.central.counters_helpers import staff_session
from tests.central.survey_helpers import TERMINAL_HEADERS, Hall, scores_body

SERVICES = ["kia", "akta-kelahiran", "info-pertanahan"]
WORKED = [  # the worked example of tests/central/test_survey_ikm.py: IKM 83.33, B
    (4, 4, 3, 4, 4, 4, 4, 3, 4),
    (3, 3, 3, 2, 3, 4, 4, 3, 3),
    (4, 3, 2, 4, 3, 3, 4, 2, 3),
    (3, 4, 3, 4, 3, 4, 4, 3, 2),
]


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    db = tmp_path_factory.mktemp("survey") / "central.sqlite3"
    central = start(db, DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN, OTHER_TERMINAL: OTHER_TOKEN})
    client = client_for(central)
    try:
        yield Hall(central, client, SERVICES)
    finally:
        client.close()
        central.stop()


def rate(hall: Hall, body: dict, headers: dict | None = None) -> requests.Response:
    return requests.post(f"{hall.central.url}/v1/ratings", json=body, headers=headers or {}, timeout=10)


def test_a_served_ticket_is_rated_once_and_a_waiting_one_not_yet(hall: Hall) -> None:
    ticket = hall.waiting_ticket("kia")
    early = rate(hall, scores_body((4,) * 9, ticket_id=ticket.id))
    assert early.status_code == 409, early.text
    assert early.json()["code"] == "not_served"
    assert "not finished" in early.json()["message"]
    status = requests.get(f"{hall.central.url}/v1/ratings/{ticket.id}", timeout=10).json()
    assert status == {"ticket_id": ticket.id, "ticket_number": ticket.number, "served": False, "rated": False}
    by_number = f"{hall.central.url}/v1/ratings/{ticket.number}"
    assert requests.get(by_number, timeout=10).status_code == 401  # a number is easy to guess
    assert requests.get(by_number, headers=TERMINAL_HEADERS, timeout=10).json()["ticket_id"] == ticket.id

    hall.serve(ticket)
    first = rate(hall, scores_body((4,) * 9, ticket_id=ticket.id))  # the phone page: no token
    assert first.status_code == 201, first.text
    assert first.json()["ticket_number"] == ticket.number
    again = rate(hall, scores_body((1,) * 9, ticket_id=ticket.id))
    assert again.status_code == 409 and again.json()["code"] == "already_rated"
    by_kiosk = rate(hall, scores_body((1,) * 9, ticket_number=ticket.number), TERMINAL_HEADERS)
    assert by_kiosk.status_code == 409 and by_kiosk.json()["code"] == "already_rated"
    status = requests.get(f"{hall.central.url}/v1/ratings/{ticket.id}", timeout=10).json()
    assert status["served"] and status["rated"]


def test_a_number_is_accepted_from_a_terminal_only_and_a_replay_gets_the_same_answer(hall: Hall) -> None:
    ticket = hall.served_ticket("kia")
    anonymous = rate(hall, scores_body((3,) * 9, ticket_number=ticket.number))
    assert anonymous.status_code == 401
    wrong = rate(
        hall, scores_body((3,) * 9, ticket_number=ticket.number), {**TERMINAL_HEADERS, "Authorization": "Bearer x"}
    )
    assert wrong.status_code == 401
    key = {**TERMINAL_HEADERS, "Idempotency-Key": str(uuid.uuid4())}
    first = rate(hall, scores_body((3,) * 9, ticket_number=ticket.number), key)
    assert first.status_code == 201, first.text
    replay = rate(hall, scores_body((3,) * 9, ticket_number=ticket.number), key)
    assert replay.status_code == 201 and replay.json() == first.json()
    unknown = rate(hall, scores_body((3,) * 9, ticket_number="D-999"), TERMINAL_HEADERS)
    assert unknown.status_code == 404
    assert rate(hall, scores_body((3,) * 9), TERMINAL_HEADERS).status_code == 404  # no ticket named


def test_the_kiosks_survey_client_sending_a_rating_again_gets_the_same_receipt(tmp_path) -> None:
    from kiosk.contract.survey import RatingRequest
    from kiosk.survey import SurveyClient, SurveyError

    central = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    client = client_for(central)
    survey = SurveyClient(client_for(central))
    try:
        ticket = Hall(central, client, ["kia"], username="clerk-again").served_ticket("kia")
        rating = RatingRequest.model_validate(scores_body((4,) * 9, ticket_id=ticket.id))
        key = str(uuid.uuid4())
        first = survey.submit(rating, key).result(10)
        again = survey.submit(rating, key).result(10)  # the first answer was lost: "send" again
        assert again == first and first.ticket_number == ticket.number
        with pytest.raises(SurveyError) as refused:  # another rating of the same ticket
            survey.submit(rating, str(uuid.uuid4())).result(10)
        assert refused.value.reason == "already_rated"
    finally:
        survey.close()
        client.close()
        central.stop()


@pytest.mark.parametrize(
    "body",
    [
        scores_body((5, 4, 4, 4, 4, 4, 4, 4, 4), ticket_id=str(uuid.uuid4())),
        scores_body((4,) * 8, ticket_id=str(uuid.uuid4())),
        scores_body((4,) * 9, ticket_id="not-a-uuid"),
        scores_body((4,) * 9, ticket_id=str(uuid.uuid4()), suggestion="x" * 501),
        scores_body((4,) * 9, ticket_id=str(uuid.uuid4()), respondent={"nik": "3273015708850003"}),
    ],
)
def test_a_malformed_rating_is_refused_without_echoing_it(hall: Hall, body: dict) -> None:
    answer = rate(hall, body)
    assert answer.status_code == 422
    assert "3273015708850003" not in answer.text and "x" * 50 not in answer.text


def test_no_nik_or_long_number_is_stored_from_a_suggestion(hall: Hall) -> None:
    ticket = hall.served_ticket("info-pertanahan")
    text = "NIK saya 3273 0157 0885 0003, hp 081234567890. Antrean cepat!"
    answer = rate(hall, scores_body((4,) * 9, ticket_id=ticket.id, suggestion=text))
    assert answer.status_code == 201, answer.text
    with hall.central.app.state.store.read() as conn:
        ratings = repr([tuple(r) for r in conn.execute("SELECT * FROM ratings").fetchall()])
    assert "Antrean cepat!" in ratings
    assert "0885" not in ratings and "081234567890" not in ratings


def test_the_report_matches_the_ratings_in_every_format(hall: Hall) -> None:
    for scores in WORKED:
        ticket = hall.served_ticket("akta-kelahiran")
        body = scores_body(scores, ticket_id=ticket.id, respondent={"sex": "female", "age_band": "30_39"})
        assert rate(hall, body).status_code == 201
    supervisor = staff_session(hall.central, "kepala", role="supervisor")
    url = f"{hall.central.url}/v1/reports/ikm"
    today = hall.client.get_time().now.astimezone(hall.central.app.state.sites.default.tz).date()
    period = {"from": today.isoformat(), "to": today.isoformat()}
    assert requests.get(url, params=period, timeout=10).status_code == 401
    assert requests.get(url, params=period, headers=hall.clerk, timeout=10).status_code == 403

    report = requests.get(url, params=period, headers=supervisor, timeout=10)
    assert report.status_code == 200, report.text
    data = report.json()
    akta = next(g for g in data["services"] if g["id"] == "akta-kelahiran")
    assert (akta["respondents"], akta["ikm"], akta["category"]) == (4, 83.33, "B")
    assert akta["lowest"] == ["u3", "u8", "u9"]
    assert next(e for e in akta["elements"] if e["element"] == "u3")["average"] == 2.75
    unrated = next(g for g in data["services"] if g["id"] == "ktp-el")
    assert unrated["respondents"] == 0 and unrated["ikm"] is None
    # The hall: every rating of the module so far (the four above plus earlier tests' ones).
    assert hall.central.app.state.ratings.between("another-hall", today, today) == []
    site = data["site"]
    every = hall.central.app.state.ratings.between(site, today, today)
    assert data["hall"]["respondents"] == len(every) >= 4
    assert data["hall"]["ikm"] == float(compute(r.scores for r in every).ikm)
    assert data["respondent_profile"]["sex"]["female"] == 4

    csv_text = requests.get(url, params={**period, "format": "csv"}, headers=supervisor, timeout=10).text
    assert any(line.startswith("Layanan,Akta Kelahiran") and ",83.33,B," in line for line in csv_text.splitlines())

    xlsx = requests.get(url, params={**period, "format": "xlsx"}, headers=supervisor, timeout=10)
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Akta Kelahiran"][2:5] == (4, 83.33, "B")

    html = requests.get(url, params={**period, "format": "html", "lang": "en"}, headers=supervisor, timeout=10)
    assert html.headers["content-type"].startswith("text/html")
    assert "<td>4</td><td>83.33</td><td>B</td><td>Good</td>" in html.text
    assert "<script" not in html.text

    backwards = requests.get(url, params={"from": "2026-02-02", "to": "2026-02-01"}, headers=supervisor, timeout=10)
    assert backwards.status_code == 422


def test_suggestions_that_look_like_formulas_stay_text_in_the_xlsx(tmp_path) -> None:
    """A citizen's suggestion lands in the supervisor's spreadsheet (the "Saran" sheet): one
    starting with = + - @ must be shown, never run (spreadsheet formula injection)."""
    from openpyxl import load_workbook

    central = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    client = client_for(central)
    try:
        hall = Hall(central, client, ["kia"], username="clerk-formula")
        texts = ['=HYPERLINK("http://example.invalid","klik")', "@SUM(A1)", "-tidak ada-", "+ruang tunggu"]
        for text in texts:
            ticket = hall.served_ticket("kia")
            assert rate(hall, scores_body((4,) * 9, ticket_id=ticket.id, suggestion=text)).status_code == 201
        supervisor = staff_session(central, "kepala-formula", role="supervisor")
        today = client.get_time().now.astimezone(central.app.state.sites.default.tz).date().isoformat()
        url, period = f"{central.url}/v1/reports/ikm", {"from": today, "to": today}
        xlsx = requests.get(url, params={**period, "format": "xlsx"}, headers=supervisor, timeout=10)
        book = load_workbook(io.BytesIO(xlsx.content))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
        assert {f"'{t}" for t in texts} <= {c.value for c in cells}
    finally:
        client.close()
        central.stop()


def test_every_formula_start_is_quoted_and_nothing_else():
    from central.reports.export import spreadsheet_safe

    for first in ("=", "+", "-", "@", "\t", "\r"):
        assert spreadsheet_safe(first + "1+1") == "'" + first + "1+1"
    assert [spreadsheet_safe(v) for v in ("Akta Kelahiran", "", 4, None, 83.33)] == [
        "Akta Kelahiran",
        "",
        4,
        None,
        83.33,
    ]


def test_two_ratings_racing_for_one_ticket_store_one(make_central, client_factory):
    """A kiosk and a phone at the same moment: the primary key lets one in; the other gets 409,
    on both engines (PostgreSQL's unique violation is retried by the store and then sees the row)."""
    central = make_central()
    hall = Hall(central, client_factory(central), ["kia"])
    ticket = hall.served_ticket("kia")
    barrier = threading.Barrier(8)

    def one(i: int) -> int:
        barrier.wait()
        body = scores_body((1 + i % 4,) * 9, ticket_id=ticket.id)
        return requests.post(f"{central.url}/v1/ratings", json=body, timeout=20).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(one, range(8)))
    assert codes == [201] + [409] * 7
    with central.app.state.store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM ratings WHERE ticket_id=?", (ticket.id,)).fetchone()[0] == 1


@pytest.mark.parametrize("ticket", ["a-b-A-001", "A-001x", "0123abcd-0000-0000-0000-000000000000-A-001"])
def test_a_ticket_that_is_neither_an_id_nor_a_number_is_refused_not_a_crash(hall: Hall, ticket: str) -> None:
    """The path pattern anchors both alternatives: "a-b-A-001" matched the unanchored number half
    and crashed the lookup with a 500."""
    answer = requests.get(f"{hall.central.url}/v1/ratings/{ticket}", headers=TERMINAL_HEADERS, timeout=10)
    assert answer.status_code == 422, answer.text
