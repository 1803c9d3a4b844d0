"""Byte pipes to a printer, chosen by ``PrinterSettings.backend`` from a registry.

Every write and read takes its own timeout (python-escpos sets none, so a stuck printer would hang
the worker forever). ``read`` returns b"" when nothing arrived in time and raises when the link is
gone, so the service can tell "the printer is silent" from "the printer is unplugged".
Driver libraries (pyserial, pyusb, escpos) are imported when a transport opens, not before.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from kiosk.devices.printer.settings import PrinterSettings

if TYPE_CHECKING:  # the drivers load when a transport opens
    from escpos.printer import Usb
    from serial import Serial


class TransportError(OSError):
    """The printer link failed (not found, unplugged, refused, timed out)."""


class TransportUnavailable(TransportError):
    """The backend cannot work on this machine (library or command missing)."""


@runtime_checkable
class Transport(Protocol):
    supports_status: bool  # False: the link cannot carry DLE EOT replies (CUPS)

    @property
    def is_open(self) -> bool: ...

    def open(self) -> None: ...

    def write(self, data: bytes, timeout: float) -> None: ...

    def read(self, n: int, timeout: float) -> bytes: ...

    def close(self) -> None: ...


TransportFactory = Callable[[PrinterSettings], Transport]
TRANSPORTS: dict[str, TransportFactory] = {}


def register_transport(name: str) -> Callable[[TransportFactory], TransportFactory]:
    def deco(factory: TransportFactory) -> TransportFactory:
        TRANSPORTS[name] = factory
        return factory

    return deco


def make_transport(settings: PrinterSettings) -> Transport:
    try:
        factory = TRANSPORTS[settings.backend]
    except KeyError:
        raise TransportUnavailable(f"no printer transport registered for {settings.backend!r}") from None
    return factory(settings)


class NetworkTransport:
    """Raw TCP (port 9100, "JetDirect"); TCP_NODELAY so a 3-byte status query leaves at once."""

    supports_status = True

    def __init__(self, host: str, port: int, connect_timeout: float) -> None:
        self.host, self.port, self.connect_timeout = host, port, connect_timeout
        self._sock: socket.socket | None = None

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self) -> None:
        self.close()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError as exc:
            raise TransportError(f"cannot connect to printer {self.host}:{self.port}: {exc}") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock

    def _socket(self) -> socket.socket:
        if self._sock is None:
            raise TransportError("printer connection is not open")
        return self._sock

    def write(self, data: bytes, timeout: float) -> None:
        sock = self._socket()
        sock.settimeout(timeout)  # since 3.5 this bounds the whole sendall, not each chunk
        try:
            sock.sendall(data)
        except TimeoutError as exc:
            raise TransportError(f"printer did not take {len(data)} bytes within {timeout} s") from exc
        except OSError as exc:
            raise TransportError(f"printer connection lost while writing: {exc}") from exc

    def read(self, n: int, timeout: float) -> bytes:
        sock = self._socket()
        sock.settimeout(timeout)
        try:
            data = sock.recv(n)
        except (TimeoutError, BlockingIOError):
            return b""
        except OSError as exc:
            raise TransportError(f"printer connection lost while reading: {exc}") from exc
        if not data:
            raise TransportError("printer closed the connection")
        return data

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass


class SerialTransport:
    """RS-232 / USB-serial adapters through pyserial (an optional dependency)."""

    supports_status = True

    def __init__(self, port: str, baudrate: int, connect_timeout: float) -> None:
        self.port, self.baudrate, self.connect_timeout = port, baudrate, connect_timeout
        self._serial: Serial | None = None

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    def open(self) -> None:
        self.close()
        try:
            import serial
        except ImportError:
            raise TransportUnavailable("serial printer backend needs pyserial: pip install pyserial") from None
        try:
            self._serial = serial.Serial(
                self.port, self.baudrate, timeout=self.connect_timeout, write_timeout=self.connect_timeout
            )
        except (serial.SerialException, OSError) as exc:
            raise TransportError(f"cannot open serial printer {self.port}: {exc}") from exc

    def write(self, data: bytes, timeout: float) -> None:
        if self._serial is None:
            raise TransportError("serial printer is not open")
        self._serial.write_timeout = timeout
        self._serial.write(data)  # SerialTimeoutException is an OSError

    def read(self, n: int, timeout: float) -> bytes:
        if self._serial is None:
            raise TransportError("serial printer is not open")
        self._serial.timeout = timeout
        return bytes(self._serial.read(n))

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except OSError:
                pass


class UsbTransport:
    """USB printer class devices through python-escpos's ``Usb`` (which needs pyusb)."""

    supports_status = True

    def __init__(self, settings: PrinterSettings) -> None:
        self.settings = settings
        self._printer: Usb | None = None

    @property
    def is_open(self) -> bool:
        return self._printer is not None

    def open(self) -> None:
        self.close()
        try:
            import usb.core  # noqa: F401 - only to give a clear message when pyusb is missing
        except ImportError:
            raise TransportUnavailable("USB printer backend needs pyusb: pip install pyusb") from None
        from kiosk.printing.escpos_render import import_escpos

        import_escpos()  # with the capability cache directory set
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Usb

        s = self.settings
        eps = {k: v for k, v in (("in_ep", s.in_ep), ("out_ep", s.out_ep)) if v is not None}
        printer = Usb(s.vendor_id, s.product_id, timeout=int(s.write_timeout_s * 1000), **eps)
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise TransportError(f"USB printer {s.vendor_id:04x}:{s.product_id:04x} not found: {exc}") from exc
        self._printer = printer

    def write(self, data: bytes, timeout: float) -> None:
        if self._printer is None:
            raise TransportError("USB printer is not open")
        import usb.core

        try:
            self._printer.device.write(self._printer.out_ep, data, int(timeout * 1000))
        except usb.core.USBError as exc:
            raise TransportError(f"USB write failed: {exc}") from exc

    def read(self, n: int, timeout: float) -> bytes:
        if self._printer is None:
            raise TransportError("USB printer is not open")
        import usb.core

        try:
            return bytes(self._printer.device.read(self._printer.in_ep, n, max(1, int(timeout * 1000))))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise TransportError(f"USB read failed: {exc}") from exc

    def close(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception:
                pass


class CupsTransport:
    """A raw CUPS queue through ``lp``. CUPS carries no replies: status is always unknown."""

    supports_status = False

    def __init__(self, queue: str) -> None:
        self.queue = queue
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        if shutil.which("lp") is None:
            raise TransportUnavailable("CUPS printer backend needs the lp command (apt install cups-client)")
        self._open = True

    def write(self, data: bytes, timeout: float) -> None:
        try:
            done = subprocess.run(
                ["lp", "-d", self.queue, "-o", "raw"], input=data, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise TransportError(f"lp did not finish within {timeout} s") from exc
        if done.returncode != 0:
            raise TransportError(f"lp failed: {done.stderr.decode(errors='replace').strip()}")

    def read(self, n: int, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        self._open = False


register_transport("network")(lambda s: NetworkTransport(s.host or "", s.port, s.connect_timeout_s))
register_transport("serial")(lambda s: SerialTransport(s.serial_port or "", s.baudrate, s.connect_timeout_s))
register_transport("usb")(UsbTransport)
register_transport("cups")(lambda s: CupsTransport(s.queue or ""))


@register_transport("virtual")
def _virtual_transport(settings: PrinterSettings) -> Transport:
    # Imported here, like the driver libraries above: virtual.py needs nothing from this module.
    from kiosk.devices.printer.virtual import VirtualPrinter, VirtualTransport

    return VirtualTransport(VirtualPrinter(settings.virtual_paper, settings.printer_profile().width_dots))
