"""Logs as JSON lines, rotated, with personal data scrubbed by ``kiosk.redaction``.

Code must never log a NIK, a name or card data in the first place: it logs a constant message
and named fields (``extra=log_fields(payment_id=...)``), which ``RedactingFilter`` redacts by
name; the message, its arguments and any exception text go through the same scrubber the crash
reports use, so a careless f-string cannot leak one into a file. ``export_bundle`` writes what a
technician takes away on a USB stick: the logs, the diagnose output and the config without
secrets.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.redaction import log_fields, scrub_arg, scrub_fields, scrub_text, scrub_traceback

if TYPE_CHECKING:
    from kiosk.config.models import KioskConfig

LOG_FILE = "kiosk.jsonl"
_SECRET_KEYS = ("token", "password", "pin", "secret", "code")

redact = scrub_text  # the name the diagnostics and older callers use


class RedactingFilter(logging.Filter):
    """Scrubs the message, each argument and the exception, redacts the fields by name, and
    freezes the result into the record (no handler can format the raw values again)."""

    def filter(self, record: logging.LogRecord) -> bool:
        template = scrub_text(str(record.msg))
        args = record.args
        if isinstance(args, Mapping):
            args = scrub_fields(args)  # "%(name)s" arguments are named fields too
        elif args:
            args = tuple(scrub_arg(a) for a in args)
        try:
            message = template % args if args else template
        except (TypeError, ValueError, KeyError):  # a broken format string must not lose the record
            message = " ".join(
                [template, *(str(a) for a in (args.values() if isinstance(args, Mapping) else args or ()))]
            )
        record.msg, record.args = message, None
        fields = getattr(record, "fields", None)
        if isinstance(fields, Mapping):
            record.fields = scrub_fields(fields)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = scrub_traceback(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub_traceback(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_traceback(record.stack_info)
        return True


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "thread": record.threadName,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if fields:
            entry["fields"] = fields
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


class ConsoleFormatter(logging.Formatter):
    """One line for a person at a terminal: the message, then the fields as ``name=value``."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = getattr(record, "fields", None)
        if fields:
            line += " " + " ".join(f"{k}={v}" for k, v in fields.items())
        return line


def setup_logging(
    log_dir: Path, level: int = logging.INFO, max_bytes: int = 2_000_000, backups: int = 5, console: bool | None = None
) -> logging.Handler:
    """Route the root logger to ``log_dir/kiosk.jsonl`` (rotating). Returns the file handler."""
    log_dir.mkdir(parents=True, exist_ok=True)
    teardown_logging()
    root = logging.getLogger()
    if console is None:  # a console handler only when nobody (main.py, pytest) has one already
        console = not any(
            isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler) for h in root.handlers
        )
    file_handler = logging.handlers.RotatingFileHandler(
        log_dir / LOG_FILE, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    file_handler.setFormatter(JsonLineFormatter())
    handlers: list[logging.Handler] = [file_handler]
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(ConsoleFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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


def _redact_line(line: str) -> str:
    """One JSON log line scrubbed again, field by field (the quote rule must not eat the JSON)."""
    try:
        entry = json.loads(line)
    except ValueError:
        return scrub_text(line)
    if not isinstance(entry, dict):
        return scrub_text(line)
    if isinstance(entry.get("msg"), str):
        entry["msg"] = scrub_text(entry["msg"])
    if isinstance(entry.get("exc"), str):
        entry["exc"] = scrub_traceback(entry["exc"])
    if isinstance(entry.get("fields"), Mapping):
        entry["fields"] = scrub_fields(entry["fields"])
    return json.dumps(entry, ensure_ascii=False, default=str) + "\n"


def export_bundle(dest_parent: Path, log_dir: Path, config: KioskConfig, diagnose: list[dict[str, Any]] | None) -> Path:
    """Write ``anjungan-logs-<time>/`` under ``dest_parent`` (a USB stick's folder, say)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = Path(dest_parent) / f"anjungan-logs-{stamp}"
    (dest / "logs").mkdir(parents=True, exist_ok=False)
    for path in sorted(Path(log_dir).glob(LOG_FILE + "*")):
        # Lines are redacted again on the way out, for files written before the filter existed.
        with (
            open(path, encoding="utf-8", errors="replace") as src,
            open(dest / "logs" / path.name, "w", encoding="utf-8") as out,
        ):
            for line in src:
                out.write(_redact_line(line))
    (dest / "diagnose.json").write_text(json.dumps(diagnose or [], indent=1, ensure_ascii=False), encoding="utf-8")
    (dest / "config.json").write_text(json.dumps(config_without_secrets(config), indent=1), encoding="utf-8")
    return dest


__all__ = ["JsonLineFormatter", "RedactingFilter", "export_bundle", "log_fields", "redact", "setup_logging"]


def teardown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` added (the app calls it when it stops)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_anjungan", False):
            root.removeHandler(handler)
            handler.close()
