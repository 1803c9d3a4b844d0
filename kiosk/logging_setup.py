"""Logs as JSON lines, rotated, with personal data scrubbed as a last line of defence.

Code must never log a NIK, a name or card data in the first place; ``RedactingFilter`` still
scrubs anything that looks like a NIK (16 digits) or a card UID / raw card data (8+ hex digits
with at least one digit and one letter, or long hex runs) from every record before it is written,
so a careless f-string cannot leak one into a file. ``export_bundle`` writes what a technician
takes away on a USB stick: the logs, the diagnose output and the config without secrets.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.config.models import KioskConfig

NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")
# Card UIDs are 4, 7 or 10 bytes: 8/14/20 hex digits, maybe spaced or colon-separated. A hex run
# of 8+ characters with a letter in it, or 12+ hex characters, is treated as card data.
HEX_RUN = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}[ :]?){4,}(?![0-9A-Za-z])")
LOG_FILE = "kiosk.jsonl"
_SECRET_KEYS = ("token", "password", "pin", "secret", "code")


def redact(text: str) -> str:
    text = NIK_LIKE.sub("[nik]", text)

    def hex_sub(m: re.Match[str]) -> str:
        run = m.group(0).rstrip(" :")
        digits = re.sub(r"[ :]", "", run)
        looks_like_data = len(digits) >= 12 or (any(c.isalpha() for c in digits) and any(c.isdigit() for c in digits))
        return "[hex]" + m.group(0)[len(run):] if looks_like_data else m.group(0)

    return HEX_RUN.sub(hex_sub, text)


class RedactingFilter(logging.Filter):
    """Formats the message once, scrubs it, and freezes it into the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "thread": record.threadName,
            "msg": record.getMessage(),
        }
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(log_dir: Path, level: int = logging.INFO, max_bytes: int = 2_000_000,
                  backups: int = 5, console: bool | None = None) -> logging.Handler:
    """Route the root logger to ``log_dir/kiosk.jsonl`` (rotating). Returns the file handler."""
    log_dir.mkdir(parents=True, exist_ok=True)
    teardown_logging()
    root = logging.getLogger()
    if console is None:  # a console handler only when nobody (main.py, pytest) has one already
        console = not any(isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
                          for h in root.handlers)
    file_handler = logging.handlers.RotatingFileHandler(log_dir / LOG_FILE, maxBytes=max_bytes,
                                                        backupCount=backups, encoding="utf-8")
    file_handler.setFormatter(JsonLineFormatter())
    handlers: list[logging.Handler] = [file_handler]
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handlers.append(stream)
    for handler in handlers:
        handler._anjungan = True  # type: ignore[attr-defined]  # our mark; logging.Handler declares no such field
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    return file_handler


def config_without_secrets(config: KioskConfig) -> dict[str, Any]:
    """The config as JSON data with anything secret-looking blanked (the token lives elsewhere)."""
    raw = config.model_dump(mode="json")
    for section in raw.values():
        if isinstance(section, dict):
            for key in section:
                if any(word in key for word in _SECRET_KEYS) and key != "token_file":
                    section[key] = "[removed]"
    return raw


def export_bundle(dest_parent: Path, log_dir: Path, config: KioskConfig,
                  diagnose: list[dict[str, Any]] | None) -> Path:
    """Write ``anjungan-logs-<time>/`` under ``dest_parent`` (a USB stick's folder, say)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = Path(dest_parent) / f"anjungan-logs-{stamp}"
    (dest / "logs").mkdir(parents=True, exist_ok=False)
    for path in sorted(Path(log_dir).glob(LOG_FILE + "*")):
        # Lines are redacted again on the way out, for files written before the filter existed.
        with open(path, encoding="utf-8", errors="replace") as src, open(dest / "logs" / path.name, "w",
                                                                           encoding="utf-8") as out:
            for line in src:
                out.write(redact(line))
    (dest / "diagnose.json").write_text(json.dumps(diagnose or [], indent=1, ensure_ascii=False), encoding="utf-8")
    (dest / "config.json").write_text(json.dumps(config_without_secrets(config), indent=1), encoding="utf-8")
    return dest


__all__ = ["RedactingFilter", "JsonLineFormatter", "export_bundle", "redact", "setup_logging"]


def teardown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` added (the app calls it when it stops)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_anjungan", False):
            root.removeHandler(handler)
            handler.close()
