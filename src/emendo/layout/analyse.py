"""The layout pass: from page text to blocks, notes and removed furniture.

One pass reads every page's lines and counts what repeats at the tops and
feet of pages.  A second goes through the pages in order and takes each
apart into furniture, notes and body (a page's notes are judged against the
previous page's).  Then the document's line measures are known and each
body is cut into blocks; a last pass joins what runs across page breaks and
builds the edition text.  Each pass is linear in the length of the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from emendo.layout.assemble import flow_text, removed_line
from emendo.layout.blocks import BlockDraft, BodyShape, section_heading, segment_body
from emendo.layout.config import LayoutConfig
from emendo.layout.furniture import (
    Furniture,
    find_furniture,
    learn_repeats,
    page_number_candidates,
    sequence_numbers,
)
from emendo.layout.joins import HyphenJudge
from emendo.layout.lines import TextLine, closes_sentence, fit_limit, measure, read_lines, spaced_gap
from emendo.layout.notes import (
    Marker,
    NoteDraft,
    PageNotes,
    continuation_start,
    endnote_markers,
    find_notes,
    link_markers,
    marker_candidates,
)
from emendo.model import Block, BlockType, Document, Note, Page, RemovedLine

BLANK_PAGE = "blank-page"


@dataclass(slots=True)
class PageLayout:
    """What layout found on one page, before pages are joined.

    ``plain`` holds the body lines' texts without their note markers: what
    the shape tests read.
    """

    lines: list[TextLine]
    furniture: Furniture
    notes: PageNotes
    body: list[TextLine]
    plain: list[str]
    spaced: int
    markers: dict[int, list[Marker]]
    blocks: list[BlockDraft] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _LastNote:
    """The last note of the page before: its number and how its last line ends."""

    number: int
    last_line: str


def analyse_layout(
    pages: list[Page],
    config: LayoutConfig,
    judge: HyphenJudge,
    printed_length: Callable[[str], int] = len,
) -> Document:
    """Lay out pages whose ``original`` is set: fill in what each page holds, build the edition.

    Fills every page's ``lines``, ``number``, ``running_head`` and ``removed``
    and returns a document whose blocks and notes are built from the
    originals, so that :func:`~emendo.model.rebuild_pages` gives them back.
    ``judge`` decides the hyphens at line ends.  ``printed_length`` says how
    long a body line was as printed: where the extractor dropped letters (a
    lost ligature), the words layer counts them back in, so that a damaged
    line that ends a sentence is not read as the short last line of a
    paragraph, nor a full one as having room left.
    """
    read = [read_lines(page) for page in pages]
    for page, (model_lines, _) in zip(pages, read, strict=True):
        page.lines = model_lines
    page_lines = [lines for _, lines in read]
    lengths = [len(line.text) for lines in page_lines for line in lines]
    # too few lines for a median: the longest line stands for a full one
    line_measure = (
        measure(lengths) if len(lengths) >= config.min_lines_to_measure else max(lengths, default=0)
    )
    repeats = learn_repeats(page_lines, config)
    furnitures = _furniture(page_lines, repeats, line_measure, config)
    layouts: list[PageLayout] = []
    last_note: _LastNote | None = None
    for page, lines, furniture in zip(pages, page_lines, furnitures, strict=True):
        layout = _find_parts(page, lines, furniture, line_measure, last_note, config)
        layouts.append(layout)
        found = layout.notes
        if found.notes:
            last_note = _LastNote(found.notes[-1].number, found.notes[-1].lines[-1].text)
        elif found.continuation and last_note is not None:
            last_note = _LastNote(last_note.number, found.continuation[-1].text)
        else:
            last_note = None
    body_measure = measure(printed_length(text) for layout in layouts for text in layout.plain)
    fit = fit_limit(
        (pair for layout in layouts for pair in pairwise(line.text for line in layout.body)),
        config.fit_quantile,
        config.fit_min_lines,
        config.short_line_ratio * body_measure,
        printed_length,
    )
    for layout in layouts:
        own = [printed_length(text) for text in layout.plain]
        page_measure = measure(own) if len(own) >= config.min_lines_to_measure else body_measure
        shape = BodyShape(
            layout.spaced, page_measure, fit, page_measure >= config.paragraph_line_min_length, printed_length
        )
        layout.blocks = segment_body(layout.body, layout.plain, shape, config)
        layout.blocks += [section_heading(lines, config) for lines in layout.notes.section_heads]
    return _assemble(pages, layouts, judge)


def _furniture(
    page_lines: Sequence[list[TextLine]], repeats: frozenset[str], line_measure: float, config: LayoutConfig
) -> list[Furniture]:
    """Every page's furniture; a page whose neighbours vouch for another of its numbers is read again."""
    found = [find_furniture(lines, repeats, line_measure, config) for lines in page_lines]
    if len(page_lines) < 2:
        return found
    candidates = [page_number_candidates(lines, repeats, line_measure, config) for lines in page_lines]
    for index, number in enumerate(sequence_numbers(candidates)):
        if number is not None and number != found[index].number:
            found[index] = find_furniture(page_lines[index], repeats, line_measure, config, number)
    return found


