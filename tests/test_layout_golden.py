"""Layout of whole pages of our own fixtures, against reviewed golden files.

Each ``tests/fixtures/layout/NAME.txt`` (pages separated by form feeds) has a
``NAME.golden.json`` holding the structure layout must find: page numbers,
running heads and removed lines, blocks with their types, pages, flags, note
references and text, notes, and every repair other than plain line joins.
After a deliberate change, rewrite them with ``EMENDO_UPDATE_GOLDEN=1`` and
review the diff line by line.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from emendo.layout import CaseHyphenJudge, LayoutConfig, analyse_layout
from emendo.model import Document, rebuild_pages
from emendo.readers import pages_from_texts
from emendo.readers.text import split_pages

FIXTURES = Path(__file__).parent / "fixtures" / "layout"
CASES = sorted(path.stem for path in FIXTURES.glob("*.txt"))
#: Repairs too many and too plain to list one by one; the golden file counts them.
COUNTED_ONLY = {"line-join", "layout"}


def _summary(document: Document) -> dict[str, Any]:
    repairs = document.repairs()
    return {
        "pages": [
            {
                "number": page.number,
                "running_head": page.running_head,
                "removed": [f"{line.reason}: {line.text}" for line in page.removed],
            }
            for page in document.pages
        ],
        "blocks": [
            {
                "type": block.type.value,
                "level": block.level,
                "pages": list(block.pages),
                "fragment_start": block.fragment_start,
                "fragment_end": block.fragment_end,
                "note_refs": [f"{ref.number} at {ref.offset}" for ref in block.note_refs],
                "text": block.text,
            }
            for block in document.blocks
        ],
        "notes": [
            {"number": note.number, "pages": list(note.pages), "text": note.text} for note in document.notes
        ],
        "repair_counts": dict(sorted(Counter(repair.kind for repair in repairs).items())),
        "repairs": [
            f"page {repair.page} {repair.kind}: {repair.before!r} -> {repair.after!r}"
            for repair in repairs
            if repair.kind not in COUNTED_ONLY
        ],
    }


@pytest.mark.parametrize("name", CASES)
def test_whole_pages_match_their_golden_file(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_bytes().decode("utf-8")
    pages = pages_from_texts(split_pages(text))
    document = analyse_layout(pages, LayoutConfig(), CaseHyphenJudge())
    assert rebuild_pages(document) == split_pages(text)
    summary = _summary(document)
    golden = FIXTURES / f"{name}.golden.json"
    if os.environ.get("EMENDO_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert summary == json.loads(golden.read_text(encoding="utf-8"))


def test_every_fixture_has_a_golden_file() -> None:
    assert CASES
    assert sorted(path.name.removesuffix(".golden.json") for path in FIXTURES.glob("*.golden.json")) == CASES
