"""The edition as TEI P5 XML: structure, page breaks, notes at their markers, parsed references.

What the TEI says and where it comes from:

* ``<pb n=…/>`` for every page, where its text begins: between paragraphs when
  a page opens with a new one, inside the paragraph (``break="no"`` within a
  word) when it does not;
* ``<p>`` and ``<quote>`` for the blocks, each heading opening a ``<div>`` with
  its ``<head>``; ``part`` marks a paragraph that began on an earlier page or
  goes on to a later one;
* ``<note place="foot" n=…>`` at the offset of its marker in the block
  (``place="end"`` when the note stands on another page: an endnote);
  notes whose marker is not in the pages given stand in ``<back>``;
* inside notes, ``<bibl>`` for each reference (linked by ``corresp`` to the
  work in the ``<listBibl>`` of ``<back>``) with the parser's fields as
  ``<author>``, ``<title level=…>``, ``<pubPlace>``, ``<publisher>``,
  ``<date>``, ``<biblScope>``, ``<citedRange>``, ``<idno>`` …;
* ``<hi rend="italic">`` for recovered italics;
* every repair that changes more than whitespace as
  ``<choice><sic>original</sic><corr type=kind cert=confidence>repair</corr></choice>``.
  Line joins and other whitespace-only repairs are not encoded, nor are the
  removed note markers the ``<note>`` elements stand for: the header says so.

The XML is built as text from a tree of nested spans over each text
(:func:`_nest`); spans that cross are split, and a repair is never cut into.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from emendo.model import Block, BlockType, Document, Page, Repair, TrackedText

if TYPE_CHECKING:
    from emendo.apparatus import Apparatus, Citation, Work

TEI_NS = "http://www.tei-c.org/ns/1.0"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Parser field -> (element, attributes); ``title`` depends on the item type.
_FIELD_ELEMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "author": ("author", {}),
    "editor": ("editor", {}),
    "translator": ("editor", {"role": "translator"}),
    "publisher-place": ("pubPlace", {}),
    "publisher": ("publisher", {}),
    "date": ("date", {}),
    "issued": ("date", {}),
    "volume": ("biblScope", {"unit": "volume"}),
    "issue": ("biblScope", {"unit": "issue"}),
    "page": ("biblScope", {"unit": "page"}),
    "locator": ("citedRange", {}),
    "edition": ("edition", {}),
    "archive": ("orgName", {"type": "archive"}),
    "archive-place": ("placeName", {}),
    "archive_location": ("idno", {"type": "shelfmark"}),
    "archive_collection": ("title", {"type": "collection"}),
    "collection-title": ("title", {"level": "s"}),
    "url": ("ptr", {}),
}
_ANALYTIC_TYPES = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "chapter",
        "paper-conference",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "review",
        "review-book",
        "post",
        "post-weblog",
    }
)
_BLOCK_TAGS = {BlockType.PARAGRAPH: "p", BlockType.HEADING: "head", BlockType.QUOTE: "quote"}


# -- XML text ----------------------------------------------------------------


def escape(text: str) -> str:
    """Character data for XML: markup characters escaped, characters XML forbids replaced.

    >>> escape('Harper & Row <"x">\\x07')
    'Harper &amp; Row &lt;&quot;x&quot;&gt;\\ufffd'
    """
    text = _INVALID_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _element(tag: str, attrs: dict[str, str], inner: str) -> str:
    attributes = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f"<{tag}{attributes}>{inner}</{tag}>" if inner else f"<{tag}{attributes}/>"


# -- nesting spans over a text -----------------------------------------------


@dataclass(order=True)
class _Span:
    """Markup over ``text[start:end]``; a zero-width span is a milestone (pb, note)."""

    start: int
    end: int
    rank: int
    tag: str = field(compare=False)
    attrs: dict[str, str] = field(compare=False, default_factory=dict)
    raw: str | None = field(compare=False, default=None)  # finished XML (a repair, a note)
    children: list[_Span] = field(compare=False, default_factory=list)

    def key(self) -> tuple[int, int, int, int]:
        """Order of opening: by start, milestones first, longer spans outside, then by rank."""
        return (self.start, 0 if self.start == self.end else 1, -self.end, self.rank)


def _nest(text: str, spans: Iterable[_Span]) -> str:
    """XML for ``text`` with ``spans`` as properly nested elements.

    A span that crosses the end of an enclosing one is split in two there.
    Spans with ``raw`` are atomic: they replace their text with ``raw``.

    >>> _nest("abcdef", [_Span(0, 4, 1, "hi"), _Span(2, 6, 2, "b")])
    '<hi>ab<b>cd</b></hi><b>ef</b>'
    """
    root = _Span(0, len(text), -1, "")
    heap = [(s.key(), n, s) for n, s in enumerate(spans)]
    heapq.heapify(heap)
    counter = len(heap)
    stack = [root]
    while heap:
        _, _, span = heapq.heappop(heap)
        while len(stack) > 1 and (stack[-1].end <= span.start and not _inside_empty(stack[-1], span)):
            stack.pop()
        top = stack[-1]
        if span.end > top.end:
            rest = _Span(top.end, span.end, span.rank, span.tag, dict(span.attrs), span.raw)
            heapq.heappush(heap, (rest.key(), counter, rest))
            counter += 1
            span = _Span(span.start, top.end, span.rank, span.tag, dict(span.attrs), span.raw)
        top.children.append(span)
        if span.raw is None and span.end > span.start:
            stack.append(span)
    return _render(text, root)


def _inside_empty(top: _Span, span: _Span) -> bool:
    return top.start == top.end == span.start


def _render(text: str, node: _Span) -> str:
    if node.raw is not None:
        return node.raw
    out: list[str] = []
    cursor = node.start
    for child in node.children:
        out.append(escape(text[cursor : child.start]))
        out.append(_render(text, child))
        cursor = max(cursor, child.end)
    out.append(escape(text[cursor : node.end]))
    inner = "".join(out)
    return _element(node.tag, node.attrs, inner) if node.tag else inner


def _snap(spans: list[_Span], atoms: list[_Span]) -> list[_Span]:
    """Move span edges that fall inside an atomic span (a repair) out to its edges."""
    starts = [a.start for a in atoms]

    def outward(position: int, *, to_end: bool) -> int:
        index = bisect_right(starts, position) - 1
        if index >= 0 and atoms[index].start < position < atoms[index].end:
            return atoms[index].end if to_end else atoms[index].start
        return position

    snapped: list[_Span] = []
    for span in spans:
        if span.start == span.end:
            at = outward(span.start, to_end=True)
            span.start = span.end = at
        else:
            span.start = outward(span.start, to_end=False)
            span.end = outward(span.end, to_end=True)
        snapped.append(span)
    return snapped


# -- spans of one tracked text -------------------------------------------------


_RANK_BIBL, _RANK_FIELD, _RANK_HI, _RANK_REPAIR, _RANK_MILESTONE = range(5)


#: Repairs the markup itself stands for: a footnote marker or number taken
#: out is the ``<note n=…>`` element.
_STRUCTURAL_REPAIRS = frozenset({"note-marker", "note-number"})


def _encoded(repair: Repair) -> bool:
    """Whether a repair is shown as ``choice``: it changes more than whitespace and is not structural."""
    return repair.kind not in _STRUCTURAL_REPAIRS and bool(repair.before.strip() or repair.after.strip())


def _repair_spans(content: TrackedText) -> list[_Span]:
    """One atomic ``choice`` per encoded repair (see :func:`_encoded`)."""
    spans: list[_Span] = []
    offset = 0
    for piece in content.pieces:
        length = len(piece.text)
        repair = piece.repair
        if repair is not None and _encoded(repair):
            corr_attrs = {"type": _token(repair.kind), "cert": f"{max(0.0, min(1.0, repair.confidence)):.2f}"}
            raw = (
                "<choice>"
                + _element("sic", {}, escape(repair.before))
                + _element("corr", corr_attrs, escape(repair.after))
                + "</choice>"
            )
            spans.append(_Span(offset, offset + length, _RANK_REPAIR, "choice", raw=raw))
        offset += length
    return spans


def _token(text: str) -> str:
    """A TEI token (no spaces) from a label.

    >>> _token("word split")
    'word-split'
    """
    return re.sub(r"[^\w.\-]+", "-", text).strip("-") or "other"


def _italic_spans(content: TrackedText) -> list[_Span]:
    return [
        _Span(m.start, m.end, _RANK_HI, "hi", {"rend": "italic"})
        for m in content.marks_of("italic")
        if m.end > m.start
    ]


def _inline(content: TrackedText, extra: list[_Span]) -> str:
    atoms = sorted(_repair_spans(content), key=lambda s: s.start)
    return _nest(content.text, atoms + _snap(_italic_spans(content) + extra, atoms))


# -- notes and references --------------------------------------------------------


def _title_level(item: dict[str, Any], container: bool) -> str:
    kind = str(item.get("type", ""))
    if container:
        return "j" if kind.startswith("article") else "m"
    if kind in _ANALYTIC_TYPES:
        return "a"
    return "u" if kind in {"manuscript", "document"} else "m"


def _field_spans(citation: Citation) -> list[_Span]:
    """The parser's fields of one reference, in note offsets, trimmed and non-overlapping."""
    spans: list[_Span] = []
    last_end = citation.start
    for label, start, end in sorted(citation.spans, key=lambda s: (s[1], -s[2])):
        start, end = citation.start + max(0, start), citation.start + min(end, citation.end - citation.start)
        while start < end and citation.text[start - citation.start].isspace():
            start += 1
        while end > start and citation.text[end - 1 - citation.start].isspace():
            end -= 1
        if end <= start or start < last_end:
            continue
        if label in ("title", "container-title"):
            tag, attrs = "title", {"level": _title_level(citation.item, label == "container-title")}
        else:
            tag, attrs = _FIELD_ELEMENTS.get(label, ("seg", {"type": _token(label)}))
        spans.append(_Span(start, end, _RANK_FIELD, tag, dict(attrs)))
        last_end = end
    return spans


