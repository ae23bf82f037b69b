"""Set clean text as damaged PDF pages, and keep the truth of what was done.

The order is the order of a real book and its extraction: words are set in
lines of a fixed width (breaking words at pyphen's hyphenation points, after
a compound's hyphen or after an em dash), lines fill pages whose footnotes
stand at their foot, pages get running heads and the download site's
watermarks; then extraction damages what it reads, line by line: ligature
letters vanish, spaces next to an italic span or after a superscript marker
vanish, accents drift.  Every choice comes from one ``random.Random(seed)``,
so a seed always gives the same pages.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from emendo.simulate.config import DamageConfig
from emendo.simulate.damage import (
    BreakKind,
    GapSides,
    accent_shapes,
    break_points,
    displace_accents,
    drop_ligatures,
    ligature_codes,
    marker_text,
)
from emendo.simulate.source import CleanDocument, Passage, Token
from emendo.simulate.truth import (
    DamageEvent,
    PageEdit,
    Part,
    Simulation,
    Span,
    TruthBlock,
    TruthLine,
    TruthNote,
    TruthPage,
)


@dataclass(frozen=True)
class _Style:
    """What is decided once for a whole document: its font, measure and numbering."""

    width: int
    page_lines: int
    lost_ligatures: bool
    spaced_ligatures: bool
    ligature_codes: dict[str, str]
    ligature_gaps: GapSides
    tight_spaces: bool
    stray_spaces: bool
    plain_markers: bool
    displaced_accents: bool
    first_number: int
    separator: str

    @classmethod
    def draw(cls, rng: random.Random, config: DamageConfig) -> _Style:
        width = rng.randint(*config.line_width)
        page_lines = rng.randint(*config.lines_per_page)
        lost_ligatures = rng.random() < config.ligature_documents
        spaced_ligatures = rng.random() < config.ligature_space_documents
        # drawn only when asked for, so that the documents of the seeds' damage stay the same
        codes = (
            ligature_codes(rng)
            if config.ligature_code_documents
            and not spaced_ligatures
            and rng.random() < config.ligature_code_documents
            else {}
        )
        gaps: GapSides = "none"
        asked = config.ligature_gap_documents and not (spaced_ligatures or codes)
        if asked and rng.random() < config.ligature_gap_documents:
            gaps = "after" if rng.random() < 0.5 else "both"
        return cls(
            width=width,
            page_lines=page_lines,
            lost_ligatures=lost_ligatures,
            spaced_ligatures=spaced_ligatures,
            ligature_codes=codes,
            ligature_gaps=gaps,
            tight_spaces=bool(config.tight_space_documents) and rng.random() < config.tight_space_documents,
            stray_spaces=bool(config.stray_space_documents) and rng.random() < config.stray_space_documents,
            plain_markers=rng.random() < config.plain_marker_documents,
            displaced_accents=rng.random() < config.accent_documents,
            first_number=rng.randint(1, 400),
            separator=rng.choice(config.separators),
        )

    def markers(self, token: Token) -> str:
        if not token.notes:
            return ""
        return "".join(marker_text(n, plain=self.plain_markers) for n in token.notes)


@dataclass(frozen=True, slots=True)
class _Slice:
    """Characters ``start:end`` of token ``token`` set on one line; ``broken``
    says how the line ends inside the token when this is its head."""

    token: int
    start: int
    end: int
    broken: BreakKind | None = None


@dataclass(frozen=True, slots=True)
class _Shown:
    """A slice as extraction shows it, and the damage done to it.

    ``ligatures`` are ``(offset in text, letters lost, width shown)``; ``accents_of`` is
    the clean slice when its accents were displaced; ``markers`` the footnote
    markers that end ``text``; ``stray_space`` where a space was put inside it.
    """

    slice: _Slice
    text: str
    ligatures: tuple[tuple[int, str, int], ...] = ()
    accents_of: str | None = None
    markers: str = ""
    stray_space: int | None = None


@dataclass(frozen=True)
class _Line:
    """One body or note line: its text, its pieces, and the spaces it lost.

    ``offsets`` are where each shown slice starts in ``text``; ``lost``
    holds ``(index in shown of the word before, kind)``; ``notes`` are the
    notes whose markers it carries; ``prefix`` is a note's number.
    """

    part: Part
    passage: int
    shown: tuple[_Shown, ...]
    offsets: tuple[int, ...]
    lost: tuple[tuple[int, str], ...]
    notes: tuple[int, ...]
    join: str
    prefix: str
    text: str


@dataclass
class _PageDraft:
    body: list[_Line] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    used: int = 0


def simulate(document: CleanDocument, seed: int, config: DamageConfig | None = None) -> Simulation:
    """Damaged pages of ``document`` and their truth; the same seed gives the same pages.

    >>> from emendo.simulate.source import parse_markup
    >>> doc = CleanDocument((parse_markup("A difficult affair, in _Pravda_ of course."),))
    >>> config = DamageConfig(ligature_documents=1.0, italic_glue=1.0, watermark_pages=0.0)
    >>> sim = simulate(doc, seed=1, config=config)
    >>> sim.pages[0].splitlines()[-1]
    'A dicult aair, inPravdaof course.'
    >>> [e.kind for e in sim.events]
    ['ligature', 'ligature', 'italic_space', 'italic_space']
    """
    config = config or DamageConfig()
    rng = random.Random(seed)
    style = _Style.draw(rng, config)
    note_order = list(dict.fromkeys(n for p in document.paragraphs for t in p.tokens for n in t.notes))
    body = [
        line
        for index, paragraph in enumerate(document.paragraphs)
        for line in _set_passage(paragraph, "body", index, "", style, rng, config)
    ]
    notes = {
        number: _set_passage(document.notes[number], "note", index, f"{number} ", style, rng, config)
        for index, number in enumerate(note_order)
    }
    drafts = _paginate(body, notes, style.page_lines)
    return _compose(document, drafts, notes, note_order, style, rng, config)


def _set_passage(
    passage: Passage,
    part: Part,
    index: int,
    prefix: str,
    style: _Style,
    rng: random.Random,
    config: DamageConfig,
) -> list[_Line]:
    """The lines of one paragraph or note, damaged as extraction reads them."""
    sliced = _break_lines(passage.tokens, style, len(prefix), rng, config)
    lines: list[_Line] = []
    for number, slices in enumerate(sliced):
        shown = [_show_slice(piece, passage.tokens[piece.token], style, rng, config) for piece in slices]
        lost = tuple(_lost_spaces(shown, passage.tokens, style, rng, config))
        notes = tuple(
            n
            for s in slices
            if s.end == len(passage.tokens[s.token].text)
            for n in passage.tokens[s.token].notes
        )
        last = number == len(sliced) - 1
        join = "" if last or slices[-1].broken else " "
        text, offsets = _line_text(shown, lost)
        lines.append(
            _Line(part, index, tuple(shown), offsets, lost, notes, join, prefix if number == 0 else "", text)
        )
    return lines


def _break_lines(
    tokens: Sequence[Token], style: _Style, indent: int, rng: random.Random, config: DamageConfig
) -> list[list[_Slice]]:
    """Greedy line filling at the document's width, breaking a word when part of it fits."""
    lines: list[list[_Slice]] = [[]]
    used = indent
    for index, token in enumerate(tokens):
        size = len(token.text) + len(style.markers(token))
        gap = 1 if lines[-1] else 0
        if used + gap + size <= style.width or not lines[-1]:
            lines[-1].append(_Slice(index, 0, len(token.text)))
            used += gap + size
            continue
        cut = _fitting_break(token.text, style.width - used - gap, rng, config)
        if cut is None:
            lines.append([_Slice(index, 0, len(token.text))])
            used = size
            continue
        at, kind = cut
        lines[-1].append(_Slice(index, 0, at, kind))
        lines.append([_Slice(index, at, len(token.text))])
        used = size - at
    return lines


