"""The virtual backend runs the whole service stack; the emulator also runs as a standalone program."""

import socket
import subprocess
import sys

import pytest

from kiosk.devices.printer.service import PrinterService
from kiosk.devices.printer.settings import PrinterSettings

TIMEOUT = 10


@pytest.fixture
def virtual_service():
    svc = PrinterService(PrinterSettings(backend="virtual", paper_width_mm=58, profile="TM-T88V"))
    yield svc
    svc.close()


def test_virtual_printer_prints_and_shows_the_ticket_image(virtual_service, ticket, track_url):
    images = []
    virtual_service.virtual.add_image_listener(images.append)
    result = virtual_service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "printed"
    (job,) = virtual_service.virtual.jobs
    assert job.qr_codes == [track_url] and "A-007" in job.text
    assert len(images) == 1 and images[0].width == 384  # 58 mm paper
    assert virtual_service.virtual.last_png().startswith(b"\x89PNG")


def test_virtual_paper_state_changes_at_runtime(virtual_service, ticket):
    virtual = virtual_service.virtual
    virtual.set_paper("out")
    result = virtual_service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_before" and virtual.jobs == [] and virtual.last_image is None
    virtual.set_paper("near_end")
    assert virtual_service.status().result(TIMEOUT).summary == "paper_near_end"
    virtual.set_cover_open(True)
    assert virtual_service.status().result(TIMEOUT).summary == "cover_open"
    virtual.set_cover_open(False)
    virtual.set_status_answer(False)
    assert virtual_service.print_document(ticket).result(TIMEOUT).outcome == "fault_before"
    with pytest.raises(ValueError, match="paper state"):
        virtual.set_paper("empty")


def test_virtual_paper_setting_is_the_start_state(ticket):
    svc = PrinterService(PrinterSettings(backend="virtual", virtual_paper="out"))
    try:
        assert svc.status().result(TIMEOUT).paper_out
    finally:
        svc.close()


def test_close_stops_the_worker_thread(ticket):
    svc = PrinterService(PrinterSettings(backend="virtual"))
    svc.print_document(ticket).result(TIMEOUT)
    thread = svc._worker.thread
    svc.close()
    assert not thread.is_alive()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_emulator_runs_standalone_and_answers_status():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.devices.printer.emulator", "--port", str(port), "--paper", "near_end"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "listening on 127.0.0.1:" in proc.stdout.readline()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(b"\x10\x04\x04")
            reply = conn.recv(1)
        assert reply[0] & 0x0C == 0x0C and reply[0] & 0x93 == 0x12  # near end, valid byte
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()


def test_virtual_printer_keeps_only_the_last_jobs(virtual_service, ticket):
    # A kiosk on the virtual printer all day must not keep every ticket (issue 20's soak).
    from kiosk.devices.printer.virtual import KEPT_JOBS

    virtual = virtual_service.virtual
    for _ in range(KEPT_JOBS + 5):
        assert virtual_service.print_document(ticket).result(TIMEOUT).outcome == "printed"
    assert len(virtual.jobs) == KEPT_JOBS and virtual.jobs_dropped == 5
    assert all(job.complete and "A-007" in job.text for job in virtual.jobs)
    assert virtual.recorder.data_bytes > 0


def test_virtual_and_loopback_printers_answer_every_state_alike(emulator):
    # Both pretend printers share their fault state and replies (pretend.py): a test passing on one
    # tells about the other. The loopback one is asked over its real TCP socket.
    from itertools import product

    from kiosk.devices.printer.status import STATUS_QUERIES, status_query
    from kiosk.devices.printer.virtual import VirtualPrinter

    virtual = VirtualPrinter()
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=TIMEOUT) as conn:
        for paper, cover, error in product(("ok", "near_end", "out"), (False, True), (False, True)):
            for printer in (virtual, emulator):
                printer.set_paper(paper)
                printer.set_cover_open(cover)
                printer.set_error(error)
            for n in STATUS_QUERIES:
                conn.sendall(status_query(n))
                assert conn.recv(1) == virtual.receive(status_query(n)), (paper, cover, error, n)
        virtual.set_status_answer(False)
        assert virtual.receive(status_query(2)) == b""


def test_virtual_printer_error_refuses_the_job(virtual_service, ticket):
    virtual_service.virtual.set_error(True)
    result = virtual_service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_before" and result.status_before.error
    assert virtual_service.virtual.jobs == []