def _bibl_span(citation: Citation) -> _Span:
    attrs = {"xml:id": citation.id}
    if citation.work is not None:
        attrs["corresp"] = f"#{citation.work}"
    if citation.form != "full":
        attrs["type"] = citation.form
    return _Span(citation.start, citation.end, _RANK_BIBL, "bibl", attrs)


def _note_xml(document: Document, index: int, apparatus: Apparatus | None, place: str = "foot") -> str:
    note = document.notes[index]
    extra: list[_Span] = []
    if apparatus is not None:
        for citation in apparatus.citations_of(index):
            extra.append(_bibl_span(citation))
            extra.extend(_field_spans(citation))
    return _element("note", {"place": place, "n": str(note.number)}, _inline(note.content, extra))


# -- the body ----------------------------------------------------------------------


def _page_n(page: Page) -> str:
    if page.label:
        return page.label
    return str(page.number) if page.number is not None else str(page.index + 1)


def _pb(page: Page, *, inside_word: bool = False) -> str:
    attrs = {"n": _page_n(page)}
    if inside_word:
        attrs["break"] = "no"
    return _element("pb", attrs, "")


def _page_starts(content: TrackedText) -> Iterator[tuple[int, int]]:
    """(offset, page index) where the text draws on a page for the first time."""
    offset = 0
    seen: set[int] = set()
    for piece in content.pieces:
        if piece.source and piece.page not in seen:
            seen.add(piece.page)
            yield offset, piece.page
        offset += len(piece.text)


