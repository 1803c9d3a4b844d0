"""``main.py diagnose --acceptance``: the site acceptance a technician walks on a new kiosk.

The checklist of docs/field-guide.md in order: configuration (valid, root's), the kiosk's files,
the central (reachable, this terminal enrolled), the clock, the panel and the touchscreen, a card
read with a test card, a test ticket, speech, and the technician's sign-off. Checks the machine
can judge are judged; what only a person can see (the ticket came out readable, the voice was
heard) is asked. The report is printed and saved in the data folder (acceptance/), where backups
pick it up. It needs the devices to itself: the kiosk must be stopped first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config.models import KioskConfig
from kiosk.diagnostics.result import CheckResult, exit_code, worst

Ask = Callable[[str], str]  # a question -> the answer typed ("" when none)


@dataclass
class AcceptanceRun:
    config: KioskConfig
    config_path: Path
    token: str | None
    ask: Ask
    sysfs: Path = Path("/sys")
    udev_data: Path = Path("/run/udev/data")
    asound_cards: Path = Path("/proc/asound/cards")
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))


def check_config_protected(config_path: Path) -> CheckResult:
    """The config and its folder belong to root and nobody else may change them."""
    problems = []
    for path in (config_path, config_path.parent):
        st = path.stat()
        if st.st_uid != 0:
            problems.append(f"{path} is not root's")
        if st.st_mode & 0o022:
            problems.append(f"{path} can be changed by others (mode {st.st_mode & 0o777:o})")
    if problems:
        return CheckResult(
            "config_owner",
            "FAIL",
            "; ".join(problems),
            "run install.sh again (it gives /etc/anjungan to root, read-only to the kiosk)",
        )
    return CheckResult("config_owner", "OK", f"{config_path} is root's and read-only to the kiosk")


def _confirmed(name: str, answer: str, yes: str, no: str, no_action: str) -> CheckResult:
    word = answer.strip().lower()
    if word in ("y", "yes", "ya"):
        return CheckResult(name, "OK", yes)
    if word in ("n", "no", "tidak"):
        return CheckResult(name, "FAIL", no, no_action)
    return CheckResult(
        name, "WARN", f"{yes.split(':')[0]}: not confirmed by the technician", "run the acceptance again"
    )


def _card(run: AcceptanceRun) -> CheckResult:
    from kiosk.diagnostics.devices import check_card_readers

    if run.config.card_reader.backend == "none":
        return CheckResult("card", "OK", "no card reader on this kiosk (card_reader.backend = none)")
    run.ask("Card: place the TEST card on the reader, then press Enter")
    result = check_card_readers(run.config.card_reader, card_test=True)
    if result.status == "OK" and "card_test" not in result.details:
        return CheckResult(
            "card", "FAIL", f"{result.reason}", "place the test card flat on the reader and run again", result.details
        )
    return CheckResult("card", result.status, result.reason, result.action, result.details)


def _ticket(run: AcceptanceRun) -> list[CheckResult]:
    from kiosk.devices.printer.service import PrinterService
    from kiosk.diagnostics.devices import print_test_page

    with PrinterService(run.config.printer) as printer:
        printed = print_test_page(printer)
    if printed.status != "OK":
        return [CheckResult("ticket", printed.status, printed.reason, printed.action, printed.details)]
    answer = run.ask("Ticket: did the test page come out whole, readable, with its QR code, and cut? [y/n]")
    seen = _confirmed(
        "ticket",
        answer,
        "ticket: printed and read by the technician",
        "the test page came out wrong",
        "see docs/field-guide.md, 'Tickets come out blank, cut off or garbled'",
    )
    return [CheckResult(seen.name, seen.status, seen.reason, seen.action, printed.details)]


def _speech(run: AcceptanceRun) -> CheckResult:
    speech = run.config.speech
    if speech.backend != "audio":
        return CheckResult("speech", "OK", f"no spoken guidance on this kiosk (speech.backend = {speech.backend})")
    program = shutil.which(speech.executable)
    if program is None:
        return CheckResult("speech", "FAIL", f"{speech.executable} is not installed", "apt-get install espeak-ng")
    try:
        cards = run.asound_cards.read_text()
    except OSError:
        cards = ""
    if not cards.strip() or "no soundcards" in cards:
        return CheckResult(
            "speech", "FAIL", "no sound card", "connect the speakers (USB or the audio jack) and check the BIOS"
        )
    try:
        subprocess.run(
            [
                program,
                "-v",
                speech.voice_id,
                "-s",
                str(speech.rate_wpm),
                "-a",
                str(speech.volume),
                "Tes suara anjungan",
            ],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return CheckResult("speech", "FAIL", f"{speech.executable} did not run: {type(exc).__name__}", "")
    answer = run.ask("Speech: did you hear 'Tes suara anjungan' from the kiosk's speaker? [y/n]")
    return _confirmed(
        "speech",
        answer,
        "speech: heard by the technician",
        "the test sentence was not heard",
        "check the speaker's cable and volume (alsamixer), see docs/field-guide.md 'No voice'",
    )


def run_acceptance(run: AcceptanceRun) -> tuple[list[CheckResult], str]:
    """Every step in order; returns the results and who signed off."""
    from kiosk.diagnostics.checks import check_central, check_config, check_network_allow
    from kiosk.diagnostics.clock import check_clock
    from kiosk.diagnostics.kiosk_files import check_kiosk_files
    from kiosk.diagnostics.panel import check_panel, check_touch

    results = [
        check_config(run.config_path, run.config),
        check_config_protected(run.config_path),
        check_kiosk_files(run.config),
        check_central(run.config, run.token),
        check_network_allow(run.config),
        check_clock(run.config),
        check_panel(run.config, run.sysfs),
    ]
    touch = check_touch(run.sysfs, run.udev_data)
    if touch.status == "OK":
        answer = run.ask(
            "Touch: with the kiosk running, did a tap on each corner and on the smallest button land "
            "where you touched? [y/n]"
        )
        confirmed = _confirmed(
            "touch", answer, f"{touch.reason}: taps land where touched", "taps land off target", "calibrate the panel"
        )
        touch = CheckResult("touch", confirmed.status, confirmed.reason, confirmed.action, touch.details)
    results.append(touch)
    results.append(_card(run))
    results.extend(_ticket(run))
    results.append(_speech(run))
    signed = run.ask("Sign-off: the technician's name").strip()[:80]
    return results, signed


def report_text(run: AcceptanceRun, results: list[CheckResult], signed: str, when: dt.datetime) -> str:
    from kiosk import __version__

    marks = {"OK": "PASS", "WARN": "WARN", "FAIL": "FAIL"}
    lines = [
        "Anjungan site acceptance",
        f"terminal:  {run.config.central.terminal_id} ({run.config.terminal.name})",
        f"release:   {__version__}",
        f"date:      {when.isoformat(timespec='seconds')}",
        "",
    ]
    for r in results:
        lines.append(f"[{marks[r.status]}] {r.name:12} {r.reason}")
        if r.action:
            lines.append(f"       {'':12} -> {r.action}")
    accepted = worst(results) == "OK" and bool(signed)
    lines += [
        "",
        f"signed off by: {signed or '(nobody)'}",
        "result: " + ("ACCEPTED" if accepted else "NOT ACCEPTED (fix what is marked, then run this again)"),
    ]
    return "\n".join(lines) + "\n"


def save_report(run: AcceptanceRun, text: str, results: list[CheckResult], signed: str, when: dt.datetime) -> Path:
    from kiosk.atomic_file import atomic_write
    from kiosk.diagnostics.kiosk_files import kiosk_account

    folder = run.config.data.directory / "acceptance"
    folder.mkdir(parents=True, exist_ok=True)
    stem = "acceptance-" + when.strftime("%Y%m%dT%H%M%SZ")
    report = folder / f"{stem}.txt"
    atomic_write(report, text.encode("utf-8"), mode=0o640)
    document = {"signed_off_by": signed, "worst": worst(results), "checks": [r.to_json() for r in results]}
    atomic_write(folder / f"{stem}.json", json.dumps(document, indent=1, ensure_ascii=False).encode(), mode=0o640)
    account = kiosk_account(run.config.data.directory)
    if os.geteuid() == 0 and account is not None:  # run with sudo: the kiosk's folder stays its own
        gid = run.config.data.directory.stat().st_gid
        for path in (folder, report, folder / f"{stem}.json"):
            os.chown(path, account.uid, gid)
    return report


def acceptance(run: AcceptanceRun) -> int:
    """The whole walk: 0 accepted, 1 a warning or no sign-off, 2 a failure."""
    when = run.now()
    results, signed = run_acceptance(run)
    text = report_text(run, results, signed, when)
    print(text, end="")
    path = save_report(run, text, results, signed, when)
    print(f"saved: {path}")
    code = exit_code(results)
    return code if code or signed else 1


def stdin_ask(question: str) -> str:
    import sys

    print(f"?  {question}: ", end="", flush=True)
    try:
        answer = input()
    except EOFError:
        answer = ""
    if not sys.stdin.isatty():
        print(answer)  # answers piped in: the transcript shows them
    return answer


def kiosk_is_running(config: KioskConfig) -> int | None:
    from kiosk.runtime.started_marker import running_kiosk_pid

    return running_kiosk_pid(config.data.directory)
