"""End to end over real TCP: PrinterService -> network transport -> LoopbackPrinter, one fault each.

What matters for the citizen: only outcome "printed" lets the flow confirm a ticket, and a job that
was refused sends nothing (so nothing comes out later, after a refill).
"""

from kiosk.devices.printer.emulator import LoopbackPrinter
from kiosk.devices.printer.service import PrinterService

TIMEOUT = 10


def test_healthy_printer_prints_the_ticket(service, emulator, ticket, track_url):
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "printed" and result.printed and result.error is None
    assert result.status_before.can_print and result.status_after.can_print
    (job,) = emulator.jobs
    assert job.complete and job.printed and job.qr_codes == [track_url]
    assert "A-007" in job.text and "Pembuatan KTP-el" in job.text
    assert result.bytes_sent == len(job.raw) <= 1000


def test_paper_out_sends_nothing(service, emulator, ticket):
    emulator.set_paper("out")
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_before" and not result.printed
    assert result.status_before.paper_out and not result.status_before.online
    assert result.bytes_sent == 0 and emulator.jobs == []
    assert service.last_status.paper_out
    # After the refill the next job prints, and the refused one never appears (no backlog).
    emulator.set_paper("ok")
    assert service.print_document(ticket).result(TIMEOUT).outcome == "printed"
    assert len(emulator.jobs) == 1


def test_paper_near_end_prints_with_a_warning(service, emulator, ticket):
    emulator.set_paper("near_end")
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "printed" and result.paper_near_end
    assert result.status_before.paper_near_end and not result.status_before.paper_out
    assert emulator.jobs[0].complete


def test_cover_open_sends_nothing(service, emulator, ticket):
    emulator.set_cover_open(True)
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_before" and result.status_before.cover_open
    assert emulator.jobs == []


def test_printer_error_sends_nothing(service, emulator, ticket):
    emulator.set_error(True)
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_before" and result.status_before.error


def test_paper_running_out_during_the_job_is_fault_after(service, emulator, ticket):
    seen = []
    service.add_status_listener(seen.append)
    emulator.run_out_after(200)  # the roll ends a third of the way into the ticket
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_after" and not result.printed
    assert result.status_before.can_print and result.status_after.paper_out
    assert not emulator.jobs[0].printed  # the end of it fell on no paper
    assert [s.summary for s in seen] == ["ok", "paper_out"]
    # The next citizen is refused up front, before anything is sent.
    assert service.print_document(ticket).result(TIMEOUT).outcome == "fault_before"
    assert len(emulator.jobs) == 1


def test_drop_mid_job_is_io_error_then_the_next_job_reconnects(service, emulator, ticket):
    assert service.status().result(TIMEOUT).can_print
    emulator.drop_after(100)
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "io_error" and not result.printed
    assert "closed the connection" in result.error or "connection lost" in result.error
    first = emulator.jobs[0]
    assert len(first.raw) == 100 and not first.complete  # truncated: no cut, no QR
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "printed"
    assert emulator.connections == 2 and emulator.jobs[-1].complete


def test_no_status_answer_is_unknown_and_never_printed(service, emulator, ticket):
    emulator.set_status_answer(False)
    status = service.status().result(TIMEOUT)
    assert status.unknown and not status.can_print and status.summary == "unknown"
    assert not status.paper_out  # unknown is not a paper verdict either way
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_before" and result.status_before.unknown
    assert emulator.jobs == []


def test_printer_going_silent_after_the_job_is_fault_after(service, emulator, ticket):
    emulator.silence_status_after(3)  # answers the three status-before queries, then nothing
    result = service.print_document(ticket).result(TIMEOUT)
    assert result.outcome == "fault_after" and result.status_after.unknown
    assert result.bytes_sent > 0 and emulator.jobs[0].complete  # it went out, but is unconfirmed


def test_invalid_status_bytes_are_unknown(service, emulator, ticket):
    emulator.set_invalid_status(True)  # 0xFF breaks the fixed bits
    status = service.status().result(TIMEOUT)
    assert status.unknown and status.raw[1] == "ff"
    assert service.print_document(ticket).result(TIMEOUT).outcome == "fault_before"


def test_power_cycle_on_the_same_port_reconnects_without_recreating_the_service(
    emulator, ticket, track_url, make_settings
):
    port = emulator.port
    service = PrinterService(make_settings(port))
    try:
        assert service.print_document(ticket).result(TIMEOUT).outcome == "printed"
        emulator.stop()  # power off: the printer closes the connection
        off = service.print_document(ticket).result(TIMEOUT)
        assert off.outcome == "io_error" and off.bytes_sent == 0
        assert service.status().result(TIMEOUT).unknown
        with LoopbackPrinter(port) as again:  # power on, same address
            result = service.print_document(ticket).result(TIMEOUT)
            assert result.outcome == "printed"
            assert again.jobs[0].qr_codes == [track_url]
    finally:
        service.close()


def test_stale_connection_is_replaced_before_sending(emulator, ticket, make_settings):
    port = emulator.port
    service = PrinterService(make_settings(port))
    try:
        assert service.status().result(TIMEOUT).can_print
        emulator.stop()
        with LoopbackPrinter(port) as again:  # cycled between two jobs: nobody noticed
            result = service.print_document(ticket).result(TIMEOUT)
            assert result.outcome == "printed" and again.connections == 1
    finally:
        service.close()


def test_listeners_hear_status_and_results_on_the_worker_thread(service, emulator, ticket):
    import threading

    statuses, printed = [], []
    service.add_status_listener(lambda s: statuses.append((s.summary, threading.current_thread().name)))
    service.add_printed_listener(lambda d, r: printed.append((d.title, r.outcome)))
    service.print_document(ticket).result(TIMEOUT)
    assert printed == [(ticket.title, "printed")]
    assert statuses == [("ok", "worker-printer")] * 2  # before and after