class _Body:
    """Writes the blocks in order, placing page breaks and notes as it goes."""

    def __init__(self, document: Document, apparatus: Apparatus | None) -> None:
        self.document = document
        self.apparatus = apparatus
        self.pages = sorted(document.pages, key=lambda p: p.index)
        self.next_page = 0  # position in self.pages of the next page to open
        self.notes: dict[int, deque[int]] = defaultdict(deque)
        for n, note in enumerate(document.notes):
            self.notes[note.number].append(n)
        self.placed: set[int] = set()

    def _breaks_until(self, page_index: int) -> list[Page]:
        """Pages to open so that ``page_index`` is open (pages with no body text too)."""
        opened: list[Page] = []
        while self.next_page < len(self.pages) and self.pages[self.next_page].index <= page_index:
            opened.append(self.pages[self.next_page])
            self.next_page += 1
        return opened

    def block(self, block: Block) -> str:
        text = block.text
        before: list[str] = []
        spans: list[_Span] = []
        for offset, page_index in _page_starts(block.content):
            opened = self._breaks_until(page_index)
            if offset == 0:
                before.extend(_pb(p) for p in opened)
                continue
            inside_word = text[offset - 1 : offset].isalnum() and text[offset : offset + 1].isalnum()
            for page in opened:
                spans.append(
                    _Span(offset, offset, _RANK_MILESTONE, "pb", raw=_pb(page, inside_word=inside_word))
                )
        for ref in block.note_refs:
            queue = self.notes.get(ref.number)
            if queue:
                index = queue.popleft()
                self.placed.add(index)
                note_pages = self.document.notes[index].pages
                on_its_page = not note_pages or note_pages[0] == block.content.page_before(ref.offset)
                place = "foot" if on_its_page else "end"
                spans.append(
                    _Span(
                        ref.offset,
                        ref.offset,
                        _RANK_MILESTONE,
                        "note",
                        raw=_note_xml(self.document, index, self.apparatus, place),
                    )
                )
        attrs = {}
        part = _part(block)
        if part:
            attrs["part"] = part
        return "".join(before) + _element(_BLOCK_TAGS[block.type], attrs, _inline(block.content, spans))

    def rest(self) -> tuple[str, list[str]]:
        """Page breaks of pages with no body text left, and the notes never anchored."""
        breaks = "".join(_pb(p) for p in self._breaks_until(self.pages[-1].index)) if self.pages else ""
        loose = [
            _note_xml(self.document, n, self.apparatus)
            for n in range(len(self.document.notes))
            if n not in self.placed
        ]
        return breaks, loose


