"""Printer and card reader checks (blocking; the printer's own worker does the printer I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.diagnostics.result import CheckResult

if TYPE_CHECKING:
    from kiosk.devices.card.settings import CardReaderSettings
    from kiosk.devices.printer.service import PrinterService

_PRINTER_ACTIONS = {
    "paper_out": "load a new paper roll",
    "cover_open": "close the printer cover",
    "error": "switch the printer off and on; clear any paper jam",
    "offline": "check the printer is on and its cable is in",
    "unknown": "the printer does not answer status queries: check power, cable and printer settings",
}


def check_printer(printer: PrinterService, timeout_s: float = 15.0) -> CheckResult:
    """``printer`` is a ``PrinterService``; its status bytes (DLE EOT 1/2/4) decoded."""
    try:
        status = printer.status().result(timeout_s)
    except Exception as exc:
        return CheckResult(
            "printer", "FAIL", f"status query failed: {type(exc).__name__}: {exc}", _PRINTER_ACTIONS["unknown"]
        )
    details = {
        "backend": printer.settings.backend,
        "summary": status.summary,
        "raw": {str(n): v for n, v in status.raw.items()},
        "online": status.online,
        "paper_near_end": status.paper_near_end,
        "paper_out": status.paper_out,
        "cover_open": status.cover_open,
        "error": status.error,
    }
    raw = ", ".join(f"n={n}: {v or 'no reply'}" for n, v in status.raw.items())
    summary = status.summary
    if summary == "unknown" and printer.settings.backend == "network" and printer.settings.host:
        found = _network_reachability(printer.settings.host, printer.settings.port, printer.settings.connect_timeout_s)
        if found is not None:
            return CheckResult("printer", "FAIL", found[0], found[1], details)
    if summary == "ok":
        return CheckResult("printer", "OK", f"ready ({raw})", details=details)
    if summary == "paper_near_end":
        return CheckResult("printer", "WARN", f"paper near end ({raw})", "change the roll soon", details)
    return CheckResult("printer", "FAIL", f"{summary.replace('_', ' ')} ({raw})", _PRINTER_ACTIONS[summary], details)


def _network_reachability(host: str, port: int, timeout_s: float) -> tuple[str, str] | None:
    """Why a network printer did not answer, told apart by one TCP connection (made only once
    the status query already failed, so it competes with nobody); None when it connects."""
    import errno
    import socket

    where = f"{host[:64]}:{port}"
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return None
    except ConnectionRefusedError:
        return (f"nothing listens on {where}", "check the printer's IP address (and that it is switched on)")
    except TimeoutError:
        return (
            f"no answer from {where} within {timeout_s:g} s",
            "check the printer is on, its network cable is in and the IP address is right",
        )
    except socket.gaierror:
        return (f"printer host name {host[:64]} not found", "use the printer's IP address instead")
    except OSError as exc:
        if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return (f"no route to {where}", "check the printer's IP address and this kiosk's network")
        return (
            f"cannot connect to {where}: {exc.strerror or type(exc).__name__}",
            "check the printer's IP address and network",
        )


def print_test_page(printer: PrinterService, timeout_s: float = 30.0) -> CheckResult:
    from kiosk.printing.layouts import test_page

    try:
        status = printer.status().result(timeout_s)
        result = printer.print_document(test_page(printer.settings.printer_profile(), status.raw)).result(timeout_s)
    except Exception as exc:
        return CheckResult(
            "test_page", "FAIL", f"test page failed: {type(exc).__name__}: {exc}", _PRINTER_ACTIONS["unknown"]
        )
    details = {"outcome": result.outcome, "bytes_sent": result.bytes_sent}
    if result.printed:
        return CheckResult("test_page", "OK", f"test page printed ({result.bytes_sent} bytes)", details=details)
    return CheckResult(
        "test_page",
        "FAIL",
        f"test page not printed: {result.outcome} {result.error or ''}".strip(),
        _PRINTER_ACTIONS.get((result.status_after or result.status_before).summary, _PRINTER_ACTIONS["unknown"]),
        details,
    )


def check_card_readers(settings: CardReaderSettings, card_test: bool = True) -> CheckResult:
    """Readers seen by pcscd; with ``card_test`` a card on a reader is identified (ATR, profile).

    The card test connects exclusively, so it is for the command line (or when the kiosk's own
    card service is not running). Nothing read from the card beyond its ATR is reported.
    """
    if settings.backend == "none":
        return CheckResult("card_reader", "OK", "no card reader configured (card_reader.backend = none)")
    try:
        from kiosk.devices.card.diagnostics import check_readers
    except ImportError as exc:
        return CheckResult(
            "card_reader", "FAIL", f"pyscard not usable: {exc}", "reinstall the kiosk (scripts/setup.sh)"
        )
    found = check_readers()
    details: dict[str, object] = {"readers": list(found.readers), "cards_present": list(found.cards_present)}
    if found.state == "no_service":
        return CheckResult(
            "card_reader",
            "FAIL",
            found.detail,
            "start pcscd (systemctl start pcscd) and check the reader's USB cable",
            details,
        )
    if found.state == "no_readers":
        return CheckResult(
            "card_reader", "FAIL", found.detail, "plug the card reader in (or try another USB port)", details
        )
    reason = f"{len(found.readers)} reader(s): {', '.join(found.readers)}"
    if card_test and found.cards_present:
        test = card_profile(settings, found.cards_present[0])
        details["card_test"] = test
        if test.get("profile"):
            reason += f"; card test: ATR {test['atr']}, profile {test['profile']}"
        else:
            return CheckResult(
                "card_reader",
                "WARN",
                reason + f"; card test failed: {test.get('problem')}",
                "try another card; if every card fails, clean or replace the reader",
                details,
            )
    elif card_test:
        reason += "; no card on the reader (place one for the card test)"
    return CheckResult("card_reader", "OK", reason, details=details)


def card_profile(settings: CardReaderSettings, reader: str) -> dict[str, str]:
    """ATR and the first matching profile of the card on ``reader`` (its UID is never returned)."""
    from kiosk.devices.card import pcsc
    from kiosk.identity.profiles import Probe, default_profiles

    hr, ctx = pcsc.establish()
    if hr != pcsc.OK:
        return {"problem": f"pcscd not reachable (0x{hr:08X})"}
    try:
        hr, states = pcsc.status_change(ctx, 0, [(reader, pcsc.STATE_UNAWARE)])
        atr = states[0][2] if hr == pcsc.OK and states else b""
        hr, hcard, proto = pcsc.connect_exclusive(ctx, reader)
        if hr != pcsc.OK:
            return {"atr": atr.hex(" ").upper(), "problem": f"cannot connect to the card (0x{hr:08X})"}
        try:
            probe = Probe(pcsc.PcscChannel(hcard, proto))
            for profile in default_profiles(ektp_atr_prefixes=settings.ektp_atr_prefixes()):
                try:
                    if profile.matches(atr, probe):
                        return {"atr": atr.hex(" ").upper(), "profile": profile.name}
                except Exception as exc:
                    return {"atr": atr.hex(" ").upper(), "problem": f"card stopped answering: {type(exc).__name__}"}
            return {"atr": atr.hex(" ").upper(), "problem": "no profile recognises this card"}
        finally:
            pcsc.disconnect(hcard)
    finally:
        pcsc.release(ctx)
