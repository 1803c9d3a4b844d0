import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # the shared harness lives in tests/pcsc (imported as tests.pcsc)
    sys.path.insert(0, str(ROOT))

# pcsc_stack and vpcd come from tests/conftest.py: one definition, so one pcscd for the session.