def _fitting_break(
    word: str, room: int, rng: random.Random, config: DamageConfig
) -> tuple[int, BreakKind] | None:
    """The last break point of ``word`` whose head (with any added hyphen) fits in ``room``."""
    hyphenate = rng.random() < config.hyphenation
    points = break_points(word, hyphenate=hyphenate, at_hyphens=config.break_at_hyphens)
    fitting = [(at, kind) for at, kind in points if at + (kind == "hyphen") <= room]
    return fitting[-1] if fitting else None


def _line_text(shown: Sequence[_Shown], lost: Sequence[tuple[int, str]]) -> tuple[str, tuple[int, ...]]:
    """The line's text, without its lost spaces, and where each slice starts in it."""
    glued = {index for index, _ in lost}
    pieces: list[str] = []
    offsets: list[int] = []
    at = 0
    for index, item in enumerate(shown):
        offsets.append(at)
        gap = "" if index in glued or index == len(shown) - 1 else " "
        pieces.append(item.text + gap)
        at += len(item.text) + len(gap)
    return "".join(pieces), tuple(offsets)


def _show_slice(
    piece: _Slice, token: Token, style: _Style, rng: random.Random, config: DamageConfig
) -> _Shown:
    """One slice with the word damage of the document's font.

    Accents move, and stray spaces go in, only in whole words without
    ligature loss or markers, so that each event's undoing edit stands alone.
    """
    clean = token.text[piece.start : piece.end]
    text, ligatures = (
        drop_ligatures(
            clean, spaced=style.spaced_ligatures, codes=style.ligature_codes, gaps=style.ligature_gaps
        )
        if style.lost_ligatures
        else (clean, ())
    )
    whole = piece.start == 0 and piece.end == len(token.text)
    accents_of = None
    if whole and style.displaced_accents and not ligatures and not token.notes:
        shapes = accent_shapes(clean, config.accent_marks)
        if shapes:
            text = displace_accents(clean, config.accent_marks, rng.choice(shapes))
            accents_of = clean
    stray_space = None
    plain_word = whole and not ligatures and accents_of is None and not token.notes
    long_word = plain_word and clean.isalpha() and len(clean) >= _STRAY_SPACE_LENGTH
    if style.stray_spaces and long_word and rng.random() < config.stray_space_rate:
        stray_space = rng.randint(2, len(clean) - 2)
        text = clean[:stray_space] + " " + clean[stray_space:]
    if piece.broken == "hyphen":
        text += "-"
    markers = style.markers(token) if piece.end == len(token.text) else ""
    return _Shown(piece, text + markers, ligatures, accents_of, markers, stray_space)


