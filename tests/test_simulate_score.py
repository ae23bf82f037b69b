"""The accuracy scorer: full marks for a perfect repair, none for no repair, and it sees wrong changes."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from emendo.layout.assemble import HYPHEN_JOIN
from emendo.model import Block, BlockType, Document, Edit, Mark, Note, Page, TrackedText
from emendo.simulate import DamageConfig, Simulation, simulate
from emendo.simulate.score import harm, score
from emendo.simulate.truth import TruthLine

sys.path.insert(0, str(Path(__file__).parent))
from test_simulate import markup_document

CONFIG = DamageConfig(ligature_documents=1.0, accent_documents=1.0, plain_marker_documents=0.0)


def repaired_line(sim: Simulation, line: TruthLine, extra: list[Edit]) -> TrackedText:
    """One line with every event inside it undone, its markers turned into note references."""
    page = sim.pages[line.page]
    text = TrackedText.verbatim(line.page, line.start, page[line.start : line.end])
    edits = list(extra)
    marks = []
    for event in sim.events:
        for undo in event.edits:
            if undo.page == line.page and line.start <= undo.start and undo.end <= line.end:
                start, end = undo.start - line.start, undo.end - line.start
                kind = HYPHEN_JOIN if event.kind == "hyphen" else event.kind  # as layout names it
                edits.append(Edit(start, end, undo.after, kind, "truth"))
                if event.kind == "marker" and event.note is not None:
                    marks.append(Mark(start, start, "note_ref", event.note))
    edits.sort(key=lambda e: (e.start, e.end, not e.after.isspace()))
    merged: list[Edit] = []
    for e in edits:  # a lost space and lost letters at one point make one insertion
        if merged and merged[-1].start == merged[-1].end == e.start == e.end:
            merged[-1] = Edit(e.start, e.end, merged[-1].after + e.after, e.kind, e.reason)
        else:
            merged.append(e)
    return text.with_marks(marks).edit(merged)


def edition(sim: Simulation, *, repair: bool, extra: list[Edit] | None = None) -> Document:
    """A perfect repair made from the truth (``repair``), or the damaged lines merely joined.

    ``extra`` edits go into the first body line.
    """
    lines: dict[tuple[str, int], list[TruthLine]] = {}
    for line in sim.lines:
        lines.setdefault((line.part, line.passage), []).append(line)
    passages: dict[tuple[str, int], list[TrackedText]] = {}
    for key, passage in lines.items():
        for n, line in enumerate(passage):
            page = sim.pages[line.page]
            if repair:
                edits = (extra or []) if line == sim.lines[0] else []
                text, join = repaired_line(sim, line, edits), line.join
            else:
                text = TrackedText.verbatim(line.page, line.start, page[line.start : line.end])
                join = " " if n + 1 < len(passage) else ""
            glue = TrackedText.replaced(
                line.page, line.end, page[line.end : line.end + 1], join, "line", "join"
            )
            passages.setdefault(key, []).extend([text, glue])
    blocks = [
        Block(BlockType.PARAGRAPH, TrackedText.concat(passages[("body", i)])) for i in range(len(sim.blocks))
    ]
    notes = [Note(n.number, TrackedText.concat(passages[("note", i)])) for i, n in enumerate(sim.notes)]
    return Document([Page(i, text) for i, text in enumerate(sim.pages)], blocks, notes)


@pytest.fixture(scope="module")
def sim() -> Simulation:
    return simulate(markup_document(random.Random(2), paragraphs=25), seed=0, config=CONFIG)


def test_a_perfect_repair_gets_full_marks(sim: Simulation) -> None:
    result = score(sim, edition(sim, repair=True))
    assert result.wer_after == 0.0 and result.wer_before > 0.05
    for category in ("ligature", "hyphen", "compound", "dash", "space", "accent"):
        tally = result.tallies[category]
        assert tally.events > 0, category
        assert tally.recall == 1.0, category
    for category in ("ligature", "hyphen", "space", "accent"):
        assert result.tallies[category].precision == 1.0, category
    assert result.markers.recall == result.markers.precision == 1.0
    assert result.examples == []


def test_no_repair_finds_nothing(sim: Simulation) -> None:
    result = score(sim, edition(sim, repair=False))
    for category in ("ligature", "hyphen", "space", "accent"):
        assert result.tallies[category].found == 0, category
        assert result.tallies[category].claims == 0, category
    assert result.markers.found == 0
    assert result.wer_after == pytest.approx(result.wer_before, abs=0.02)
    assert {e.problem for e in result.examples} == {"missed"}


def test_a_ligature_inserted_where_none_was_lost_is_a_wrong_change(sim: Simulation) -> None:
    first = sim.lines[0]
    word_start = sim.pages[first.page][first.start : first.end].index(" ") + 1
    result = score(sim, edition(sim, repair=True, extra=[Edit(word_start, word_start, "fl", "ligature", "")]))
    tally = result.tallies["ligature"]
    assert tally.claims == tally.right + 1
    assert [e.problem for e in result.examples if e.category == "ligature"] == ["wrong"]
    assert result.wer_after > 0


def test_repairs_of_undamaged_text_are_counted_as_harm() -> None:
    clean = simulate(markup_document(random.Random(3), paragraphs=10), seed=1, config=CONFIG.undamaged())
    assert harm(clean, edition(clean, repair=True)).changes == 0
    untouched = harm(clean, edition(clean, repair=False))  # markers left in the words
    assert untouched.changes == len(clean.events_of("marker")) > 0
    assert untouched.per_10k > 0
