"""The IKM report of a period: per service, per agency and for the hall, as JSON, CSV, XLSX and a
printable HTML page. Figures come from ``ikm.compute``; this module only groups and lays out."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from typing import Literal

from pydantic import BaseModel, ConfigDict

from central.catalog_file import CatalogFile
from central.reports.export import spreadsheet_safe
from central.survey.ikm import IkmResult, compute
from central.survey.ratings import RESPONDENT_FIELDS, StoredRating
from kiosk.contract.survey import ELEMENTS

ELEMENT_NAMES: dict[str, dict[str, str]] = {
    "u1": {"id": "Persyaratan", "en": "Requirements"},
    "u2": {"id": "Sistem, mekanisme, dan prosedur", "en": "Procedure"},
    "u3": {"id": "Waktu penyelesaian", "en": "Time to completion"},
    "u4": {"id": "Biaya/tarif", "en": "Cost / fee"},
    "u5": {"id": "Produk spesifikasi jenis pelayanan", "en": "Product specification"},
    "u6": {"id": "Kompetensi pelaksana", "en": "Staff competence"},
    "u7": {"id": "Perilaku pelaksana", "en": "Staff behaviour"},
    "u8": {"id": "Penanganan pengaduan, saran dan masukan", "en": "Handling of complaints and suggestions"},
    "u9": {"id": "Sarana dan prasarana", "en": "Facilities"},
}
CATEGORY_WORDS_EN = {"A": "Very good", "B": "Good", "C": "Poor", "D": "Not good"}
SUGGESTIONS_SHOWN = 100  # the latest ones; the rest stay in the database
Lang = Literal["id", "en"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ElementScore(_Model):
    element: str
    """u1..u9 (PermenPANRB 14/2017 order)."""
    name: str
    average: float
    """The element's average score, 1..4 (NRR), four decimals."""
    index: float
    """The average x 25 (25..100), two decimals."""


class IkmGroup(_Model):
    scope: Literal["hall", "agency", "service"]
    id: str
    name: str
    respondents: int
    ikm: float | None
    """Weighted average of the element averages (weights 1/9) x 25, two decimals; None: no ratings."""
    category: Literal["A", "B", "C", "D"] | None
    category_words: str | None
    elements: list[ElementScore]
    lowest: list[str]
    """The three elements with the lowest averages, lowest first: where to improve first."""


class IkmReport(_Model):
    site: str
    site_name: str
    period_from: date
    period_to: date
    generated_at: datetime
    hall: IkmGroup
    agencies: list[IkmGroup]
    services: list[IkmGroup]
    respondent_profile: dict[str, dict[str, int]]
    """Per respondent question, how many answered each band ("none": not answered)."""
    suggestions: list[str]
    """The latest suggestions of the period (at most 100), numbers already removed."""


def _group(scope: str, gid: str, name: str, result: IkmResult, lang: Lang) -> IkmGroup:
    elements = [
        ElementScore(
            element=e,
            name=ELEMENT_NAMES[e][lang],
            average=round(float(result.element_averages[e]), 4),
            index=float(result.element_index(e)),
        )
        for e in ELEMENTS
        if result.respondents
    ]
    words = result.category_words
    if words is not None and lang == "en" and result.category is not None:
        words = CATEGORY_WORDS_EN[result.category]
    return IkmGroup(
        scope=scope,  # type: ignore[arg-type]
        id=gid,
        name=name,
        respondents=result.respondents,
        ikm=float(result.ikm) if result.ikm is not None else None,
        category=result.category,  # type: ignore[arg-type]
        category_words=words,
        elements=elements,
        lowest=list(result.lowest),
    )


def build_report(
    cf: CatalogFile,
    site: str,
    first: date,
    last: date,
    ratings: Sequence[StoredRating],
    now: datetime,
    lang: Lang = "id",
) -> IkmReport:
    """Every agency and service of the catalogue is listed, rated or not (a service nobody rated
    is a finding too); ratings of services since removed count for the hall and their agency."""
    catalog = cf.catalog
    hall = _group("hall", site, catalog.site.name, compute(r.scores for r in ratings), lang)
    agencies = [
        _group(
            "agency",
            a.id,
            a.name.get(lang),
            compute(r.scores for r in ratings if r.agency_id == a.id),
            lang,
        )
        for a in catalog.agencies
    ]
    services = [
        _group(
            "service",
            s.id,
            s.name.get(lang),
            compute(r.scores for r in ratings if r.service_id == s.id),
            lang,
        )
        for s in catalog.services
    ]
    profile = {
        field: dict(sorted(Counter(r.respondent.get(field) or "none" for r in ratings).items()))
        for field in RESPONDENT_FIELDS
    }
    suggestions = [r.suggestion for r in reversed(ratings) if r.suggestion][:SUGGESTIONS_SHOWN]
    return IkmReport(
        site=site,
        site_name=catalog.site.name,
        period_from=first,
        period_to=last,
        generated_at=now,
        hall=hall,
        agencies=agencies,
        services=services,
        respondent_profile=profile,
        suggestions=suggestions,
    )