#: The shortest word an extractor is made to split with a stray space.
_STRAY_SPACE_LENGTH = 6


def _lost_spaces(
    shown: Sequence[_Shown], tokens: Sequence[Token], style: _Style, rng: random.Random, config: DamageConfig
) -> Iterator[tuple[int, str]]:
    """The spaces of a line that extraction loses: after a superscript marker, at an italic boundary,
    or anywhere in a tightly set document."""
    for index, (left, right) in enumerate(pairwise(shown)):
        before, after = tokens[left.slice.token], tokens[right.slice.token]
        if before.notes and not style.plain_markers:
            if rng.random() < config.marker_space_loss:
                yield index, "marker_space"
        elif before.italic_end != after.italic_start and rng.random() < config.italic_glue:
            yield index, "italic_space"
        elif style.tight_spaces and _may_lose_space(left) and rng.random() < config.tight_space_loss:
            yield index, "tight_space"


def _may_lose_space(left: _Shown) -> bool:
    """Whether a tight setting may lose the space after ``left``: not after a marker (a plain
    number glued to the next word would be no marker), nor right after a lost ligature
    (``o|ff``), whose letters and the space would go back in the same place."""
    ends_in_loss = any(at + width == len(left.text) for at, _, width in left.ligatures)
    return not (left.markers or ends_in_loss)


def _paginate(body: Sequence[_Line], notes: dict[int, list[_Line]], page_lines: int) -> list[_PageDraft]:
    """Fill pages with body lines; a line's notes go to the foot of its page and take room there."""
    pages = [_PageDraft()]
    for line in body:
        need = 1 + sum(len(notes[n]) for n in line.notes)
        page = pages[-1]
        if page.body and page.used + need > page_lines:
            page = _PageDraft()
            pages.append(page)
        page.body.append(line)
        page.notes.extend(line.notes)
        page.used += need
    return pages


