"""QRIS payment: the code to scan, the amount, who is paid, the time left, and a way out.

Draws ``view.session.payment`` (kiosk.payments.view.PaymentView). The QR is drawn only from a
payload the payment service has validated (``showing_qr``); the screen never asks anything of
the central itself. Every state says what happens next in plain words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk.flow.citizen import FlowView
from kiosk.formatting import rupiah, rupiah_spoken
from kiosk.ui.metrics import current
from kiosk.ui.qr_image import QrImageMaker
from kiosk.ui.widgets import button, label, sized

from .base import Screen

QR_MM = 55  # on the glass: phones read it from 20-40 cm


class PaymentScreen(Screen):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = label(name="Title", align=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        row = QHBoxLayout()
        row.setSpacing(48)
        self.qr = QLabel()
        self.qr.setObjectName("PaymentQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sized(self.qr, min_height=QR_MM, min_width=QR_MM)
        # The QRIS mark above the code, as the QRIS guidelines ask: the word "QRIS" set in type
        # (not a copied logo file), so any payer knows the code works with any bank or e-wallet
        # app; the lead line beside it says so in words.
        self.mark = label("QRIS", name="QrisMark", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        code = QVBoxLayout()
        code.setSpacing(0)
        code.addStretch(1)  # the mark right on top of the code, the pair centred
        code.addWidget(self.mark)
        code.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        code.addStretch(1)
        row.addLayout(code)
        self.mark.hide()
        facts = QVBoxLayout()
        facts.setSpacing(12)
        self.amount = label(name="Title")
        self.merchant = label(name="Lead")
        self.countdown = label(name="Lead")
        self.lead = label(name="Lead")
        self.next = label(name="Caption")
        for w in (self.amount, self.merchant, self.countdown, self.lead, self.next):
            facts.addWidget(w)
        facts.addStretch(1)
        row.addLayout(facts, 1)
        self.flexible_rows.append(row)
        self.body.addLayout(row, 1)
        self.cancel = button(name="CancelPayment")
        self.cancel.clicked.connect(lambda: self.send("cancel_payment"))
        self.back = button(name="Back")
        self.back.clicked.connect(lambda: self.send("back"))
        self.home = button(role="primary", name="Home")
        self.home.clicked.connect(lambda: self.send("done"))
        self.nav_row(self.back, self.cancel, self.home)
        # (session, payment, payload) of the code wanted on screen; it is drawn on another thread
        # and shown only if still wanted when it arrives (the citizen may have cancelled).
        self._qr_wanted: tuple | None = None
        self._spoken_amount = ""
        self._qr_maker = QrImageMaker(self)
        self._qr_maker.made.connect(self._show_qr)

    def render(self, view: FlowView) -> None:
        p = view.session.payment
        state = getattr(p, "state", "creating")
        self.cancel.setText(self.tr("Cancel"))
        self.back.setText(self.tr("Back"))
        self.home.setText(self.tr("Done"))
        amount = getattr(p, "amount_idr", None)
        self.amount.setText(rupiah(amount, view.language) if amount else "")
        self._spoken_amount = rupiah_spoken(amount, view.language) if amount else ""
        self.amount.setVisible(bool(amount))
        self._want_qr((p.session_id, p.payment_id, p.qris_payload) if p is not None and p.showing_qr else None)
        merchant = getattr(p, "merchant_name", None)
        self.merchant.setText(self.tr("Paid to: %1").replace("%1", merchant) if merchant else "")
        self.merchant.setVisible(bool(merchant) and state in ("waiting", "checking"))
        left = getattr(p, "seconds_left", None)
        self.countdown.setVisible(left is not None and state in ("waiting", "checking"))
        if left is not None:
            self.countdown.setText(self.tr("Time left: %1").replace("%1", f"{left // 60}:{left % 60:02d}"))
        self._texts(state, p)
        closed = p is not None and p.closed
        self.cancel.setVisible(state in ("creating", "waiting", "checking") and not getattr(p, "cancelling", False))
        self.back.setVisible(closed)
        self.home.setVisible(closed)

    def _texts(self, state: str, p) -> None:
        texts = {
            "creating": (self.tr("Preparing your QRIS code…"), self.tr("One moment, please."), ""),
            "waiting": (
                self.tr("Scan to pay with QRIS"),
                self.tr("Open any bank or e-wallet app, scan the code and pay."),
                self.tr("Your ticket is printed as soon as the payment arrives."),
            ),
            "checking": (
                self.tr("Connection lost — still checking"),
                self.tr("If you already paid, your payment is safe. Please wait: the kiosk keeps checking."),
                self.tr("Do not pay a second time."),
            ),
            "paid": (self.tr("Payment successful"), self.tr("Payment received. Printing your ticket and receipt…"), ""),
            "expired": (
                self.tr("Time is up"),
                self.tr("The QRIS code has expired and nothing was charged."),
                self.tr("Tap Back to try again."),
            ),
            "cancelled": (
                self.tr("Payment cancelled"),
                self.tr("Nothing was charged."),
                self.tr("Tap Back to choose again."),
            ),
            "failed": (
                self.tr("Payment is not available right now"),
                self.tr("No QRIS code could be shown, so nothing was charged."),
                self.tr("Try again later, or pay at the help desk."),
            ),
            "unknown": (
                self.tr("We could not confirm your payment"),
                self.tr("If you paid, the money is returned to you automatically."),
                self.tr("Please show your bank app's receipt at the help desk."),
            ),
        }
        title, lead, nxt = texts.get(state, texts["creating"])
        if getattr(p, "cancelling", False):
            lead = self.tr("Cancelling… if the payment arrived first, you get your ticket.")
        reference = getattr(p, "reference", None)
        if reference and state in ("checking", "unknown"):
            nxt = f"{nxt}\n{self.tr('Reference: %1').replace('%1', reference)}"
        self.title.setText(title)
        self.lead.setText(lead)
        self.next.setText(nxt)
        self.next.setVisible(bool(nxt))

    def spoken_text(self, view: FlowView) -> str:
        # Not the countdown: it changes every second and would restart the speech each time.
        # The amount too (in words), while it is to be paid: someone who cannot see it must hear it.
        state = getattr(view.session.payment, "state", None)
        amount = self.tr("Amount: %1.").replace("%1", self._spoken_amount) if state == "waiting" else ""
        return " ".join(t for t in (self.title.text(), amount, self.lead.text(), self.next.text()) if t.strip())

    @property
    def qr_shown(self) -> bool:
        """The code the current payment wants is on screen (the walk-through waits for it)."""
        pixmap = self.qr.pixmap()
        return self._qr_wanted is not None and self.qr.isVisible() and pixmap is not None and not pixmap.isNull()

    def _want_qr(self, wanted: tuple | None) -> None:
        if wanted == self._qr_wanted:
            return
        self._qr_wanted = wanted
        self.qr.clear()  # never the previous payment's code, not even while the new one is drawn
        self.qr.setVisible(wanted is not None)
        self.mark.setVisible(wanted is not None)
        if wanted is None:
            return
        self._qr_maker.request(wanted, wanted[2], current().px(QR_MM))

    def _show_qr(self, key: object, image: QImage) -> None:
        if key != self._qr_wanted or image.isNull():
            return  # a late answer for a payment that is no longer on screen
        self.qr.setPixmap(QPixmap.fromImage(image))
