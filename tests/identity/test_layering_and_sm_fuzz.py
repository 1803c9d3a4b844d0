import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.identity.icao.bac import SessionKeys
from kiosk.identity.icao.sm import SecureChannel, SecureMessagingError


def test_identity_layer_imports_neither_pyscard_nor_qt():
    code = (
        "import sys, kiosk.identity.profiles, kiosk.identity.nik, kiosk.identity.icao.lds;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('smartcard', 'PySide6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_card_device_layer_imports_no_qt():
    code = (
        "import sys, kiosk.devices.card;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'PySide6' or m.startswith('kiosk.ui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


KEYS = SessionKeys(
    bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5"),
    bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8"),
    0x887022120C06C226,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80))
def test_fuzz_sm_unwrap_only_sm_error(data):
    try:
        SecureChannel(KEYS).unwrap(data)
    except SecureMessagingError:
        pass
