"""Suite-wide settings: Qt always offscreen, so the suite runs the same on a laptop and in CI."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The real PC/SC stack (pcscd + vpcd + the project's virtual cards). Defined once here so every
# test directory shares the same session-wide stack: only one pcscd can run at a time.
from tests.pcsc.fixtures import pcsc_stack, vpcd  # noqa: F401