@dataclass
class _Placed:
    """A line set on a page: where its text begins there."""

    line: _Line
    page: int
    start: int


def _compose(
    document: CleanDocument,
    drafts: Sequence[_PageDraft],
    notes: dict[int, list[_Line]],
    note_order: Sequence[int],
    style: _Style,
    rng: random.Random,
    config: DamageConfig,
) -> Simulation:
    """Page texts with furniture and style, then the truth read off the placed lines."""
    pages: list[str] = []
    furniture: list[TruthPage] = []
    placed: list[_Placed] = []
    for index, draft in enumerate(drafts):
        page_truth, top, bottom = _furniture(document, style.first_number + index, style, rng, config)
        blank = rng.random() < config.blank_line_pages
        lines = [*draft.body, *(line for n in draft.notes for line in notes[n])]
        text, starts = _page_text(top, lines, bottom, blank)
        pages.append(text)
        furniture.append(page_truth)
        placed.extend(_Placed(line, index, start) for line, start in zip(lines, starts, strict=True))
    note_page = {p.line.passage: p.page for p in placed if p.line.part == "note"}
    block_pages: dict[int, dict[int, None]] = {}
    for p in placed:
        if p.line.part == "body":
            block_pages.setdefault(p.line.passage, {})[p.page] = None
    blocks = tuple(
        TruthBlock(
            paragraph.text,
            tuple(n for t in paragraph.tokens for n in t.notes),
            paragraph.italics,
            tuple(block_pages[i]),
        )
        for i, paragraph in enumerate(document.paragraphs)
    )
    truth_notes = tuple(
        TruthNote(number, document.notes[number].text, document.notes[number].italics, note_page[i])
        for i, number in enumerate(note_order)
    )
    truth_lines = tuple(
        TruthLine(p.page, p.start, p.start + len(p.line.text), p.line.part, p.line.passage, p.line.join)
        for p in placed
    )
    passages: dict[tuple[Part, int], Passage] = {("body", i): p for i, p in enumerate(document.paragraphs)}
    passages.update({("note", i): document.notes[n] for i, n in enumerate(note_order)})
    events = tuple(sorted(_events(placed, passages), key=lambda e: (e.spans[0].page, e.spans[0].start)))
    return Simulation(tuple(pages), tuple(furniture), blocks, truth_notes, truth_lines, events)


def _furniture(
    document: CleanDocument, number: int, style: _Style, rng: random.Random, config: DamageConfig
) -> tuple[TruthPage, list[str], list[str]]:
    """A page's running head or bare number, and its watermarks: truth, lines above, lines below.

    Left (even) pages put the number first, right pages last.
    """
    top: list[str] = []
    bottom: list[str] = []
    boilerplate: tuple[str, ...] = ()
    if rng.random() < config.watermark_pages:
        boilerplate = (document.title, rng.choice(config.watermark_top), rng.choice(config.watermark_bottom))
        top.extend(boilerplate[:2])
        bottom.append(boilerplate[2])
    head: str | None
    if rng.random() < config.bare_number_pages:
        head = None
        bottom.insert(0, str(number))
    elif number % 2 == 0:
        head = document.title
        top.append(f"{number} {style.separator} {head}")
    else:
        head = document.heading
        top.append(f"{head} {style.separator} {number}")
    return TruthPage(number, head, boilerplate), top, bottom


def _page_text(
    top: Sequence[str], lines: Sequence[_Line], bottom: Sequence[str], blank: bool
) -> tuple[str, list[int]]:
    """The page's text and where each line's own text (past a note number) starts.

    The blank-line style (seed page 135) puts two blank lines between body
    lines and before the notes, one between the lines above the body and
    before the lines below it, none inside the notes.
    """
    items: list[tuple[str, str]] = [("top", line) for line in top]
    items.extend((line.part, line.prefix + line.text) for line in lines)
    items.extend(("bottom", line) for line in bottom)
    out: list[str] = []
    starts: list[int] = []
    cursor = 0
    previous = ""
    line_items = iter(lines)
    for kind, text in items:
        if out:
            gap = _gap(previous, kind, blank)
            out.append(gap)
            cursor += len(gap)
        if kind in ("body", "note"):
            starts.append(cursor + len(next(line_items).prefix))
        out.append(text)
        cursor += len(text)
        previous = kind
    return "".join(out), starts