_HEAD = {
    "id": ("Cakupan", "Nama", "Responden", "IKM", "Mutu", "Kinerja", "Unsur terendah"),
    "en": ("Scope", "Name", "Respondents", "IKM", "Grade", "Performance", "Lowest elements"),
}
_SCOPE = {
    "id": {"hall": "Gedung", "agency": "Instansi", "service": "Layanan"},
    "en": {"hall": "Hall", "agency": "Agency", "service": "Service"},
}


def _rows(report: IkmReport, lang: Lang) -> list[list[object]]:
    """One table: a header, then the hall, the agencies and the services (one line each)."""
    head = [*_HEAD[lang][:6], *(e.upper() for e in ELEMENTS), _HEAD[lang][6]]
    rows: list[list[object]] = [head]
    for g in [report.hall, *report.agencies, *report.services]:
        averages = {e.element: e.average for e in g.elements}
        rows.append(
            [
                _SCOPE[lang][g.scope],
                g.name,
                g.respondents,
                g.ikm if g.ikm is not None else "",
                g.category or "",
                g.category_words or "",
                *(averages.get(e, "") for e in ELEMENTS),
                " ".join(e.upper() for e in g.lowest),
            ]
        )
    return rows


def to_csv(report: IkmReport, lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"IKM {report.site_name} {report.period_from} – {report.period_to}"])
    for row in _rows(report, lang):
        writer.writerow([spreadsheet_safe(v) for v in row])
    return out.getvalue()


def to_xlsx(report: IkmReport, lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "IKM"
    sheet.append([f"IKM {report.site_name} {report.period_from} – {report.period_to}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for row in _rows(report, lang):
        sheet.append([spreadsheet_safe(v) for v in row])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 40
    names = book.create_sheet("Unsur" if lang == "id" else "Elements")
    names.append(["", "Unsur" if lang == "id" else "Element"])
    for e in ELEMENTS:
        names.append([e.upper(), ELEMENT_NAMES[e][lang]])
    if report.suggestions:
        notes = book.create_sheet("Saran" if lang == "id" else "Suggestions")
        for text in report.suggestions:
            notes.append([spreadsheet_safe(text)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_PAGE = {
    "id": {
        "title": "Indeks Kepuasan Masyarakat",
        "period": "Periode",
        "method": "Metode PermenPANRB No. 14 Tahun 2017: rata-rata tertimbang nilai per unsur (bobot 1/9) x 25.",
        "elements": "Unsur pelayanan",
        "suggestions": "Saran",
        "profile": "Profil responden",
        "none": "Belum ada penilaian.",
    },
    "en": {
        "title": "Community Satisfaction Index (IKM)",
        "period": "Period",
        "method": "Method of PermenPANRB 14/2017: weighted average of the element averages (weights 1/9) x 25.",
        "elements": "Service elements",
        "suggestions": "Suggestions",
        "profile": "Respondents",
        "none": "No ratings yet.",
    },
}


def to_html(report: IkmReport, lang: Lang) -> str:
    """A printable page (A4, no script): the hall's index large, then the table of every group."""
    t = _PAGE[lang]
    rows = _rows(report, lang)
    head = "".join(f"<th>{escape(str(v))}</th>" for v in rows[0])
    body = "\n".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows[1:])
    hall = report.hall
    big = (
        f'<p class="ikm">{hall.ikm:.2f} <span>{escape(hall.category or "")} · {escape(hall.category_words or "")}'
        f"</span></p><p>{hall.respondents} {escape(_HEAD[lang][2].lower())}</p>"
        if hall.ikm is not None
        else f"<p>{escape(t['none'])}</p>"
    )
    legend = "".join(f"<li>{e.upper()}: {escape(ELEMENT_NAMES[e][lang])}</li>" for e in ELEMENTS)
    profile = "".join(
        f"<li>{escape(field)}: " + ", ".join(f"{escape(k)} {v}" for k, v in counts.items()) + "</li>"
        for field, counts in report.respondent_profile.items()
    )
    notes = "".join(f"<li>{escape(s)}</li>" for s in report.suggestions)
    notes_block = f"<h2>{escape(t['suggestions'])}</h2><ul>{notes}</ul>" if notes else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(t["title"])} · {escape(report.site_name)}</title>
<style>@page{{size:A4 landscape;margin:12mm}}
body{{font-family:sans-serif;color:#111;background:#fff;margin:1rem}}
h1{{font-size:1.5rem;margin:0}} .ikm{{font-size:3rem;font-weight:700;margin:.3rem 0}}
.ikm span{{font-size:1.4rem}} table{{border-collapse:collapse;width:100%;font-size:.8rem}}
th,td{{border:1px solid #555;padding:.2rem .35rem;text-align:left}} th{{background:#e8e8e8}}
.cols{{display:flex;gap:2rem}} .cols ul{{margin:.2rem 0}}</style>
</head><body>
<h1>{escape(t["title"])} · {escape(report.site_name)}</h1>
<p>{escape(t["period"])}: {report.period_from} – {report.period_to}</p>
{big}
<table><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table>
<p>{escape(t["method"])}</p>
<div class="cols"><div><h2>{escape(t["elements"])}</h2><ul>{legend}</ul></div>
<div><h2>{escape(t["profile"])}</h2><ul>{profile}</ul></div></div>
{notes_block}
</body></html>
"""
