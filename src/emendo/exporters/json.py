"""The JSON edition (format ``emendo/1``): the stable contract other tools read.

The shape is documented as a JSON Schema in ``schema/emendo-1.schema.json``.
Every repair carries its span in the page's original text *and* where its
result stands in the edition, so a consumer holding only this JSON can rebuild
the original pages (:func:`rebuild_from_json`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

from emendo.model import Document, Mark, Page, Repair, TrackedText

FORMAT = "emendo/1"


def schema() -> dict[str, Any]:
    """The JSON Schema of the edition format."""
    text = files("emendo.exporters").joinpath("schema/emendo-1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _marks(content: TrackedText, kind: str) -> list[dict[str, int]]:
    return [{"start": m.start, "end": m.end} for m in content.marks if m.kind == kind]


def _page(page: Page) -> dict[str, Any]:
    return {
        "index": page.index,
        "origin": page.origin,
        "number": page.number,
        "label": page.label,
        "running_head": page.running_head,
        "length": len(page.original),
        "removed": [
            {"text": r.text, "reason": r.reason, "start": r.start, "end": r.end, "source": r.source}
            for r in page.removed
        ],
    }


def _note_ref(mark: Mark) -> dict[str, int]:
    assert isinstance(mark.value, int)
    return {"number": mark.value, "offset": mark.start}


def _placed_repairs(document: Document) -> Iterator[dict[str, Any]]:
    """Applied repairs with where their result stands in the edition."""
    targets = [("block", n, b.content) for n, b in enumerate(document.blocks)]
    targets += [("note", n, note.content) for n, note in enumerate(document.notes)]
    for part, index, content in targets:
        offset = 0
        for piece in content.pieces:
            if piece.repair is not None:
                yield _repair(piece.repair) | {"target": {"part": part, "index": index, "offset": offset}}
            offset += len(piece.text)


def _repair(repair: Repair) -> dict[str, Any]:
    return {
        "kind": repair.kind,
        "page": repair.page,
        "start": repair.start,
        "end": repair.end,
        "before": repair.before,
        "after": repair.after,
        "reason": repair.reason,
        "confidence": round(repair.confidence, 4),
        "applied": repair.applied,
    }


def document_to_dict(document: Document, apparatus: dict[str, Any] | None = None) -> dict[str, Any]:
    """The edition as plain data in the ``emendo/1`` format."""
    repairs = sorted(_placed_repairs(document), key=lambda r: (r["page"], r["start"], r["end"]))
    edition: dict[str, Any] = {
        "format": FORMAT,
        "pages": [_page(page) for page in document.pages],
        "blocks": [
            {
                "type": block.type.value,
                "text": block.text,
                "level": block.level,
                "pages": list(block.pages),
                "note_refs": [_note_ref(m) for m in block.content.marks if m.kind == "note_ref"],
                "italics": _marks(block.content, "italic"),
                "fragment_start": block.fragment_start,
                "fragment_end": block.fragment_end,
            }
            for block in document.blocks
        ],
        "notes": [
            {
                "number": note.number,
                "text": note.text,
                "pages": list(note.pages),
                "italics": _marks(note.content, "italic"),
            }
            for note in document.notes
        ],
        "repairs": repairs + [_repair(r) for r in document.held_back],
    }
    if apparatus is not None:
        edition["apparatus"] = apparatus
    return edition


def document_to_json(
    document: Document, apparatus: dict[str, Any] | None = None, indent: int | None = 1
) -> str:
    """The edition as JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(document_to_dict(document, apparatus), ensure_ascii=False, indent=indent)


def rebuild_from_json(edition: dict[str, Any]) -> list[str]:
    """The original text of every page, from the JSON edition alone.

    Text between two repairs of one block or note is original text copied
    verbatim, so each gap in the page between recorded spans is filled from
    the edition text that stands between the corresponding repairs.
    """
    texts = {("block", n): b["text"] for n, b in enumerate(edition["blocks"])}
    texts |= {("note", n): note["text"] for n, note in enumerate(edition["notes"])}
    pages: dict[int, list[tuple[int, int, str]]] = {p["index"]: [] for p in edition["pages"]}
    for page in edition["pages"]:
        for removed in page["removed"]:
            pages[page["index"]].append((removed["start"], removed["end"], removed["source"]))
    applied = [r for r in edition["repairs"] if r["applied"]]
    for key, text in texts.items():
        own = sorted(
            (r for r in applied if (r["target"]["part"], r["target"]["index"]) == key),
            key=lambda r: r["target"]["offset"],
        )
        _fill_verbatim(pages, text, own)
    rebuilt = []
    for page in edition["pages"]:
        spans = sorted(pages[page["index"]], key=lambda s: (s[0], s[1]))
        rebuilt.append("".join(source for _, _, source in spans))
    return rebuilt


def _fill_verbatim(
    pages: dict[int, list[tuple[int, int, str]]], text: str, repairs: list[dict[str, Any]]
) -> None:
    """Add a text's repairs and the verbatim runs between them to ``pages``.

    A text with no repairs at all cannot be placed, which layout never
    produces (every block owns at least the line break after it).
    """
    for n, repair in enumerate(repairs):
        pages[repair["page"]].append((repair["start"], repair["end"], repair["before"]))
        if n + 1 == len(repairs):
            break
        following = repairs[n + 1]
        start = repair["target"]["offset"] + len(repair["after"])
        run = text[start : following["target"]["offset"]]
        if run:
            # layout ends every page of a text with a repair (the line break), so a
            # run between repairs on two pages stands at the top of the later one
            pages[following["page"]].append((following["start"] - len(run), following["start"], run))
    if repairs:
        first, last = repairs[0], repairs[-1]
        head = text[: first["target"]["offset"]]
        if head:
            pages[first["page"]].append((first["start"] - len(head), first["start"], head))
        tail = text[last["target"]["offset"] + len(last["after"]) :]
        if tail:
            pages[last["page"]].append((last["end"], last["end"] + len(tail), tail))
