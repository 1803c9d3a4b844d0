"""docs/openapi.json is the truth: schemathesis fuzzes a live reference central from it (issue 12,
defect 6). Every check, "no 5xx" and "response conforms to schema" among them, must pass.

Bounded (a fixed number of examples per operation, a fixed seed so CI is repeatable; set
ANJUNGAN_FUZZ_SEED / ANJUNGAN_FUZZ_EXAMPLES to explore further) so it takes well under a minute.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from central.testing import TEST_TERMINAL, TEST_TOKEN

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_live_central_keeps_the_published_contract(make_central, tmp_path):
    central = make_central(faults_enabled=False)
    seed = os.environ.get("ANJUNGAN_FUZZ_SEED", "20261201")
    examples = os.environ.get("ANJUNGAN_FUZZ_EXAMPLES", "25")
    cmd = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        str(CONTRACT),
        "--url",
        central.url,
        "-H",
        f"Authorization: Bearer {TEST_TOKEN}",
        "-H",
        f"X-Terminal-Id: {TEST_TERMINAL}",
        "--checks",
        "all",
        "--max-examples",
        examples,
        "--seed",
        seed,
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        "--request-timeout",
        "10",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    tail = (run.stdout + run.stderr)[-6000:]
    assert run.returncode == 0, f"schemathesis found contract violations (seed {seed}):\n{tail}"
    assert " passed" in tail or "No issues found" in tail or "failures" not in tail, tail
    junit = next(tmp_path.glob("*.xml")).read_text(encoding="utf-8")
    assert 'failures="0"' in junit and 'errors="0"' in junit, junit[:2000]
