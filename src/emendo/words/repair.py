"""Run the word repairs over a laid-out document.

Each repair runs over every block and note in turn, proposes edits, and the
edits are applied through :meth:`~emendo.model.TrackedText.edit`, one call per
repair and text, so that each becomes a :class:`~emendo.model.Repair` with its
kind, reason and confidence.  Edits below ``min_confidence`` are recorded in
``document.held_back`` instead, where a reader sees what was left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from emendo.model import Document, Edit, Mark, Repair, TrackedText
from emendo.words.changes import TextContext, WordRepair, edited
from emendo.words.config import REPAIR_NAMES, WordsConfig
from emendo.words.diacritics import reattach_diacritics
from emendo.words.encoding import expand_ligature_glyphs, fix_mac_roman, fix_mojibake, remove_invisibles
from emendo.words.gaps import close_ligature_gaps
from emendo.words.letterspacing import close_letter_spacing
from emendo.words.ligatures import restore_ligatures, shows_spaced_losses
from emendo.words.profile import DocumentProfile
from emendo.words.spaces import close_split_capitals, restore_spaces
from emendo.words.splits import join_split_words, shows_stray_spaces

#: Every word repair by name, in the order they run: characters first, then
#: spaces (so that glued words stand apart and split ones are whole), then
#: ligatures (so that each damaged word is seen whole).
REPAIRS: dict[str, WordRepair] = {
    repair.name: repair
    for repair in (
        WordRepair(
            "invisibles",
            "characters that are not drawn taken out (soft hyphen, zero-width space)",
            remove_invisibles,
        ),
        WordRepair("mojibake", "UTF-8 text decoded as Windows-1252 (Ã© → é)", fix_mojibake),
        WordRepair(
            "mac-roman", "Mac Roman punctuation shown as capitals put back (donÕt → don’t)", fix_mac_roman
        ),
        WordRepair(
            "ligature-glyphs",
            "ligature code points and glyph codes written out (ﬁ, (cid:12), di˙erent → fi, fi, different)",
            expand_ligature_glyphs,
        ),
        WordRepair(
            "ligature-gaps",
            "spaces an extractor put beside a ligature closed (signi fi cant → significant)",
            close_ligature_gaps,
        ),
        WordRepair(
            "diacritics",
            "accents drawn apart from their letters put back (Toky ̄ ̄o → Tōkyō)",
            reattach_diacritics,
        ),
        WordRepair(
            "letter-spacing",
            "letter-spaced words closed up (C H A P T E R → CHAPTER)",
            close_letter_spacing,
        ),
        WordRepair(
            "split-capitals",
            "a capital set apart from its word joined to it: a drop capital, small capitals (T he, M OSCOW)",
            close_split_capitals,
        ),
        WordRepair(
            "spaces",
            "spaces lost at italics and markers (newspaperPravdato → newspaper Pravda to)",
            restore_spaces,
        ),
        WordRepair(
            "split-words", "stray spaces inside words taken out (gov ernment → government)", join_split_words
        ),
        WordRepair(
            "ligatures", "letters of lost ligatures given back (condence → confidence)", restore_ligatures
        ),
    )
}
assert tuple(REPAIRS) == REPAIR_NAMES


#: Characters of a document read to tell whether it writes lost ligatures as
#: spaces (about thirty pages, a hundred or more damaged words) ...
SPACED_SAMPLE = 100_000
#: ... and whether it splits words with stray spaces (about eight pages, where
#: one long word in thirty split shows thirty).
STRAY_SAMPLE = 20_000


def _sample(document: Document, size: int) -> Iterator[str]:
    """The texts of ``document`` in order, until ``size`` characters have gone by."""
    seen = 0
    for text in document.texts():
        if seen >= size:
            return
        seen += len(text.text)
        yield text.text


def repair_words(document: Document, profile: DocumentProfile, config: WordsConfig) -> Document:
    """Repair the words of every block and note of ``document``.

    Whether the document writes lost ligatures as spaces, and whether it
    splits words with stray spaces, are settled first, from its texts, so
    that every text is judged alike: the extractor does it on every page or
    on none, so the first :data:`SPACED_SAMPLE` (:data:`STRAY_SAMPLE`)
    characters tell.  Returns a
    new document; its pages are the same objects, with their running heads,
    the lines books most often set in small capitals, read through
    :func:`close_split_capitals` (``T HE W AR``).
    """
    repairs = [REPAIRS[name] for name in REPAIR_NAMES if name in config.repairs]
    if profile.lost_ligatures and profile.spaced_ligatures is None:
        profile.spaced_ligatures = any(
            shows_spaced_losses(text, profile) for text in _sample(document, SPACED_SAMPLE)
        )
    if "split-words" in config.repairs and profile.stray_spaces is None:
        profile.stray_spaces = shows_stray_spaces(_sample(document, STRAY_SAMPLE), profile)
    held_back = list(document.held_back)
    italics = {page.index: page.italics for page in document.pages if page.italics}

    def repaired(content: TrackedText) -> TrackedText:
        if italics:
            content = content.with_marks(_new_italics(content, tuple(reader_italics(content, italics))))
        return repair_text(content, repairs, profile, config, held_back)

    if "split-capitals" in config.repairs:
        for page in document.pages:
            if page.running_head:
                closed = close_split_capitals(page.running_head, TextContext(profile))
                page.running_head = edited(page.running_head, closed.edits)
    blocks = [replace(block, content=repaired(block.content)) for block in document.blocks]
    notes = [replace(note, content=repaired(note.content)) for note in document.notes]
    return Document(document.pages, blocks, notes, held_back)


def reader_italics(content: TrackedText, italics: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The spans of ``content`` that a reader found set in italics (``Page.italics``, original offsets).

    A span that starts or ends inside a repair takes in the whole repair.

    >>> text = TrackedText.verbatim(0, 10, "in Pravda today")
    >>> [text.text[a:b] for a, b in reader_italics(text, {0: [(13, 19)]})]
    ['Pravda']
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    placed: list[tuple[int, int, int, int, bool]] = []  # page, start, end, text offset, verbatim
    for piece in content.pieces:
        placed.append((piece.page, piece.start, piece.end, offset, piece.repair is None))
        offset += len(piece.text)
    ends = [text_offset for *_, text_offset, _ in placed[1:]] + [offset]
    for (page, start, end, text_offset, verbatim), text_end in zip(placed, ends, strict=True):
        for italic_start, italic_end in italics.get(page, ()):
            if italic_start >= end or italic_end <= start:
                continue
            first = text_offset + (max(italic_start, start) - start if verbatim else 0)
            last = text_offset + (min(italic_end, end) - start) if verbatim else text_end
            if spans and spans[-1][1] == first:
                spans[-1] = (spans[-1][0], last)  # one span across a line join
            else:
                spans.append((first, last))
    return [(a, b) for a, b in spans if a < b]


def repair_text(
    content: TrackedText,
    repairs: list[WordRepair],
    profile: DocumentProfile,
    config: WordsConfig,
    held_back: list[Repair],
) -> TrackedText:
    """Run ``repairs`` over one text; held-back repairs are appended to ``held_back``.

    The context is made anew only when an edit has moved the note references.
    """
    context = _context(content, profile)
    for repair in repairs:
        changes = repair.apply(content.text, context)
        if changes.italics:
            content = content.with_marks(_new_italics(content, changes.italics))
        applied = [e for e in changes.edits if e.confidence >= config.min_confidence]
        for edit in changes.edits:
            if edit.confidence < config.min_confidence:
                held_back.extend(held_back_repairs(content, edit))
        if applied:
            content = content.edit(applied)
            context = _context(content, profile)
    return content


def _context(content: TrackedText, profile: DocumentProfile) -> TextContext:
    """What a repair knows of ``content`` beyond its text: where its note references stand."""
    return TextContext(profile, frozenset(m.start for m in content.marks if m.kind == "note_ref"))


def held_back_repairs(content: TrackedText, edit: Edit) -> list[Repair]:
    """The repairs ``edit`` would make, marked not applied.

    >>> text = TrackedText.verbatim(2, 10, "condence")
    >>> held = held_back_repairs(text, Edit(3, 3, "fi", "ligature", "lost ligature"))
    >>> [(r.page, r.start, r.after, r.applied) for r in held]
    [(2, 13, 'fi', False)]
    """
    existing = set(content.repairs())
    return [replace(r, applied=False) for r in content.edit([edit]).repairs() if r not in existing]


def _new_italics(content: TrackedText, spans: tuple[tuple[int, int], ...]) -> list[Mark]:
    """Italic marks for ``spans``, leaving out any that overlap one already marked (the reader knew)."""
    have = content.marks_of("italic")
    return [
        Mark(start, end, "italic")
        for start, end in spans
        if start < end and not any(m.start < end and start < m.end for m in have)
    ]
