"""Schema versions of the database and the migrations between them.

`MIGRATIONS[i]` turns the tables of version i+1 into version i+2. The store runs them on open,
after keeping the file as it was (`annotations.db.v<N>.bak`), then writes a new snapshot.

Versions:
1. a plain TinyDB JSON file (TinyDB's default JSONStorage): each table keyed by TinyDB's integer
   document ids, records carrying their own "id"; spans without "status".
2. the journaled store: tables keyed by the records' own ids (span "s-…", entity "e-…", link
   "l-…", document id), so a change to one record is one journal line; spans have "status".
"""

from __future__ import annotations

from typing import Any, Callable

from reader.errors import ReaderError
from reader.store.model import new_id

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 2

#: table name -> the prefix of new ids for records that never had one
_ID_PREFIXES = {"spans": "s", "entities": "e", "links": "l"}


def _v1_to_v2(tables: Tables) -> Tables:
    """Rekey every table by the records' own ids; give spans a status."""
    migrated: Tables = {}
    for name, table in tables.items():
        rekeyed: dict[str, Any] = {}
        for record in table.values():
            if not isinstance(record, dict):
                continue
            record = dict(record)
            if not record.get("id"):
                record["id"] = new_id(_ID_PREFIXES.get(name, "r"))
            if name == "spans":
                record.setdefault("status", "ok")
            rekeyed[str(record["id"])] = record
        migrated[name] = rekeyed
    return migrated


MIGRATIONS: list[Callable[[Tables], Tables]] = [_v1_to_v2]


def schema_version_of(snapshot: dict[str, Any], *, where: str) -> int:
    """The schema version a snapshot was written with (1 for a plain TinyDB file)."""
    if "format" not in snapshot:
        return 1
    version = snapshot.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise ReaderError(f"{where}: the schema version {version!r} is not valid")
    if version > SCHEMA_VERSION:
        raise ReaderError(
            f"{where}: written by a newer reader (schema version {version}; this one knows up to "
            f"{SCHEMA_VERSION}); update reader to open it"
        )
    return version


def migrate(tables: Tables, version: int) -> Tables:
    """`tables` brought from schema `version` to SCHEMA_VERSION, one migration at a time."""
    for step in MIGRATIONS[version - 1 : SCHEMA_VERSION - 1]:
        tables = step(tables)
    return tables
