"""Backups of the central's database and their restore, on both engines.

- SQLite: the online backup API copies the whole file in one step, i.e. inside one read
  transaction. In WAL mode readers never block writers, so the central keeps issuing while the
  copy reads one consistent snapshot (no half-written ticket, counters matching tickets).
- PostgreSQL: ``pg_dump --format=custom``, which reads everything in one REPEATABLE READ snapshot
  (again consistent while the central writes). Restore is all or nothing, the removal of what a
  forced restore replaces included: pg_restore's script and the DROPs run in one transaction
  through psql, committed only when pg_restore read the whole dump.

A backup holds what the database holds, personal data included: files are written 0600 and only
appear under their final name once complete (``.part`` then rename). Restore refuses a database
that has tables unless forced, refuses a backup of a newer schema than this code knows, and
migrates an older one to the head, so the central it serves next starts at once.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from central.ops.pgtools import connection, pg_binary
from central.store import HEAD, Store, current_version, migrate, open_store, redact_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
_TAIL = 400  # characters of a tool's stderr quoted in an error (never unbounded)


class OpsError(RuntimeError):
    """An operation that cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    engine: str
    path: Path
    size_bytes: int
    schema_version: int
    tickets: int | None  # counted in the copy itself (SQLite); None for a dump


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    schema_version: int
    migrated: list[int]
    tickets: int
    advanced_counters: int


def engine_of(db: str | Path) -> tuple[str, str | Path]:
    """("sqlite", path) or ("postgresql", url), as ``open_store`` reads ``--db``."""
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql", text
    if text.startswith("sqlite:///"):
        return "sqlite", Path(text[len("sqlite:///") :])
    if "://" in text:
        raise OpsError("database URL must start with sqlite:/// or postgresql://")
    return "sqlite", Path(text)


def backup(db: str | Path, out: Path) -> BackupResult:
    """Write a consistent backup of ``db`` to ``out`` while the central may keep writing."""
    engine, target = engine_of(db)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.name}.part")
    part.unlink(missing_ok=True)
    os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # 0600 before any byte
    try:
        if engine == "sqlite":
            assert isinstance(target, Path)
            version, tickets = _sqlite_backup(target, part)
        else:
            _pg_dump(str(target), part)
            version, tickets = _dump_schema_version(part), None
        _fsync(part)
        os.replace(part, out)
        _fsync(out.parent)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return BackupResult(engine, out, out.stat().st_size, version or 0, tickets)


def _sqlite_backup(path: Path, part: Path) -> tuple[int | None, int]:
    if not path.is_file():
        raise OpsError(f"no SQLite database at {path}")
    src = sqlite3.connect(path, timeout=15)
    try:
        dst = sqlite3.connect(part)
        try:
            src.backup(dst)  # pages=-1: all in one step, one read snapshot
            # A single self-contained file: no -wal beside it to forget when copying it away.
            dst.execute("PRAGMA journal_mode=DELETE")
            (check,) = dst.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise OpsError(f"the copy failed its integrity check: {str(check)[:_TAIL]}")
            return _sqlite_facts(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _sqlite_facts(conn: sqlite3.Connection) -> tuple[int | None, int]:
    """(schema version or None, tickets) of a SQLite database."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = None
    if "schema_migrations" in names:
        version = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])
    tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0] if "tickets" in names else 0
    return version, int(tickets)


def _run(cmd: list[str], env: dict[str, str], what: str) -> str:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise OpsError(f"{what} failed (exit {proc.returncode}): {_detail(proc.stderr)}")
    return proc.stdout


def _detail(stderr: str) -> str:
    """The first error line says what went wrong; the tail, what it was doing (both bounded).
    PostgreSQL's DETAIL and CONTEXT lines are left out: they can quote a row (a NIK, a name)."""
    err = "\n".join(
        line for line in stderr.strip().splitlines() if not line.lstrip().startswith(("DETAIL:", "CONTEXT:"))
    )
    first = next((line for line in err.splitlines() if "error" in line.lower()), "")[:_TAIL]
    tail = err[-_TAIL:]
    return tail if not first or first in tail else f"{first} … {tail}"


def _pg_dump(url: str, part: Path) -> None:
    conninfo, env = connection(url)
    _run([pg_binary("pg_dump"), "--format=custom", "--file", str(part), "--dbname", conninfo], env, "pg_dump")


def _dump_schema_version(dump: Path) -> int | None:
    """The highest ``schema_migrations`` version inside a custom-format dump (None: no ledger),
    read with pg_restore without touching any database."""
    text = _run(
        [pg_binary("pg_restore"), "--data-only", "--table=schema_migrations", "--file=-", str(dump)],
        dict(os.environ),
        "pg_restore (reading the dump)",
    )
    versions: list[int] = []
    in_copy = False
    for line in text.splitlines():
        if line.startswith("COPY ") and "schema_migrations" in line:
            in_copy = True
        elif in_copy and line == "\\.":
            in_copy = False
        elif in_copy and line.split("\t", 1)[0].isdigit():
            versions.append(int(line.split("\t", 1)[0]))
    return max(versions) if versions else None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore(db: str | Path, source: Path, *, force: bool = False, advance_numbers: int = 0) -> RestoreResult:
    """Put the backup ``source`` into ``db`` (empty unless ``force``), migrate it to the head and,
    with ``advance_numbers``, move today's counters on (see docs/central-operations.md: numbers
    handed out after the backup was taken are on paper in the hall but not in the backup)."""
    engine, target = engine_of(db)
    kind = backup_kind(Path(source))
    if kind != engine:
        raise OpsError(f"{source} is a {kind} backup; restore it into a {kind} database")
    version = _sqlite_version_of(Path(source)) if kind == "sqlite" else _dump_schema_version(Path(source))
    if version is None:
        raise OpsError(f"{source} holds no schema_migrations: not a backup of the central")
    if version > HEAD:
        raise OpsError(
            f"the backup is at schema {version}, newer than this central ({HEAD}): restore it with that release"
        )
    if engine == "sqlite":
        assert isinstance(target, Path)
        _sqlite_restore(Path(source), target, force)
    else:
        _pg_restore(Path(source), str(target), force)
    store = open_store(target, pool_max=2)
    try:
        migrated = migrate(store)
        with store.read() as conn:
            now_version = current_version(conn)
            tickets = int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])
        if now_version != HEAD:
            raise OpsError(f"after restore the schema is at {now_version}, not {HEAD}")
        advanced = _advance_counters(store, advance_numbers) if advance_numbers else 0
    finally:
        store.close()
    return RestoreResult(engine, HEAD, migrated, tickets, advanced)