def _find_parts(
    page: Page,
    lines: list[TextLine],
    furniture: Furniture,
    line_measure: float,
    previous_note: _LastNote | None,
    config: LayoutConfig,
) -> PageLayout:
    """Notes and body of one page around its furniture (the body not yet cut into blocks)."""

    def measure_of(lengths: Sequence[int]) -> float:
        return (
            measure(lengths)
            if len(lengths) >= config.min_lines_to_measure
            else line_measure or measure(lengths)
        )

    page.number, page.running_head = furniture.number, furniture.running_head
    page.label = page.label or furniture.label  # a PDF's own label first
    content = [line for line in lines if line.number not in furniture.reasons]
    spaced = spaced_gap(
        content, config.spaced_min_gaps, config.spaced_min_share, config.spaced_mid_sentence_share
    )
    candidates = marker_candidates(page.original, content)
    expected = previous_note.number + 1 if previous_note else None
    notes = find_notes(content, candidates, expected, config.note_number_digits, config.note_number_skip)
    if previous_note is not None:
        above = measure_of([len(line.text) for line in content[: notes.body_end]])
        start = continuation_start(
            content,
            notes.body_end,
            spaced > 0,
            config.note_line_ratio * above,
            note_open=not closes_sentence(previous_note.last_line),
        )
        notes.continuation = content[start : notes.body_end]
        notes.body_end = start
    body = content[: notes.body_end]
    numbers = {note.number for note in notes.notes}
    if not notes.notes and not notes.continuation:
        # The notes stand elsewhere, if anywhere (endnotes): the markers vouch for each other.
        candidates = endnote_markers(page.original, candidates[: len(body)])
        numbers = {marker.number for markers in candidates for marker in markers}
    markers = link_markers(body, candidates, numbers)
    plain = [_without_markers(line, markers.get(line.number, ())) for line in body]
    return PageLayout(lines, furniture, notes, body, plain, spaced, markers)


def _without_markers(line: TextLine, markers: Sequence[Marker]) -> str:
    """A line's text with its confirmed note markers taken out and runs of spaces made one.

    Justified lines from column-preserving extractors (``pdftotext -layout``)
    pad words with spaces; measured with them, every line looks long.
    """
    text = line.text
    for marker in reversed(markers):
        text = text[: marker.start - line.start] + text[marker.end - line.start :]
    if "  " in text or "\t" in text:
        text = " ".join(text.split())
    return text


def _runs_on(before: BlockDraft, after: BlockDraft) -> bool:
    """Whether the first block of a page carries on the last block of the page before."""
    same_kind = before.type is after.type and before.type is not BlockType.HEADING
    return same_kind and (after.opens_mid_sentence or not before.ends_before(after))


def _assemble(pages: Sequence[Page], layouts: Sequence[PageLayout], judge: HyphenJudge) -> Document:
    originals = {page.index: page.original for page in pages}
    markers: dict[tuple[int, int], list[Marker]] = {}
    drafts: list[BlockDraft] = []
    note_drafts: list[NoteDraft] = []
    for page, layout in zip(pages, layouts, strict=True):
        page.removed = _removed(page, layout)
        markers.update(((page.index, number), found) for number, found in layout.markers.items())
        blocks = layout.blocks
        if drafts and blocks and _runs_on(drafts[-1], blocks[0]):
            drafts[-1].lines.extend(blocks[0].lines)
            drafts[-1].closes_paragraph = blocks[0].closes_paragraph
            drafts[-1].room = blocks[0].room
            blocks = blocks[1:]
        drafts.extend(blocks)
        if layout.notes.continuation and note_drafts:
            note_drafts[-1].lines.extend(layout.notes.continuation)
        note_drafts.extend(layout.notes.notes)
    blocks_out = [
        Block(
            draft.type,
            flow_text(draft.lines, originals, markers, judge, draft.type.value),
            draft.level,
            lines=tuple((line.page, line.number) for line in draft.lines),
        )
        for draft in drafts
    ]
    if drafts and drafts[0].type is not BlockType.HEADING:
        blocks_out[0].fragment_start = drafts[0].opens_mid_sentence
    if drafts and drafts[-1].type is not BlockType.HEADING:
        blocks_out[-1].fragment_end = not drafts[-1].closes_paragraph
    notes_out = [
        Note(
            draft.number,
            flow_text(draft.lines, originals, {}, judge, "note", (draft.number, draft.text_start)),
            tuple((line.page, line.number) for line in draft.lines),
        )
        for draft in note_drafts
    ]
    return Document(list(pages), blocks_out, notes_out)


def _removed(page: Page, layout: PageLayout) -> list[RemovedLine]:
    """The page's furniture as removed lines (a page of blank space is one)."""
    if not layout.lines:
        return [RemovedLine(page.index, 0, page.original, "", BLANK_PAGE)] if page.original else []
    reasons = layout.furniture.reasons
    return [
        removed_line(page.original, line, reasons[line.number])
        for line in layout.lines
        if line.number in reasons
    ]
