"""The label schema: entity types (label, key, colours) and claim attributes, read from TOML.

The default (`labels.toml` beside this module) suits news; a user can pass their own file.
`load_schema` validates everything and names the file and the offending entry on error.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any

from reader.errors import ReaderError
from reader.store.model import CLAIM_LABEL, STANCES, VERDICTS, ClaimAttributes

#: the 16 ANSI colour names (Rich spells them this way)
ANSI16 = (
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright_black", "bright_red", "bright_green", "bright_yellow",
    "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
)
ATTRIBUTE_TYPES = {"speaker": "entity", "stance": "choice", "checkworthy": "bool", "note": "text",
                   "restatement": "text", "verdict": "choice", "claim_date": "text"}
_LABEL = re.compile(r"^[A-Z][A-Z0-9_]*$")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class SchemaError(ReaderError):
    """A label schema file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class EntityType:
    name: str
    key: str
    color: str
    color16: str
    description: str = ""


@dataclass(frozen=True)
class ClaimAttribute:
    name: str                 # a field of reader.store.model.ClaimAttributes
    type: str                 # entity | choice | bool | text
    choices: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class LabelSchema:
    entity_types: tuple[EntityType, ...]
    claim: EntityType          # the claim label with its key and colours
    claim_attributes: tuple[ClaimAttribute, ...]
    source: str                # the file it was read from
    #: label -> the labels a user's model (`reader suggest --model`) writes for it, from the
    #: optional `[model_labels]` table (`GPE = ["GPE", "LOC"]`); a label not named there
    #: takes the model's label of the same name.
    model_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def verdicts(self) -> tuple[str, ...]:
        """The rating scale of a claim's verdict, best first: the `verdict` attribute's
        choices, or the default (true, mostly true, mixed, mostly false, false, unverifiable)."""
        verdict = next((a for a in self.claim_attributes if a.name == "verdict"), None)
        return verdict.choices if verdict and verdict.choices else VERDICTS

    def entity_type(self, name: str) -> EntityType | None:
        return next((t for t in self.entity_types if t.name == name), None)

    def by_key(self, key: str) -> EntityType | None:
        """The entity type (or the claim label) tagged with `key`."""
        return next((t for t in (*self.entity_types, self.claim) if t.key == key), None)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.entity_types)


def default_schema_path() -> Path:
    return Path(str(resources.files("reader.store").joinpath("labels.toml")))


def load_schema(path: str | Path | None = None) -> LabelSchema:
    """The schema in TOML file `path` (default: the shipped news schema), validated.
    Raises SchemaError naming the file and the problem."""
    source = Path(path) if path is not None else default_schema_path()
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"{source}: label schema not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"{source}: cannot read the label schema ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise SchemaError(f"{source}: not valid TOML ({error})") from None
    return _parse(data, str(source))


def _parse(data: dict[str, Any], source: str) -> LabelSchema:
    def fail(where: str, problem: str) -> SchemaError:
        return SchemaError(f"{source}: {where}: {problem}")

    raw_types = data.get("entity")
    if not isinstance(raw_types, list) or not raw_types:
        raise fail("[[entity]]", "at least one entity type is needed")
    types = [_entity_type(raw, f"entity #{i} ", fail) for i, raw in enumerate(raw_types, start=1)]
    raw_claim = data.get("claim", {})
    if not isinstance(raw_claim, dict):
        raise fail("[claim]", "must be a table")
    claim = _entity_type({"name": raw_claim.get("label", CLAIM_LABEL), **{k: v for k, v in raw_claim.items() if k not in ("label", "attribute")}},
                         "[claim] ", fail)
    if claim.name != CLAIM_LABEL:
        raise fail("[claim] label", f"must be {CLAIM_LABEL!r} (exports and the data model use it), not {claim.name!r}")
    _unique(types + [claim], "name", fail)
    _unique(types + [claim], "key", fail)
    _unique(types + [claim], "color16", fail)
    attributes = tuple(_attribute(raw, f"claim attribute #{i}", fail)
                       for i, raw in enumerate(raw_claim.get("attribute", []), start=1))
    _unique(list(attributes), "name", fail)
    model_labels = _model_labels(data.get("model_labels", {}), {t.name for t in types}, fail)
    return LabelSchema(tuple(types), claim, attributes, source, model_labels)