def backup_kind(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise OpsError(f"cannot read {path}: {exc.strerror}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise OpsError(f"{path} is neither a SQLite backup nor a pg_dump custom-format file")


def _sqlite_version_of(path: Path) -> int | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _sqlite_facts(conn)[0]
    finally:
        conn.close()


def _sqlite_restore(source: Path, target: Path, force: bool) -> None:
    if target.exists() and target.stat().st_size > 0:
        conn = sqlite3.connect(target, timeout=15)
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        finally:
            conn.close()
        if tables and not force:
            raise OpsError(f"{target} already holds a database ({tables} tables); use --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=15)
        try:
            src.backup(dst)  # through the target's own connection: its WAL, if any, stays coherent
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(target, 0o600)


def _pg_restore(source: Path, url: str, force: bool) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
        if tables and not force:
            raise OpsError(
                f"{redact_url(url)} already holds {len(tables)} tables; use --force to replace them, or a fresh database"
            )
        drops: list[str] = []
        if tables:
            # Only the tables (and what hangs off them, e.g. BIGSERIAL sequences): the schema, its
            # owner and grants stay as the administrator made them.
            drops.append(
                sql.SQL("DROP TABLE {} CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, tables))).as_string(conn)
            )
            # And the functions the schema's triggers ran (migration 10), which outlive their
            # tables and which the dump creates again; not an extension's.
            functions = conn.execute(
                "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                " WHERE n.nspname = current_schema() AND NOT EXISTS"
                " (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
            ).fetchall()
            drops += [sql.SQL("DROP FUNCTION {} CASCADE").format(sql.SQL(f)).as_string(conn) for (f,) in functions]
    _restore_in_one_transaction(source, url, drops)


def _restore_in_one_transaction(source: Path, url: str, drops: list[str]) -> None:
    """``drops``, then pg_restore's script of ``source``, in ONE transaction through psql, committed
    only when pg_restore read the whole dump and psql ran every statement. Why not pg_restore
    ``--single-transaction`` after the drops: a dump that breaks half-way (a truncated copy, a
    full disk) then left a forced restore's database with no tables at all."""
    import shutil
    import tempfile

    conninfo, env = connection(url)
    psql_bin, pg_restore_bin = pg_binary("psql"), pg_binary("pg_restore")  # both found before either starts
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        psql = subprocess.Popen(
            [psql_bin, "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "--dbname", conninfo],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=env,
        )
        try:
            restore = subprocess.Popen(
                [pg_restore_bin, "--no-owner", "--no-acl", "--exit-on-error", "--file=-", str(source)],
                stdout=subprocess.PIPE,
                stderr=restore_err,
                env=env,
            )
        except OSError:
            psql.kill()  # nothing was sent: its connection ends, nothing changed
            psql.wait()
            raise
        assert psql.stdin is not None and restore.stdout is not None
        try:
            psql.stdin.write(b"BEGIN;\n" + b"".join(f"{d};\n".encode() for d in drops))
            shutil.copyfileobj(restore.stdout, psql.stdin, 1 << 20)
            if restore.wait() == 0:
                psql.stdin.write(b"COMMIT;\n")
            # Without the COMMIT, psql ends at its input's end and the transaction is rolled back.
        except BrokenPipeError:
            pass  # psql stopped at a failed statement (ON_ERROR_STOP): rolled back, said below
        except BaseException:
            psql.kill()  # anything unforeseen: end psql before any COMMIT, so nothing changes
            raise
        finally:
            restore.kill()  # (when it already ended: nothing)
            restore.wait()
            try:
                psql.stdin.close()
            except BrokenPipeError:
                pass
            psql_code = psql.wait()
        if psql_code != 0:
            psql_err.seek(0)
            text = psql_err.read().decode("utf-8", "replace")
            raise OpsError(f"restoring failed (psql exit {psql_code}), nothing changed: {_detail(text)}")
        if restore.returncode != 0:
            restore_err.seek(0)
            text = restore_err.read().decode("utf-8", "replace")
            raise OpsError(f"pg_restore failed (exit {restore.returncode}), nothing changed: {_detail(text)}")


def _advance_counters(store: Store, by: int) -> int:
    """Move every counter of the last two business days (any site's time zone) on by ``by``."""
    since = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()

    def step(conn: Any) -> int:
        cur = conn.execute("UPDATE sequences SET last_seq = last_seq + ? WHERE business_date >= ?", (by, since))
        return int(cur.rowcount)

    return store.transact(step)
