"""The IKM computation of PermenPANRB 14/2017 (central/survey/ikm.py), by worked examples."""

from decimal import Decimal
from fractions import Fraction

import pytest

from central.survey.ikm import category, compute

# Four respondents, nine elements each (U1..U9).
WORKED = [
    (4, 4, 3, 4, 4, 4, 4, 3, 4),
    (3, 3, 3, 2, 3, 4, 4, 3, 3),
    (4, 3, 2, 4, 3, 3, 4, 2, 3),
    (3, 4, 3, 4, 3, 4, 4, 3, 2),
]


def test_worked_example() -> None:
    """Computed by hand, as the regulation's appendix does it:

    element totals   U1 14, U2 14, U3 11, U4 14, U5 13, U6 15, U7 16, U8 11, U9 12
    NRR (total / 4)  3.50  3.50  2.75  3.50  3.25  3.75  4.00  2.75  3.00
    sum of NRR = 30.00; weighted with 1/9 each: 30.00 / 9 = 3.3333
    IKM = 3.3333 x 25 = 83.33  ->  76.61 <= 83.33 <= 88.30: B (Baik)
    lowest elements: U3 and U8 (2.75, in the regulation's order), then U9 (3.00).
    """
    result = compute(WORKED)
    assert result.respondents == 4
    assert result.element_averages["u3"] == Fraction(11, 4)
    assert result.element_averages["u7"] == 4
    assert result.ikm == Decimal("83.33")
    assert (result.category, result.category_words) == ("B", "Baik")
    assert result.lowest == ("u3", "u8", "u9")
    assert result.element_index("u3") == Decimal("68.75")


def test_all_best_is_100_and_all_worst_is_25() -> None:
    assert compute([(4,) * 9]).ikm == Decimal("100.00")
    assert compute([(1,) * 9]).ikm == Decimal("25.00")
    assert compute([(1,) * 9]).category == "D"


@pytest.mark.parametrize(
    ("ikm", "letter"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_conversion_intervals_edges(ikm: str, letter: str) -> None:
    assert category(Decimal(ikm))[0] == letter


def test_one_respondent_rounds_half_up_to_two_decimals() -> None:
    """One respondent: IKM = (sum of scores) / 9 x 25. Scores summing to 31 give 86.111... ->
    86.11 (B); 32 give 88.888... -> 88.89 (A); 34 give 94.444... -> 94.44 (A)."""
    assert compute([(4, 4, 4, 4, 4, 3, 3, 3, 2)]).ikm == Decimal("86.11")
    assert compute([(4, 4, 4, 4, 4, 3, 3, 3, 2)]).category == "B"
    assert compute([(4, 4, 4, 4, 4, 3, 3, 3, 3)]).ikm == Decimal("88.89")
    assert compute([(4, 4, 4, 4, 4, 3, 3, 3, 3)]).category == "A"
    assert compute([(4, 4, 4, 4, 4, 4, 4, 3, 3)]).ikm == Decimal("94.44")


def test_nobody_rated_has_no_index() -> None:
    result = compute([])
    assert result.respondents == 0 and result.ikm is None and result.lowest == ()


def test_a_score_out_of_the_scale_is_refused() -> None:
    with pytest.raises(ValueError):
        compute([(5, 4, 4, 4, 4, 4, 4, 4, 4)])
