"""The seed pages, laid out and repaired, come out exactly as their gold (word error rate 0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from emendo.model import Document, rebuild_pages
from emendo.pipeline import repair_pages
from emendo.readers import pages_from_texts

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"
PAGES = ["page129", "page135"]

pytestmark = pytest.mark.seeds


def _seed(name: str) -> tuple[str, dict[str, Any], Document]:
    raw_path, gold_path = SEEDS / f"{name}.raw.txt", SEEDS / f"{name}.gold.json"
    if not raw_path.exists() or not gold_path.exists():
        pytest.skip("seed pages not found at ../shared/seeds (they are not part of the repository)")
    raw = raw_path.read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return raw, gold, repair_pages(pages_from_texts([raw]))


@pytest.mark.parametrize("name", PAGES)
def test_block_texts_are_the_gold(name: str) -> None:
    _, gold, document = _seed(name)
    assert [block.text for block in document.blocks] == [block["text"] for block in gold["blocks"]]


@pytest.mark.parametrize("name", PAGES)
def test_note_texts_are_the_gold(name: str) -> None:
    _, gold, document = _seed(name)
    assert [(note.number, note.text) for note in document.notes] == [
        (note["number"], note["text"]) for note in gold["notes"]
    ]


@pytest.mark.parametrize("name", PAGES)
def test_italic_spans_are_the_gold(name: str) -> None:
    _, gold, document = _seed(name)
    found = {
        text.text[mark.start : mark.end] for text in document.texts() for mark in text.marks_of("italic")
    }
    assert found == set(gold["italics"])


@pytest.mark.parametrize("name", PAGES)
def test_every_word_repair_is_recorded_and_the_page_rebuilt(name: str) -> None:
    raw, _, document = _seed(name)
    assert rebuild_pages(document) == [raw]
    kinds = {repair.kind for repair in document.repairs()}
    assert {"ligature", "space"} <= kinds
    for repair in document.repairs():
        assert raw[repair.start : repair.end] == repair.before
        assert repair.reason


def test_the_authors_spelling_stays_on_the_seed() -> None:
    _, _, document = _seed("page129")
    assert "severly" in " ".join(block.text for block in document.blocks).split()
