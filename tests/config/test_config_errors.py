"""Broken config files, each with the exact message a technician gets (and exit code 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.config import ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8")


def broken(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


CASES = [
    (broken('terminal_id = "DEMO-01"', 'terminal_id = "bad id!"'), "central.terminal_id: String should match pattern"),
    (
        broken('base_url = "http://127.0.0.1:8780"', 'base_url = "http://203.0.113.7"'),
        "central.base_url: base_url 'http://203.0.113.7' uses plain http to a non-loopback host",
    ),
    (broken('backend = "virtual"', 'backend = "network"'), "printer: printer backend 'network' needs host"),
    (broken("paper_width_mm = 80", "paper_width_mm = 70"), "printer.paper_width_mm: Input should be 58 or 80 (got 70)"),
    (broken("answer_s = 30", "answer_s = 10"), "idle.answer_s: Input should be greater than or equal to 20 (got 10)"),
    (broken('languages = ["id", "en"]', 'languages = ["id", "id"]'), "ui.languages: each language may be listed once"),
    (broken('languages = ["id", "en"]', 'languages = ["id", "fr"]'), "ui.languages.1: Input should be 'id' or 'en'"),
    (broken("[idle]", "[idle]\nwarn_afte_s = 30"), "idle.warn_afte_s: unknown setting"),
    (broken('[terminal]\nname = "Demo kiosk, lobby"\n', ""), "terminal: required, but missing"),
    (broken("fullscreen = true", 'fullscreen = "yes please"'), "ui.fullscreen: Input should be a valid boolean"),
    ("[terminal\nname = 1", "not valid TOML"),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[1][:40] for c in CASES])
def test_broken_config_names_the_field_and_the_fault(text, expected):
    with pytest.raises(ConfigError) as info:
        parse_config(text, source="kiosk.toml")
    assert any(expected in problem for problem in info.value.problems), info.value.report()


def test_all_problems_are_reported_at_once():
    text = broken("answer_s = 30", "answer_s = 10").replace("paper_width_mm = 80", "paper_width_mm = 70")
    with pytest.raises(ConfigError) as info:
        parse_config(text)
    assert len(info.value.problems) == 2


def test_shipped_configs_are_valid():
    for name in ("demo.toml", "kiosk.example.toml"):
        config = load_config(ROOT / "config" / name)
        assert config.idle.answer_s >= 20


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize("command", [["check-config"], ["run", "--config"]])
def test_command_line_prints_the_report_and_exits_2_without_a_traceback(tmp_path, command):
    bad = tmp_path / "kiosk.toml"
    bad.write_text(broken("answer_s = 30", "answer_s = 10"), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "main.py", *command, str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 2
    assert "idle.answer_s" in out.stderr
    assert "Traceback" not in out.stderr


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_either_a_config_or_a_config_error(text):
    try:
        parse_config(text)
    except ConfigError as exc:
        assert exc.problems