def _model_labels(raw: Any, labels: set[str], fail: _Fail) -> dict[str, tuple[str, ...]]:
    """The `[model_labels]` table: each key an entity type of this schema, each value the
    list of a model's labels that become it; a model label may map to one type only."""
    if not isinstance(raw, dict):
        raise fail("[model_labels]", "must be a table")
    mapping: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for label, names in raw.items():
        if label not in labels:
            raise fail(f"[model_labels] {label}", f"not an entity type of this schema ({', '.join(sorted(labels))})")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
            raise fail(f"[model_labels] {label}", "must be a non-empty list of the model's label names")
        for name in names:
            if name in owner and owner[name] != label:
                raise fail(f"[model_labels] {label}", f"model label {name!r} is already mapped to {owner[name]}")
            owner[name] = label
        mapping[label] = tuple(names)
    return mapping


#: makes the SchemaError of a bad field: (where, what is wrong) -> the error to raise
_Fail = Callable[[str, str], ReaderError]


def _text(raw: dict[str, Any], field: str, where: str, fail: _Fail) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value:
        raise fail(f"{where}{field}".strip(), f"missing or not a string (got {value!r})")
    return value


def _entity_type(raw: Any, where: str, fail: _Fail) -> EntityType:
    if not isinstance(raw, dict):
        raise fail(where.strip(), "must be a table")
    name = _text(raw, "name", where, fail)
    where = f"{where}({name}) "
    if not _LABEL.match(name):
        raise fail(f"{where}name", f"{name!r} must be UPPER_CASE letters, digits and _")
    key = _text(raw, "key", where, fail)
    if len(key) != 1 or not key.isprintable() or key.isspace():
        raise fail(f"{where}key", f"{key!r} must be a single printable character")
    color = _text(raw, "color", where, fail)
    if not _HEX.match(color):
        raise fail(f"{where}color", f"{color!r} must be #rrggbb")
    color16 = _text(raw, "color16", where, fail)
    if color16 not in ANSI16:
        raise fail(f"{where}color16", f"{color16!r} is not one of the 16 ANSI colours ({', '.join(ANSI16)})")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise fail(f"{where}description", "must be a string")
    return EntityType(name, key, color, color16, description)


def _attribute(raw: Any, where: str, fail: _Fail) -> ClaimAttribute:
    if not isinstance(raw, dict):
        raise fail(where, "must be a table")
    name = _text(raw, "name", f"{where} ", fail)
    known = ClaimAttributes.__dataclass_fields__
    if name not in known:
        raise fail(f"{where} ({name})", f"unknown claim attribute; the data model has {', '.join(known)}")
    kind = raw.get("type", ATTRIBUTE_TYPES[name])
    if kind != ATTRIBUTE_TYPES[name]:
        raise fail(f"{where} ({name}) type", f"must be {ATTRIBUTE_TYPES[name]!r}, not {kind!r}")
    choices = raw.get("choices", [])
    if kind == "choice":
        if not isinstance(choices, list) or not choices or not all(isinstance(c, str) for c in choices):
            raise fail(f"{where} ({name}) choices", "a non-empty list of strings is needed")
        unknown = [c for c in choices if c not in STANCES] if name == "stance" else []
        if len(set(choices)) != len(choices):
            raise fail(f"{where} ({name}) choices", "each choice once")
        if unknown:
            raise fail(f"{where} ({name}) choices", f"{', '.join(unknown)} not among {', '.join(STANCES)}")
    return ClaimAttribute(name, kind, tuple(choices), str(raw.get("description", "")))


def _unique(items: Sequence[EntityType | ClaimAttribute], field: str, fail: _Fail) -> None:
    seen: dict[str, str] = {}
    for item in items:
        value = getattr(item, field)
        if value in seen:
            raise fail(f"{item.name} {field}", f"{value!r} is already used by {seen[value]}")
        seen[value] = item.name
