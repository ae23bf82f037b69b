"""The scholar's apparatus: the notes of a repaired document read as a database of sources.

:func:`build_apparatus` cuts every note into signals, references and
commentary (:mod:`~emendo.apparatus.notes`), parses each reference into CSL-JSON
fields with the reference parser (:mod:`emendo.apparatus.parse`), resolves
short forms (:mod:`~emendo.apparatus.shortforms`), links abbreviations to their
definitions (:mod:`~emendo.apparatus.abbreviations`) and gathers the distinct
works with every place that cites them (:mod:`~emendo.apparatus.bibliography`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from emendo.apparatus.abbreviations import Definition, find_acronyms, find_definitions, find_sigla, find_uses
from emendo.apparatus.bibliography import (
    AbbreviationEntry,
    Apparatus,
    Catalogue,
    Citation,
    Place,
    Work,
)
from emendo.apparatus.notes import NotePart, NoteSplitConfig, PartKind, split_note
from emendo.apparatus.shortforms import Resolver, ShortFormConfig
from emendo.model import Document, Note, Page

__all__ = ["Apparatus", "ApparatusConfig", "Citation", "ParsedLike", "Work", "build_apparatus"]


class ParsedLike(Protocol):
    """What the apparatus reads from a parsed reference (see :mod:`emendo.apparatus.parse`).

    ``spans`` are (field, start, end) in ``text``; ``item`` holds CSL-JSON
    fields without an id.
    """

    @property
    def text(self) -> str: ...
    @property
    def item(self) -> dict[str, Any]: ...
    @property
    def locator(self) -> str | None: ...
    @property
    def spans(self) -> tuple[tuple[str, int, int], ...]: ...
    @property
    def short_form(self) -> bool: ...


ReferenceParser = Callable[[str], ParsedLike]


@dataclass(frozen=True)
class ApparatusConfig:
    """The apparatus layer's settings.

    ``same_work`` is the least rapidfuzz ratio (0-100) at which two full
    references with the same authors are taken for one work.
    """

    notes: NoteSplitConfig = field(default_factory=NoteSplitConfig)
    short_forms: ShortFormConfig = field(default_factory=ShortFormConfig)
    same_work: float = 92.0


def build_apparatus(
    document: Document, config: ApparatusConfig | None = None, parse: ReferenceParser | None = None
) -> Apparatus:
    """Read the notes of ``document`` into an :class:`Apparatus`.

    ``parse`` turns one reference into fields; the default is the trained
    parser, :func:`emendo.apparatus.parse.parse_reference`.
    """
    config = config or ApparatusConfig()
    if parse is None:
        from emendo.apparatus.parse import parse_reference

        parse = parse_reference
    pages = {page.index: page for page in document.pages}
    notes = tuple(_note_place(note, pages) for note in document.notes)
    parts = tuple(tuple(split_note(note.text, config.notes)) for note in document.notes)
    definitions = _definitions(document, parts)
    in_text = _text_definitions(document)
    reader = _Reader(document, notes, definitions, in_text, Catalogue(config.same_work), config.short_forms)
    for note_index in range(len(document.notes)):
        reader.read_note(note_index, parts[note_index], parse)
    entries = _abbreviations(document, parts, definitions, in_text, reader.abbreviation_works)
    blocks = tuple(_page_place(block.pages, pages) for block in document.blocks)
    return Apparatus(notes, parts, tuple(reader.citations), tuple(reader.catalogue.works), entries, blocks)


class _Reader:
    """Reads the references of a document note by note, keeping what later ones refer back to."""

    def __init__(
        self,
        document: Document,
        notes: tuple[tuple[int, int, str | None], ...],
        definitions: dict[int, list[Definition]],
        in_text: dict[int, list[Definition]],
        catalogue: Catalogue,
        config: ShortFormConfig,
    ) -> None:
        self.document = document
        self.notes = notes
        self.definitions = definitions
        self.catalogue = catalogue
        self.resolver = Resolver(catalogue, config)
        self.citations: list[Citation] = []
        self.by_note: dict[int, list[Citation]] = {}
        self.abbreviation_works: dict[str, Work] = {}
        # abbreviation -> its first definition and the note it stands in (None: in the text)
        self.known: dict[str, tuple[int | None, Definition]] = {
            a: (None, d) for a, (_, d) in _first_definitions(in_text).items()
        }
        self.known.update(_first_definitions(definitions))

    def read_note(self, note_index: int, parts: tuple[NotePart, ...], parse: ReferenceParser) -> None:
        note = self.document.notes[note_index]
        self.resolver.see_note(note_index, note.number)
        for k, (signal, part) in enumerate(_references(parts)):
            inside = [d for d in self.definitions.get(note_index, []) if part.start <= d.start < part.end]
            citation = self._cite(f"c{note_index + 1}-{k + 1}", note_index, signal, part, inside, parse)
            self.citations.append(citation)
            self.by_note.setdefault(note_index, []).append(citation)

    def _cite(
        self,
        citation_id: str,
        note_index: int,
        signal: NotePart | None,
        part: NotePart,
        inside: list[Definition],
        parse: ReferenceParser,
    ) -> Citation:
        """Parse and resolve one reference, and record the place it cites its work."""
        number, page, label = self.notes[note_index]
        parsed = parse(_masked(self.document.notes[note_index].text, part, inside))
        item = _clean_item(parsed.item)
        opening = _opening_abbreviation(part.text, self.known)
        stands_for = None
        if opening is not None:
            name, (defined_in, definition) = opening
            if name in self.abbreviation_works:
                stands_for = (name, self.abbreviation_works[name])
            elif not definition.stands_for_work:
                cited = self.by_note.get(defined_in, []) if defined_in is not None else []
                source = next((c for c in cited if c.start <= definition.start < c.end), None)
                item = _with_archive(item, name, definition, source)
        result = self.resolver.resolve(
            citation_id, note_index, part.text, item, parsed.short_form, parsed.locator, stands_for
        )
        if result.work is not None:
            result.work.places.append(Place(page, label, number, citation_id, result.locator))
            for definition in inside:
                if definition.stands_for_work:
                    self.abbreviation_works.setdefault(definition.abbreviation, result.work)
        return Citation(
            id=citation_id,
            note=number,
            note_index=note_index,
            page=page,
            page_label=label,
            start=part.start,
            end=part.end,
            text=part.text,
            signal=signal.text if signal else None,
            form=result.form.value,
            item=item,
            locator=result.locator,
            spans=tuple(parsed.spans),
            work=result.work.id if result.work is not None else None,
            via=result.via,
            problem=result.problem,
            reason=result.reason,
        )


def _note_place(note: Note, pages: dict[int, Page]) -> tuple[int, int, str | None]:
    """(number, page index, printed page label) of a note; the page is where it begins."""
    return (note.number, *_page_place(note.pages, pages))


def _page_place(on_pages: tuple[int, ...], pages: dict[int, Page]) -> tuple[int, str | None]:
    """(page index, printed page label) of the first of ``on_pages``."""
    page_index = on_pages[0] if on_pages else 0
    page = pages.get(page_index)
    label = None
    if page is not None:
        label = page.label or (str(page.number) if page.number is not None else None)
    return page_index, label


def _references(parts: tuple[NotePart, ...]) -> Iterator[tuple[NotePart | None, NotePart]]:
    """Each reference part with the signal that leads into it, if any."""
    signal: NotePart | None = None
    for part in parts:
        if part.kind is PartKind.SIGNAL:
            signal = part
        elif part.kind is PartKind.REFERENCE:
            yield signal, part
            signal = None
        else:
            signal = None


def _definitions(document: Document, parts: tuple[tuple[NotePart, ...], ...]) -> dict[int, list[Definition]]:
    """Abbreviation definitions of each note, found part by part (commentary too)."""
    found: dict[int, list[Definition]] = {}
    for note_index, note in enumerate(document.notes):
        for part in parts[note_index]:
            if part.kind is not PartKind.SIGNAL:
                found.setdefault(note_index, []).extend(find_definitions(note.text, part.start, part.end))
    return found


def _text_definitions(document: Document) -> dict[int, list[Definition]]:
    """Abbreviations the running text defines, by block: ``(hereafter PGS)`` or a spelled-out ``(PGS)``."""
    found: dict[int, list[Definition]] = {}
    for block_index, block in enumerate(document.blocks):
        text = block.text
        if "(" in text:
            definitions = find_definitions(text) + find_acronyms(text)
            if definitions:
                found[block_index] = sorted(definitions, key=lambda d: d.start)
    return found


def _masked(text: str, part: NotePart, definitions: list[Definition]) -> str:
    """A reference for the parser, its ``(hereafter X)`` clauses blanked out.

    Blanking with spaces, not cutting, keeps the parser's offsets those of the
    reference text.
    """
    masked = list(text[part.start : part.end])
    for d in definitions:
        for at in range(d.start - part.start, min(d.end, part.end) - part.start):
            masked[at] = " "
    return "".join(masked)


def _clean_item(item: dict[str, Any]) -> dict[str, Any]:
    """The parser's item without an id or empty fields, its strings with single spaces."""
    cleaned: dict[str, Any] = {}
    for key, value in item.items():
        if key == "id":
            continue
        if isinstance(value, str):
            value = " ".join(value.split())
        if value not in ("", None, [], {}):
            cleaned[key] = value
    return cleaned


