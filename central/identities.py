"""Demo identity lookups: citizens by NIK or card UID, staff cards by salted hash.

Staff card UIDs are stored only as SHA-256(salt + UID) with one random salt per database, so a
copy of the database does not reveal which cards open admin mode. Values are never logged.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from central.catalog_file import CatalogFile
from central.db import Database
from central.sites import Sites, as_sites
from kiosk.contract import IdentityResolveRequest, ResolvedIdentity
from kiosk.contract.nik import is_valid_nik, mask_name, mask_nik, parse_nik


class IdentityDirectory:
    def __init__(self, db: Database, sites: Sites | CatalogFile) -> None:
        """Citizens (a NIK is national) and staff cards of every site's [demo] go in one directory."""
        self.db = db
        files = [site.file for site in as_sites(sites)]
        with db.write() as conn:
            # Several workers may start at once: the first salt written wins, all read it back.
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('staff_salt', ?) ON CONFLICT (key) DO NOTHING",
                (secrets.token_hex(16),),
            )
            self._salt = conn.execute("SELECT value FROM meta WHERE key='staff_salt'").fetchone()["value"]
            for c in (c for f in files for c in f.citizens):
                born = parse_nik(c.nik).birth_date
                conn.execute(
                    "INSERT INTO citizens (nik, card_uid, name, birth_date) VALUES (?,?,?,?) ON CONFLICT (nik)"
                    " DO UPDATE SET card_uid=excluded.card_uid, name=excluded.name, birth_date=excluded.birth_date",
                    (c.nik, c.card_uid, c.name, born.isoformat()),
                )
            for s in (s for f in files for s in f.staff):
                conn.execute(
                    "INSERT INTO staff_cards (uid_hash, name, role) VALUES (?,?,?) ON CONFLICT (uid_hash)"
                    " DO UPDATE SET name=excluded.name, role=excluded.role",
                    (self._hash(s.card_uid), s.name, s.role),
                )

    def _hash(self, uid: str) -> str:
        return hashlib.sha256((self._salt + uid.upper()).encode()).hexdigest()

    def resolve(self, req: IdentityResolveRequest) -> ResolvedIdentity:
        with self.db.read() as conn:
            if req.kind == "uid":
                staff = conn.execute(
                    "SELECT name, role FROM staff_cards WHERE uid_hash=?", (self._hash(req.value),)
                ).fetchone()
                if staff is not None:
                    return ResolvedIdentity(
                        found=True,
                        display_name_masked=mask_name(staff["name"]),
                        is_staff=True,
                        staff_role=staff["role"],
                    )
                row = conn.execute("SELECT * FROM citizens WHERE card_uid=?", (req.value,)).fetchone()
            elif not is_valid_nik(req.value):  # the one NIK rule: no such NIK can be on record
                row = None
            else:
                row = conn.execute("SELECT * FROM citizens WHERE nik=?", (req.value,)).fetchone()
        if row is None:
            return ResolvedIdentity(found=False)
        return ResolvedIdentity(
            found=True,
            display_name_masked=mask_name(row["name"]),
            nik_masked=mask_nik(row["nik"]),
            birth_date=date.fromisoformat(row["birth_date"]),
        )
