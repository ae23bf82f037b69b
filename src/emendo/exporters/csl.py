"""The bibliography as CSL-JSON: one item per work, ready for Zotero or any CSL processor.

Items are made to validate against the CSL-JSON schema shipped in
``schema/csl-data.json`` (CSL 1.0.1, see ``schema/THIRD-PARTY-SCHEMAS.md``):
the schema itself decides which fields an item may carry and their shapes.  A
field the schema lacks is not dropped but written into ``note`` as a
``name: value`` line, which Zotero reads back into its own fields; the places
that cite the work follow in the same ``note``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emendo.apparatus import Apparatus, Work

#: CSL 1.0.2 types the 1.0.1 schema lacks, and the nearest 1.0.1 type.
_OLDER_TYPES = {
    "document": "manuscript",
    "collection": "manuscript",
    "classic": "book",
    "periodical": "article-journal",
    "event": "speech",
    "hearing": "speech",
    "performance": "speech",
    "regulation": "legislation",
    "software": "article",
    "standard": "report",
}


def schema() -> dict[str, Any]:
    """The CSL-JSON schema (JSON Schema draft 3) the output is made to satisfy."""
    text = files("emendo.exporters").joinpath("schema/csl-data.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _fields() -> tuple[dict[str, Any], frozenset[str]]:
    """The schema's item properties and its item types."""
    item_schema = schema()["items"]
    properties: dict[str, Any] = item_schema["properties"]
    return properties, frozenset(properties["type"]["enum"])


def _kind(spec: dict[str, Any]) -> str:
    """``names``, ``date``, ``number`` (string or number) or ``string`` for a schema property."""
    if spec.get("type") == "array":
        return "names"
    if spec.get("$ref") == "date-variable" or spec.get("id") == "date-variable":
        return "date"
    return "number" if isinstance(spec.get("type"), list) else "string"


_NAME_KEYS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")


def _names(value: Any) -> list[dict[str, str]] | None:
    if not isinstance(value, list):
        return None
    names = []
    for name in value:
        if isinstance(name, dict):
            kept = {k: str(name[k]) for k in _NAME_KEYS if name.get(k) not in (None, "")}
            if kept:
                names.append(kept)
        elif isinstance(name, str) and name.strip():
            names.append({"literal": name.strip()})
    return names or None


def _date(value: Any) -> dict[str, Any] | None:
    """A CSL date object: date-parts of numbers, else the text as ``raw``."""
    if isinstance(value, str | int):
        return {"raw": str(value)}
    if not isinstance(value, dict):
        return None
    date: dict[str, Any] = {}
    parts = value.get("date-parts")
    if isinstance(parts, list):
        ranges = []
        for part in parts[:2]:
            if isinstance(part, list):
                numbers = [x for x in part[:3] if isinstance(x, int | str) and not isinstance(x, bool)]
                if numbers:
                    ranges.append(numbers)
        if ranges:
            date["date-parts"] = ranges
    for key in ("season", "circa", "literal", "raw"):
        if isinstance(value.get(key), str | int):
            date[key] = value[key]
    return date or None


def _value(kind: str, value: Any) -> Any:
    if kind == "names":
        return _names(value)
    if kind == "date":
        return _date(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if kind == "number":
        return value if isinstance(value, int) else str(value)
    return str(value)


def _type(item: dict[str, Any], types: frozenset[str]) -> str:
    kind = str(item.get("type") or "")
    kind = _OLDER_TYPES.get(kind, kind)
    if kind in types:
        return kind
    return "manuscript" if item.get("archive") or item.get("archive_location") else "article"


def _places(work: Work) -> str:
    """``Cited: p. 129, n. 4, 116; …`` for the note field."""
    places = [
        f"p. {p.page_label or p.page + 1}, n. {p.note}" + (f", {p.locator}" if p.locator else "")
        for p in work.places
    ]
    return "Cited: " + "; ".join(places) if places else ""


def work_to_csl(work: Work) -> dict[str, Any]:
    """One work as a schema-valid CSL item (``id`` is the work's citation key)."""
    properties, types = _fields()
    item: dict[str, Any] = {"id": work.id, "type": _type(work.item, types)}
    extra: list[str] = []
    for key, value in work.item.items():
        if key in ("id", "type", "note"):
            continue
        spec = properties.get(key)
        converted = _value(_kind(spec), value) if spec is not None else None
        if converted not in (None, ""):
            item[key] = converted
        elif spec is None and isinstance(value, str | int) and str(value).strip():
            extra.append(f"{key}: {value}")
    note = [str(work.item["note"])] if isinstance(work.item.get("note"), str) else []
    note += extra
    if not work.complete:
        note.append("Known only from a short form: its full reference is not in the pages given.")
    note.append(_places(work))
    text = "\n".join(n for n in note if n)
    if text:
        item["note"] = text
    return item


def apparatus_to_csl(apparatus: Apparatus) -> list[dict[str, Any]]:
    """Every work of the apparatus as a CSL item, in order of first citation."""
    return [work_to_csl(w) for w in apparatus.works]


def to_csl_json(apparatus: Apparatus) -> str:
    """CSL-JSON text (an array of items), UTF-8 characters kept."""
    return json.dumps(apparatus_to_csl(apparatus), ensure_ascii=False, indent=2) + "\n"
