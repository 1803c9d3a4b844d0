"""The survey's words at the kiosk: each element's question and its four answers (worst first),
adapted from the questionnaire of PermenPANRB 14/2017, and the respondent questions' answers.

Plain ``tr`` calls in one class so lupdate finds every string; the screens ask for them by element.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class SurveyWords(QObject):
    def question(self, element: str) -> tuple[str, tuple[str, str, str, str]]:
        table = {
            "u1": (
                self.tr("Did the requirements fit the service you asked for?"),
                (self.tr("Not suitable"), self.tr("Somewhat suitable"), self.tr("Suitable"), self.tr("Very suitable")),
            ),
            "u2": (
                self.tr("How easy was the procedure?"),
                (self.tr("Not easy"), self.tr("Somewhat easy"), self.tr("Easy"), self.tr("Very easy")),
            ),
            "u3": (
                self.tr("How fast was the service?"),
                (self.tr("Not fast"), self.tr("Somewhat fast"), self.tr("Fast"), self.tr("Very fast")),
            ),
            "u4": (
                self.tr("How fair was the fee?"),
                (self.tr("Very expensive"), self.tr("Fairly expensive"), self.tr("Cheap"), self.tr("Free")),
            ),
            "u5": (
                self.tr("Did you get what the service standard promises?"),
                (
                    self.tr("Not as promised"),
                    self.tr("Partly as promised"),
                    self.tr("As promised"),
                    self.tr("Fully as promised"),
                ),
            ),
            "u6": (
                self.tr("How competent were the staff?"),
                (
                    self.tr("Not competent"),
                    self.tr("Somewhat competent"),
                    self.tr("Competent"),
                    self.tr("Very competent"),
                ),
            ),
            "u7": (
                self.tr("How polite and friendly were the staff?"),
                (
                    self.tr("Not polite or friendly"),
                    self.tr("Somewhat polite and friendly"),
                    self.tr("Polite and friendly"),
                    self.tr("Very polite and friendly"),
                ),
            ),
            "u8": (
                self.tr("How are complaints and suggestions handled here?"),
                (
                    self.tr("Not at all"),
                    self.tr("There, but not working"),
                    self.tr("Working, not fully"),
                    self.tr("Handled well"),
                ),
            ),
            "u9": (
                self.tr("How good are the facilities (seats, toilets, signs)?"),
                (self.tr("Poor"), self.tr("Fair"), self.tr("Good"), self.tr("Very good")),
            ),
        }
        return table[element]

    def respondent(self) -> list[tuple[str, str, dict[str, str]]]:
        """(question id, its label, {answer value: words}) in the order shown."""
        return [
            (
                "age_band",
                self.tr("Age"),
                {
                    "under_20": self.tr("under 20"),
                    "20_29": "20–29",
                    "30_39": "30–39",
                    "40_49": "40–49",
                    "50_59": "50–59",
                    "60_plus": self.tr("60 or more"),
                },
            ),
            ("sex", self.tr("Sex"), {"male": self.tr("Male"), "female": self.tr("Female")}),
            (
                "education",
                self.tr("Education"),
                {
                    "sd": self.tr("Primary"),
                    "smp": self.tr("Junior high"),
                    "sma": self.tr("Senior high"),
                    "diploma": self.tr("Diploma"),
                    "s1": self.tr("Bachelor"),
                    "s2_s3": self.tr("Postgraduate"),
                },
            ),
            (
                "occupation",
                self.tr("Work"),
                {
                    "pns": self.tr("Civil servant"),
                    "tni_polri": self.tr("Military, police"),
                    "private": self.tr("Private firm"),
                    "self_employed": self.tr("Self-employed"),
                    "student": self.tr("Student"),
                    "other": self.tr("Other"),
                },
            ),
        ]
