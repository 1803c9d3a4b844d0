"""The halls one central serves: one catalogue file per site, the first being the default site.

Why one file per site, given as ``--catalog`` once per site: each hall's catalogue (agencies,
services, opening hours, queue settings) is edited by that hall and validated on its own, so an
error names the file and never blocks the other halls' entries; the order on the command line
says which site is the default one explicitly (rows from before sites, terminals and codes
without a site belong to it), which a directory scan would leave to file-name sorting. One
``--catalog config/catalog.toml``, as before, is a one-site central.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from central.catalog_file import CatalogFile, CatalogFileError, load_catalog_file
from central.site_settings import SiteSettings
from kiosk.contract import Catalog


@dataclass(frozen=True)
class SiteConfig:
    """One hall: its catalogue file's contents."""

    file: CatalogFile

    @property
    def id(self) -> str:
        return self.file.catalog.site.id

    @property
    def catalog(self) -> Catalog:
        return self.file.catalog

    @property
    def tz(self) -> ZoneInfo:
        return self.file.catalog.site.tz

    @property
    def settings(self) -> SiteSettings:
        return self.file.settings

    @property
    def demo_waiting(self) -> dict[str, int]:
        return self.file.demo_waiting


class Sites:
    """The sites of this central in configuration order; ``default`` is the first."""

    def __init__(self, files: Iterable[CatalogFile]) -> None:
        self._by_id: dict[str, SiteConfig] = {}
        for f in files:
            site = SiteConfig(f)
            if site.id in self._by_id:
                raise CatalogFileError(f"site {site.id!r} is configured twice")
            self._by_id[site.id] = site
        if not self._by_id:
            raise CatalogFileError("no site configured: give at least one catalogue file")
        self.default = next(iter(self._by_id.values()))

    def __iter__(self) -> Iterator[SiteConfig]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, site_id: object) -> bool:
        return site_id in self._by_id

    def get(self, site_id: str | None) -> SiteConfig:
        """The site; None or '' is the default site. KeyError for a site this central does not serve."""
        if not site_id:
            return self.default
        return self._by_id[site_id]

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)


def as_sites(source: Sites | CatalogFile) -> Sites:
    """Desks take either; a single catalogue file is a one-site central (older callers, tests)."""
    return source if isinstance(source, Sites) else Sites([source])


def load_sites(paths: Path | str | Sequence[Path | str]) -> Sites:
    """Load every catalogue file (CatalogFileError listing the problems of each bad file)."""
    if isinstance(paths, Path | str):
        paths = [paths]
    files: list[CatalogFile] = []
    problems: list[str] = []
    for path in paths:
        try:
            files.append(load_catalog_file(Path(path)))
        except CatalogFileError as exc:
            problems.append(str(exc))
    if problems:
        raise CatalogFileError("\n".join(problems))
    return Sites(files)