def _part(block: Block) -> str | None:
    """TEI ``part``: I(nitial), M(edial) or F(inal) fragment of a paragraph cut by the pages given."""
    if block.type is not BlockType.PARAGRAPH:
        return None
    if block.fragment_start and block.fragment_end:
        return "M"
    if block.fragment_start:
        return "F"
    return "I" if block.fragment_end else None


# -- header and back ---------------------------------------------------------------


def _emendo_version() -> str:
    try:
        return version("emendo")
    except PackageNotFoundError:
        return "unknown"


def _header(document: Document) -> str:
    pages = sorted(document.pages, key=lambda p: p.index)
    origins = sorted({p.origin.split("#")[0] for p in pages if p.origin})
    numbers = [_page_n(p) for p in pages]
    span = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else (numbers[0] if numbers else "")
    title = f"Edition of page{'s' if len(pages) != 1 else ''} {span}".strip()
    source = (
        f"Text extracted from a PDF ({len(pages)} page{'s' if len(pages) != 1 else ''}"
        + (f" from {', '.join(origins)}" if origins else "")
        + f"), repaired and encoded by emendo {_emendo_version()}."
    )
    encoding = (
        "Made by emendo from the page text. Repairs that change more than whitespace are encoded as "
        "choice/sic/corr with the kind of repair and its confidence; line-end joins and other whitespace "
        "repairs are applied silently. Page furniture (running heads, page numbers, watermarks) is removed. "
        "References in the notes are parsed into bibl elements linked to the bibliography in back."
    )
    return (
        "<teiHeader><fileDesc>"
        f"<titleStmt><title>{escape(title)}</title>"
        f"<respStmt><resp>repaired and encoded by</resp><name>emendo</name></respStmt></titleStmt>"
        "<publicationStmt><p>Not published: a working edition generated by emendo.</p></publicationStmt>"
        f"<sourceDesc><p>{escape(source)}</p></sourceDesc>"
        f"</fileDesc><encodingDesc><p>{escape(encoding)}</p></encodingDesc></teiHeader>"
    )


def _when(item: dict[str, Any]) -> str | None:
    """ISO date of ``issued`` date-parts (``2014-07``), if well formed."""
    issued = item.get("issued")
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None
    try:
        numbers = [int(x) for x in parts[0][:3]]
    except (TypeError, ValueError):
        return None
    if not 1 <= numbers[0] <= 9999 or any(not 1 <= n <= 31 for n in numbers[1:]):
        return None
    return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


