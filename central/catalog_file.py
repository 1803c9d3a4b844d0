"""Load a site's catalogue TOML (config/catalog.toml, config/sites/*.toml) into a validated
``Catalog``, the site's queue settings and demo data.

Errors are ``CatalogFileError`` with one line per problem naming the file, the entry (by index
and id) and the field, so whoever edits the file can fix it without reading a traceback.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from central.site_settings import SiteSettings, parse_settings
from kiosk.contract import Agency, Catalog, Service, Site
from kiosk.contract.nik import InvalidNik, parse_nik

_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_HOURS = re.compile(r"^(?P<d1>[a-z]{3})(?:-(?P<d2>[a-z]{3}))?\s+(?P<o>\d{1,2}:\d{2})-(?P<c>\d{1,2}:\d{2})$")
_TOP_KEYS = {"version", "site", "settings", "agencies", "services", "demo"}


class CatalogFileError(ValueError):
    """The catalogue file cannot be used; ``str()`` lists every problem found."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoCitizen(_Strict):
    nik: str
    name: str = Field(min_length=1)
    card_uid: str | None = Field(default=None, pattern=r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$")

    @field_validator("nik")
    @classmethod
    def _valid_nik(cls, value: str) -> str:
        try:
            parse_nik(value)
        except InvalidNik as exc:
            raise ValueError(str(exc)) from None
        return value


class DemoStaff(_Strict):
    card_uid: str = Field(pattern=r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$")
    name: str = Field(min_length=1)
    role: Literal["staff", "technician"]


class DemoTerminal(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,64}$")
    token: str = Field(min_length=16)


class _Demo(_Strict):
    citizens: list[DemoCitizen] = Field(default_factory=list)
    staff: list[DemoStaff] = Field(default_factory=list)
    terminals: list[DemoTerminal] = Field(default_factory=list)
    enrolment_codes: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class CatalogFile:
    """Everything the reference central reads from the catalogue file."""

    catalog: Catalog
    demo_waiting: dict[str, int]
    citizens: list[DemoCitizen] = field(default_factory=list)
    staff: list[DemoStaff] = field(default_factory=list)
    terminals: dict[str, str] = field(default_factory=dict)
    enrolment_codes: list[str] = field(default_factory=list)
    settings: SiteSettings = field(default_factory=SiteSettings)
    """The site's queue policy and announcement languages ([settings], central.site_settings)."""


def _fmt(where: str, exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"])
        out.append(f"{where}{'.' + loc if loc else ''}: {err['msg']}")
    return out


def _parse_hours(raw: Any, where: str) -> list[Any]:
    if not isinstance(raw, list):
        raise CatalogFileError(f'{where}.hours: expected a list like ["mon-fri 08:00-15:00"]')
    out: list[Any] = []
    for i, item in enumerate(raw):
        if not isinstance(item, str):
            out.append(item)  # a table: OpeningHours validates it
            continue
        m = _HOURS.match(item.strip().lower())
        if not m or m["d1"] not in _DAYS or (m["d2"] and m["d2"] not in _DAYS):
            raise CatalogFileError(
                f'{where}.hours[{i}]: {item!r} is not like "mon-fri 08:00-15:00" or "sat 08:00-12:00"'
            )
        first = _DAYS.index(m["d1"])
        last = _DAYS.index(m["d2"]) if m["d2"] else first
        if last < first:
            raise CatalogFileError(f"{where}.hours[{i}]: day range {item!r} runs backwards")
        try:
            opens, closes = time.fromisoformat(m["o"].zfill(5)), time.fromisoformat(m["c"].zfill(5))
        except ValueError:
            raise CatalogFileError(f"{where}.hours[{i}]: {item!r} has an invalid time") from None
        out.extend({"weekday": d, "opens": opens, "closes": closes} for d in range(first, last + 1))
    return out


def _entries(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    raw = doc.get(key)
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise CatalogFileError(f"[[{key}]]: expected one or more [[{key}]] tables")
    return raw


def parse_catalog(doc: dict[str, Any], *, generated_at: datetime) -> CatalogFile:
    """Validate an already-parsed TOML document (see ``load_catalog_file``)."""
    problems: list[str] = []
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        problems.append(f"unknown top-level keys: {', '.join(sorted(unknown))}")
    if not isinstance(doc.get("version"), str) or not doc.get("version"):
        problems.append('version: missing (a label such as "2026.11")')
    site: Site | None = None
    try:
        site = Site.model_validate(_strict_keys(doc.get("site"), Site, "[site]"))
    except ValidationError as exc:
        problems += _fmt("[site]", exc)
    except CatalogFileError as exc:
        problems.append(str(exc))

    agencies: list[Agency] = []
    for i, raw in enumerate(_entries(doc, "agencies")):
        where = f"agencies[{i}] (id {raw.get('id')!r})"
        try:
            agencies.append(Agency.model_validate(_strict_keys(raw, Agency, where)))
        except ValidationError as exc:
            problems += _fmt(where, exc)
        except CatalogFileError as exc:
            problems.append(str(exc))

    services: list[Service] = []
    waiting: dict[str, int] = {}
    for i, raw in enumerate(_entries(doc, "services")):
        where = f"services[{i}] (id {raw.get('id')!r})"
        raw = dict(raw)
        demo_waiting = raw.pop("demo_waiting", 0)
        try:
            if not isinstance(demo_waiting, int) or demo_waiting < 0:
                raise CatalogFileError(f"{where}.demo_waiting: must be a whole number >= 0")
            if "hours" in raw:
                raw["hours"] = _parse_hours(raw["hours"], where)
            svc = Service.model_validate(_strict_keys(raw, Service, where))
        except ValidationError as exc:
            problems += _fmt(where, exc)
            continue
        except CatalogFileError as exc:
            problems.append(str(exc))
            continue
        services.append(svc)
        waiting[svc.id] = demo_waiting

    settings = SiteSettings()
    try:
        settings = parse_settings(doc.get("settings"))
    except ValueError as exc:
        problems += str(exc).splitlines()

    demo = _Demo()
    try:
        demo = _Demo.model_validate(doc.get("demo", {}))
    except ValidationError as exc:
        problems += _fmt("[demo]", exc)

    if problems:
        raise CatalogFileError("\n".join(problems))
    try:
        catalog = Catalog(
            version=doc["version"],
            generated_at=generated_at,
            site=site,
            agencies=agencies,
            services=services,
        )
    except ValidationError as exc:
        raise CatalogFileError("\n".join(_fmt("catalogue", exc))) from None
    return CatalogFile(
        catalog=catalog,
        demo_waiting=waiting,
        citizens=demo.citizens,
        staff=demo.staff,
        terminals={t.id: t.token for t in demo.terminals},
        enrolment_codes=demo.enrolment_codes,
        settings=settings,
    )


def _strict_keys(raw: Any, model: type[BaseModel], where: str) -> Any:
    # The wire models ignore unknown fields (forward compatibility); a hand-edited file must not.
    if isinstance(raw, dict):
        unknown = set(raw) - set(model.model_fields)
        if unknown:
            raise CatalogFileError(
                f"{where}: unknown keys {', '.join(sorted(unknown))} (allowed: {', '.join(model.model_fields)})"
            )
    elif raw is None:
        raise CatalogFileError(f"{where}: missing")
    return raw


def load_catalog_file(path: Path) -> CatalogFile:
    """Read and validate the catalogue TOML; ``CatalogFileError`` with every problem otherwise."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise CatalogFileError(f"{path}: catalogue file not found") from None
    except UnicodeDecodeError:
        raise CatalogFileError(f"{path}: not UTF-8 text") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogFileError(f"{path}: not valid TOML: {exc}") from None
    generated_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    try:
        return parse_catalog(doc, generated_at=generated_at)
    except CatalogFileError as exc:
        lines = str(exc).splitlines()
        raise CatalogFileError("\n".join(f"{path}: {line}" for line in lines)) from None
