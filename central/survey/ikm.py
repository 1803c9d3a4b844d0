"""The satisfaction index (IKM) as PermenPANRB 14/2017 computes it; pure, no I/O.

For a group of ratings (one service, one agency, the hall) and a period:

1. the average of each element U1..U9 over the respondents (nilai rata-rata per unsur, NRR);
2. their weighted average with the regulation's equal weights, 1/9 each (printed as 0.111 in the
   regulation: "bobot nilai rata-rata tertimbang = 1 / jumlah unsur");
3. times 25 (the four-point scale to 25..100): the IKM, rounded to two decimals;
4. its quality by the regulation's conversion intervals: A (Sangat Baik) 88.31-100,
   B (Baik) 76.61-88.30, C (Kurang Baik) 65.00-76.60, D (Tidak Baik) 25.00-64.99.

The intervals (and the element scale's: 1.00-2.5996 D, 2.60-3.064 C, 3.0644-3.532 B,
3.5324-4.00 A, i.e. the same x 25) as reproduced from the regulation's table by a unit's published
SKM report (BPPP Tegal, Buku Kinerja BLU 2024, p. 44); the regulation's own text was not at hand.

The exact 1/9 is used, not the printed 0.111 (which would put nine perfect elements at 99.90,
not 100). Fractions keep the sums exact, so the index does not depend on the order of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from kiosk.contract.survey import ELEMENTS

WEIGHT = Fraction(1, len(ELEMENTS))
SCALE = 25
LOWEST_SHOWN = 3  # the elements a report names as the ones to improve first
# (lowest IKM of the category, category, words): checked from A down.
CATEGORIES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)


def two_places(value: Fraction) -> Decimal:
    """Rounded half up to two decimals, as the regulation's tables print figures."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def category(ikm: Decimal) -> tuple[str, str]:
    """The quality letter and its words for an IKM (25..100, two decimals)."""
    for lowest, letter, words in CATEGORIES:
        if ikm >= lowest:
            return letter, words
    raise ValueError(f"an IKM is at least 25.00, not {ikm}")


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    element_averages: dict[str, Fraction]  # NRR per element, exact
    ikm: Decimal | None  # None: nobody rated
    category: str | None
    category_words: str | None
    lowest: tuple[str, ...]  # the elements with the lowest averages, lowest first

    def element_index(self, element: str) -> Decimal:
        """One element's average on the 25..100 scale (NRR x 25)."""
        return two_places(self.element_averages[element] * SCALE)


def compute(ratings: Iterable[Sequence[int]]) -> IkmResult:
    """``ratings``: each a sequence of the nine scores (1..4) in element order."""
    totals = [0] * len(ELEMENTS)
    count = 0
    for scores in ratings:
        if len(scores) != len(ELEMENTS) or any(not 1 <= s <= 4 for s in scores):
            raise ValueError("a rating has nine scores of 1..4")
        count += 1
        for i, score in enumerate(scores):
            totals[i] += score
    if count == 0:
        return IkmResult(0, {}, None, None, None, ())
    averages = {e: Fraction(totals[i], count) for i, e in enumerate(ELEMENTS)}
    weighted = sum((avg * WEIGHT for avg in averages.values()), Fraction(0))
    ikm = two_places(weighted * SCALE)
    letter, words = category(ikm)
    by_score = sorted(ELEMENTS, key=lambda e: (averages[e], ELEMENTS.index(e)))
    return IkmResult(count, averages, ikm, letter, words, tuple(by_score[:LOWEST_SHOWN]))