def _opening_abbreviation(
    text: str, known: dict[str, tuple[int | None, Definition]]
) -> tuple[str, tuple[int | None, Definition]] | None:
    """A defined abbreviation the reference opens with, and (note index, definition)."""
    for abbreviation, start, _ in find_uses(text, set(known)):
        if not text[:start].strip():
            return abbreviation, known[abbreviation]
        break
    return None


def _with_archive(
    item: dict[str, Any], abbreviation: str, definition: Definition, source: Citation | None
) -> dict[str, Any]:
    """A reference opening with an archive's siglum names that archive, and where it is.

    The archive and its place come from the reference that defined the
    siglum when it was parsed as archival, else from the definition's words.
    """
    if item.get("archive") not in (None, abbreviation):
        return item
    archive = source.item.get("archive") if source is not None else None
    filled = {**item, "archive": archive or definition.expansion}
    if archive and source is not None and "archive-place" in source.item and "archive-place" not in item:
        filled["archive-place"] = source.item["archive-place"]
    return filled


def _abbreviations(
    document: Document,
    parts: tuple[tuple[NotePart, ...], ...],
    definitions: dict[int, list[Definition]],
    in_text: dict[int, list[Definition]],
    abbreviation_works: dict[str, Work],
) -> tuple[AbbreviationEntry, ...]:
    """Defined abbreviations with their uses (notes first, then the text), then sigla used but never defined.

    A definition in the notes stands before one in the text: notes are where
    a book defines what it cites.
    """
    first = _first_definitions(definitions)
    first_in_text = {a: found for a, found in _first_definitions(in_text).items() if a not in first}
    known = set(first) | set(first_in_text)
    uses = _uses([note.text for note in document.notes], known, definitions)
    block_uses = _uses([block.text for block in document.blocks], known, in_text)
    undefined: dict[str, list[tuple[int, int, int]]] = {}
    for note_index, note in enumerate(document.notes):
        for part in parts[note_index]:
            if part.kind is PartKind.REFERENCE:
                for siglum, start, end in find_sigla(note.text, part.start, part.end):
                    if siglum not in known and not re.fullmatch(r"[IVXLC]+", siglum):
                        undefined.setdefault(siglum, []).append((note_index, start, end))
    entries = [
        AbbreviationEntry(
            abbreviation,
            d.expansion,
            (note_index, d.start, d.end),
            abbreviation_works[abbreviation].id if abbreviation in abbreviation_works else None,
            tuple(uses[abbreviation]),
            block_uses=tuple(block_uses[abbreviation]),
        )
        for abbreviation, (note_index, d) in first.items()
    ]
    entries += [
        AbbreviationEntry(
            abbreviation,
            d.expansion,
            None,
            None,
            tuple(uses[abbreviation]),
            defined_in_block=(block_index, d.start, d.end),
            block_uses=tuple(block_uses[abbreviation]),
        )
        for abbreviation, (block_index, d) in first_in_text.items()
    ]
    entries += [AbbreviationEntry(s, None, None, None, tuple(places)) for s, places in undefined.items()]
    return tuple(entries)


def _first_definitions(definitions: dict[int, list[Definition]]) -> dict[str, tuple[int, Definition]]:
    """Each abbreviation's first definition, with the index of the note or block that holds it."""
    first: dict[str, tuple[int, Definition]] = {}
    for index in sorted(definitions):
        for d in definitions[index]:
            first.setdefault(d.abbreviation, (index, d))
    return first


def _uses(
    texts: list[str], known: set[str], definitions: dict[int, list[Definition]]
) -> dict[str, list[tuple[int, int, int]]]:
    """Where each ``known`` abbreviation stands in ``texts`` (index, start, end), definitions aside."""
    uses: dict[str, list[tuple[int, int, int]]] = {a: [] for a in known}
    for index, text in enumerate(texts):
        for abbreviation, start, end in find_uses(text, known):
            if not any(d.start <= start < d.end for d in definitions.get(index, ())):
                uses[abbreviation].append((index, start, end))
    return uses