def _gap(previous: str, following: str, blank: bool) -> str:
    if not blank or (previous == "note" and following == "note"):
        return "\n"
    if following == "bottom" or previous == following == "top":
        return "\n\n"
    return "\n\n\n"


def _events(placed: Sequence[_Placed], passages: dict[tuple[Part, int], Passage]) -> Iterator[DamageEvent]:
    """Every damage event, read off the placed lines, in page order."""
    fragments: dict[tuple[Part, int, int], list[tuple[int, int, _Shown]]] = {}
    for p in placed:
        line = p.line
        for shown, at in zip(line.shown, line.offsets, strict=True):
            if (
                shown.ligatures
                or shown.accents_of
                or shown.markers
                or shown.stray_space is not None
                or _broken(shown.slice)
            ):
                fragments.setdefault((line.part, line.passage, shown.slice.token), []).append(
                    (p.page, p.start + at, shown)
                )
        yield from _space_events(p, passages[(line.part, line.passage)])
    for (part, passage, token), pieces in fragments.items():
        yield from _word_events(part, passage, token, passages[(part, passage)].tokens[token], pieces)


def _broken(piece: _Slice) -> bool:
    """Whether the slice is the head or the tail of a word broken at a line end."""
    return piece.broken is not None or piece.start > 0


def _space_events(p: _Placed, passage: Passage) -> Iterator[DamageEvent]:
    line = p.line
    for index, kind in line.lost:
        left, right = line.shown[index], line.shown[index + 1]
        at = p.start + line.offsets[index] + len(left.text)
        words = passage.tokens[left.slice.token].text, passage.tokens[right.slice.token].text
        yield DamageEvent(
            kind,
            line.part,
            line.passage,
            left.slice.token,
            2,
            " ".join(words),
            left.text + right.text,
            (Span(p.page, at, at),),
            (PageEdit(p.page, at, at, " "),),
        )


def _word_events(
    part: Part, passage: int, index: int, token: Token, pieces: Sequence[tuple[int, int, _Shown]]
) -> Iterator[DamageEvent]:
    """The events of one word: ligatures, accents, a stray space, a line-end break, a marker."""
    spans = tuple(Span(page, start, start + len(shown.text)) for page, start, shown in pieces)
    damaged = "\n".join(shown.text for _, _, shown in pieces)

    def event(
        kind: str, edits: Sequence[PageEdit], event_spans: tuple[Span, ...] = spans, note: int | None = None
    ) -> DamageEvent:
        return DamageEvent(
            kind, part, passage, index, 1, token.text, damaged, event_spans, tuple(edits), note
        )

    ligatures = [
        PageEdit(page, start + at, start + at + width, letters)
        for page, start, shown in pieces
        for at, letters, width in shown.ligatures
    ]
    if ligatures:
        yield event("ligature", ligatures)
    for page, start, shown in pieces:
        if shown.accents_of is not None:
            yield event("accent", [PageEdit(page, start, start + len(shown.text), shown.accents_of)])
        if shown.stray_space is not None:
            space = start + shown.stray_space
            yield event("stray_space", [PageEdit(page, space, space + 1, "")])
    page, start, head = pieces[0]
    if head.slice.broken is not None:
        end = start + len(head.text)
        undo = [PageEdit(page, end - 1, end, "")] if head.slice.broken == "hyphen" else []
        yield event(head.slice.broken, undo)
    page, start, tail = pieces[-1]
    if tail.markers:
        end = start + len(tail.text)
        where = Span(page, end - len(tail.markers), end)
        yield event("marker", [PageEdit(page, where.start, where.end, "")], (where,), token.notes[0])
