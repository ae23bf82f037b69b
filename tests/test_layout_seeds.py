"""Layout on the two real seed pages: structure exactly as in the gold files.

The words inside still carry the extraction damage (lost ligatures, glued
italics, displaced macrons) until the word layer repairs them, so texts are
compared on a skeleton that the damage cannot change: letters and digits
only, accents and the letter pairs that ligatures lose dropped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from emendo.layout import CaseHyphenJudge, LayoutConfig, analyse_layout
from emendo.model import Document, Page, rebuild_pages

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"
NAMES = ("page129", "page135")
FURNITURE_OF_THE_PAGE = {"running-head", "page-number"}
_LIGATURE_LETTERS = re.compile(r"ff[il]?|f[il]")

pytestmark = pytest.mark.seeds


def _skeleton(text: str) -> str:
    """Letters and digits, without accents or the letters that lost ligatures drop."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in _LIGATURE_LETTERS.sub("", bare.casefold()) if c.isalnum())


def _load(name: str) -> tuple[str, dict[str, Any]]:
    if not (SEEDS / f"{name}.raw.txt").exists():
        pytest.skip("seed pages not found at ../shared/seeds (they are not part of the repository)")
    raw = (SEEDS / f"{name}.raw.txt").read_text(encoding="utf-8")
    gold: dict[str, Any] = json.loads((SEEDS / f"{name}.gold.json").read_text(encoding="utf-8"))
    return raw, gold


def _analysed(raw: str) -> Document:
    return analyse_layout([Page(0, raw)], LayoutConfig(), CaseHyphenJudge())


@pytest.mark.parametrize("name", NAMES)
def test_page_number_running_head_and_furniture(name: str) -> None:
    raw, gold = _load(name)
    document = _analysed(raw)
    page = document.pages[0]
    assert [{"number": page.number, "running_head": page.running_head}] == gold["pages"]
    boilerplate = [r.text for r in page.removed if r.reason not in FURNITURE_OF_THE_PAGE]
    assert boilerplate == gold["boilerplate"]


@pytest.mark.parametrize("name", NAMES)
def test_blocks_types_boundaries_flags_and_note_refs(name: str) -> None:
    raw, gold = _load(name)
    document = _analysed(raw)
    ours = [
        {
            "type": block.type.value,
            "skeleton": _skeleton(block.text),
            "note_refs": [ref.number for ref in block.note_refs],
            "fragment_start": block.fragment_start,
            "fragment_end": block.fragment_end,
        }
        for block in document.blocks
    ]
    expected = [
        {
            "type": block["type"],
            "skeleton": _skeleton(block["text"]),
            "note_refs": block["note_refs"],
            "fragment_start": block.get("fragment_start", False),
            "fragment_end": block.get("fragment_end", False),
        }
        for block in gold["blocks"]
    ]
    assert ours == expected


@pytest.mark.parametrize("name", NAMES)
def test_headings_take_their_level_from_the_numbering(name: str) -> None:
    raw, gold = _load(name)
    document = _analysed(raw)
    headings = [(block.level, block.text.split()[0]) for block in document.blocks if block.level is not None]
    numbers = [block["text"].split()[0] for block in gold["blocks"] if block["type"] == "heading"]
    assert headings == [(number.count(".") + 1, number) for number in numbers]


@pytest.mark.parametrize("name", NAMES)
def test_notes_numbers_and_boundaries(name: str) -> None:
    raw, gold = _load(name)
    document = _analysed(raw)
    assert [(note.number, _skeleton(note.text)) for note in document.notes] == [
        (note["number"], _skeleton(note["text"])) for note in gold["notes"]
    ]


@pytest.mark.parametrize("name", NAMES)
def test_markers_leave_the_text_and_references_sit_where_they_stood(name: str) -> None:
    raw, _ = _load(name)
    document = _analysed(raw)
    for block in document.blocks:
        assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", block.text)
        for ref in block.note_refs:
            before = block.text[: ref.offset].rstrip()
            assert before[-1:] in {".", "”", ":", ";", ","} or before[-1:].isalpha()


@pytest.mark.parametrize("name", NAMES)
def test_the_original_is_rebuilt_exactly(name: str) -> None:
    raw, _ = _load(name)
    assert rebuild_pages(_analysed(raw)) == [raw]