def _date_text(item: dict[str, Any]) -> str | None:
    issued = item.get("issued")
    if isinstance(issued, dict):
        literal = issued.get("literal") or issued.get("raw")
        if literal:
            return str(literal)
    when = _when(item)
    return when


def _name_text(name: dict[str, Any]) -> str:
    if name.get("literal"):
        return str(name["literal"])
    return ", ".join(str(name[k]) for k in ("family", "given") if name.get(k))


def _work_bibl(work: Work) -> str:
    """A work of the bibliography as a structured ``<bibl>``, with the places that cite it."""
    item = work.item
    out: list[str] = []
    for role, tag, attrs in (
        ("author", "author", {}),
        ("editor", "editor", {}),
        ("translator", "editor", {"role": "translator"}),
    ):
        for name in item.get(role, []) if isinstance(item.get(role), list) else []:
            if isinstance(name, dict) and _name_text(name):
                out.append(_element(tag, attrs, escape(_name_text(name))))
    simple: tuple[tuple[str, str, dict[str, str]], ...] = (
        ("title", "title", {"level": _title_level(item, False)}),
        ("container-title", "title", {"level": _title_level(item, True)}),
        ("collection-title", "title", {"level": "s"}),
        ("edition", "edition", {}),
        ("publisher-place", "pubPlace", {}),
        ("publisher", "publisher", {}),
        ("volume", "biblScope", {"unit": "volume"}),
        ("issue", "biblScope", {"unit": "issue"}),
        ("page", "biblScope", {"unit": "page"}),
        ("archive", "orgName", {"type": "archive"}),
        ("archive-place", "placeName", {}),
        ("archive_location", "idno", {"type": "shelfmark"}),
    )
    for key, tag, attrs in simple:
        if item.get(key) not in (None, ""):
            out.append(_element(tag, dict(attrs), escape(str(item[key]))))
    date = _date_text(item)
    if date:
        when = _when(item)
        out.append(_element("date", {"when": when} if when else {}, escape(date)))
    refs = [
        _element(
            "ref",
            {"target": f"#{p.citation}"},
            escape(f"p. {p.page_label or p.page + 1}, n. {p.note}" + (f", {p.locator}" if p.locator else "")),
        )
        for p in work.places
    ]
    if refs:
        out.append(_element("note", {"type": "citations"}, "cited at " + "; ".join(refs)))
    attrs = {"xml:id": work.id}
    if item.get("type"):
        attrs["type"] = _token(str(item["type"]))
    return _element("bibl", attrs, "".join(out))


def _back(loose_notes: list[str], apparatus: Apparatus | None) -> str:
    parts: list[str] = []
    if loose_notes:
        head = "<head>Notes whose markers are not in the pages given</head>"
        parts.append(_element("div", {"type": "notes"}, head + "".join(loose_notes)))
    if apparatus is not None and apparatus.works:
        bibls = "".join(_work_bibl(w) for w in apparatus.works)
        parts.append(
            _element(
                "div", {"type": "bibliography"}, "<head>Works cited</head>" + _element("listBibl", {}, bibls)
            )
        )
    return _element("back", {}, "".join(parts)) if parts else ""


def document_to_tei(document: Document, apparatus: Apparatus | None = None) -> str:
    """The edition as a TEI P5 document (a string, UTF-8 declared).

    With an ``apparatus`` the references in the notes are ``<bibl>`` elements
    with their fields, and ``<back>`` lists the works cited.
    """
    body = _Body(document, apparatus)
    sections: list[list[str]] = [[]]
    for block in document.blocks:
        if block.type is BlockType.HEADING:
            sections.append([])
        sections[-1].append(body.block(block))
    breaks, loose = body.rest()
    sections[-1].append(breaks)
    body_xml = "\n".join(
        [*filter(None, sections[0]), *(_element("div", {}, "\n".join(filter(None, s))) for s in sections[1:])]
    )
    if not document.blocks:
        body_xml += "<p/>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="{TEI_NS}">\n{_header(document)}\n<text>\n<body>\n{body_xml}\n</body>\n'
        f"{_back(loose, apparatus)}\n</text>\n</TEI>\n"
    )
