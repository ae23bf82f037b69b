"""Read the pages of a PDF book into page text, using what the PDF knows.

Plain extracted text loses three things that emendo then has to guess back,
and a PDF still holds all three:

* **Footnote markers.**  A marker is a digit set smaller than the words around
  it and raised above their baseline.  Such digits become Unicode superscript
  digits (``¹²³``), which layout links to their notes without guessing.
* **Italics.**  Book titles are set in an italic font, and extractors drop the
  word spaces where the font changes (``newspaperPravdato``).  The reader puts
  a space wherever the gap between two glyphs is as wide as a word space, and
  records the italic spans in :attr:`Page.italics`.
* **Page labels.**  A PDF may declare its printed page numbers (``xii``,
  ``129``); they become :attr:`Page.label` and, when numeric, a hint for
  :attr:`Page.number`.

Lines are rebuilt from glyph positions rather than taken from PDFium's text,
because PDFium breaks a line at a raised marker and joins the two halves of a
word hyphenated at a line end.  The text keeps the PDF's drawing order (the
order extractors give), one line per printed line, lines separated by ``\\n``.

pypdfium2 is the optional extra ``emendo[pdf]``; it is imported only when a
PDF is read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from emendo.errors import InputError, MissingExtraError
from emendo.model import Page

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_HYPHENS = str.maketrans("\x02\ufffe", "--")  # PDFium's stand-ins for a hyphen at a line end
_SPACES = " \t\u00a0"

# Font names that say italic: "Times-Italic", "Arial,Oblique", "MinionPro-It",
# "MinionPro-BoldIt", "CMTI10" (TeX's text italic), subset tags ("ABCDEF+") allowed.
_ITALIC_NAME = re.compile(
    r"(?i:italic|oblique|slanted|kursiv)|(?:[-,_]|(?<=[a-z]))It(?![a-z])|(?i:^(?:\w{6}\+)?cmti)"
)
_ITALIC_FLAG = 1 << 6  # PDF font descriptor flag bit 7
_ERR_PASSWORD, _ERR_SECURITY = 4, 5  # PDFium's FPDF_ERR_* load error codes


@dataclass(frozen=True)
class PdfConfig:
    """Thresholds for reading glyph geometry, as fractions of a line's text height.

    The height of a line is the height of the glyph boxes of most of its
    characters (the font's ascent to descent, about 1.1 em).

    ``superscript_size``/``superscript_rise``: a digit smaller than this share
    of the line's height, whose box starts higher than this share above the
    line's, is a footnote marker.  ``space_gap``: a gap between two glyphs
    wider than this share is a word space (a normal space is about 0.22 of the
    height; letters of one word touch).  ``wide_gap``: a gap wider than this
    share sets things apart (a page number from its running head, table
    columns) and is kept as two spaces, as layout-keeping extractors do, so
    layout sees the separation.  ``line_overlap``: a glyph whose box
    overlaps the line by at least this share of the smaller height is on that
    line (a raised marker overlaps its line; the next line does not).
    ``column_jump``: a run that starts this many line heights left of where
    the line so far ends begins a new line, even on the same baseline (the
    next column).  ``password`` opens an encrypted PDF.
    """

    superscript_size: float = 0.8
    superscript_rise: float = 0.2
    space_gap: float = 0.12
    wide_gap: float = 2.0
    line_overlap: float = 0.5
    column_jump: float = 5.0
    password: str | None = None


class TextRun(NamedTuple):
    """Characters the PDF draws together in one font on one baseline, with their box.

    The box runs from the first character's origin to the last one's advance
    width and from the font's descent to its ascent, so the runs of one word
    touch.  A space PDFium inserts where it sees a gap has no box of its own
    (``generated``).
    """

    text: str
    left: float
    right: float
    bottom: float
    top: float
    italic: bool = False
    generated: bool = False


@dataclass(frozen=True)
class PageRange:
    """A selection of pages by their 1-based position in the PDF.

    ``spans`` holds inclusive ``(first, last)`` pairs; ``last`` is ``None`` for
    an open end ("to the last page").  Positions, not printed labels, because
    they are what every PDF has and what other tools (``pdftotext -f``) mean.

    >>> PageRange.parse("1-3, 7,10-").indexes(12, "book.pdf")
    [0, 1, 2, 6, 9, 10, 11]
    """

    spans: tuple[tuple[int, int | None], ...]

    @classmethod
    def parse(cls, text: str) -> PageRange:
        """Parse ``"120-140"``, ``"5"`` or ``"1-3,7,10-"``; refuse anything else.

        >>> PageRange.parse("9-3")
        Traceback (most recent call last):
        ...
        emendo.errors.InputError: page range '9-3': 9 comes after 3; write the lower page first, as in 3-9
        """
        spans: list[tuple[int, int | None]] = []
        for part in text.split(","):
            match = re.fullmatch(r"\s*(\d+)\s*(?:([-–])\s*(\d*))?\s*", part)
            if match is None:
                raise InputError(
                    f"page range {text!r}: cannot read {part.strip()!r}; "
                    "write pages as 120-140, 5, or 1-3,7,10- (10 to the end)"
                )
            first = int(match[1])
            last = first if match[2] is None else (int(match[3]) if match[3] else None)
            if first == 0 or last == 0:
                raise InputError(f"page range {text!r}: pages count from 1")
            if last is not None and last < first:
                raise InputError(
                    f"page range {text!r}: {first} comes after {last}; "
                    f"write the lower page first, as in {last}-{first}"
                )
            spans.append((first, last))
        return cls(tuple(spans))

    def indexes(self, count: int, name: str) -> list[int]:
        """0-based indexes of the selected pages of a ``count``-page PDF, in order.

        A page past the end is an error rather than quietly skipped: a user
        who asks for pages 120-140 of a 100-page file has the wrong file.
        """
        highest = max(last or first for first, last in self.spans)
        if highest > count:
            raise InputError(
                f"{name}: page {highest} was selected but the PDF has only {count} page"
                f"{'' if count == 1 else 's'}; choose pages from 1 to {count}"
            )
        chosen = {n for first, last in self.spans for n in range(first - 1, last or count)}
        return sorted(chosen)


def read_pdf(
    source: str | bytes,
    pages: PageRange | None = None,
    config: PdfConfig = PdfConfig(),
    *,
    name: str | None = None,
) -> list[Page]:
    """The pages of a PDF (a path, or its bytes) as emendo pages, indexed from 0.

    Pages without any text (a blank page, a plate) are left out, as empty text
    pages are; if no selected page has text the PDF is a scan and the user is
    told to run OCR first.  Every failure is an :class:`InputError`.
    """
    pdfium = _pdfium()
    name = name or (source if isinstance(source, str) else "PDF")
    document = _open(pdfium, source, name, config)
    try:
        count = len(document)
        chosen = pages.indexes(count, name) if pages is not None else list(range(count))
        result: list[Page] = []
        for position in chosen:
            text, italics = page_text(_page_runs(pdfium, document, position, name), config)
            if not text.strip():
                continue
            label = document.get_page_label(position) or None
            result.append(
                Page(
                    index=len(result),
                    original=text,
                    origin=f"{name}#{position + 1}",
                    number=int(label) if label is not None and label.isascii() and label.isdigit() else None,
                    label=label,
                    italics=italics,
                )
            )
    finally:
        document.close()
    if not result:
        scope = "the selected pages have" if pages is not None else "it has"
        raise InputError(
            f"{name}: {scope} no text layer (a scan, or images of text); run OCR on it first, "
            f"for example: ocrmypdf {name} {Path(name).stem}-ocr.pdf"
        )
    return result


def page_text(runs: Sequence[TextRun], config: PdfConfig = PdfConfig()) -> tuple[str, list[tuple[int, int]]]:
    """Page text and its italic spans from the runs the PDF draws, in drawing order.

    >>> runs = [TextRun("dim.", 0, 20, 0, 11), TextRun("4", 20, 23, 4, 11)]
    >>> runs.append(TextRun("Sea", 26, 41, 0, 11, italic=True))
    >>> page_text(runs)
    ('dim.⁴ Sea', [(6, 9)])
    """
    pieces: list[str] = []
    italics: list[tuple[int, int]] = []
    offset = 0
    for line in group_lines(runs, config):
        rendered = render_line(line, config)
        if not rendered:
            continue
        if pieces:
            pieces.append("\n")
            offset += 1
        for text, italic in rendered:
            if italic and text.strip():
                start = offset + len(text) - len(text.lstrip())
                italics.append((start, offset + len(text.rstrip())))
            pieces.append(text)
            offset += len(text)
    text = "".join(pieces)
    return text, join_italics(text, italics)


def group_lines(runs: Sequence[TextRun], config: PdfConfig = PdfConfig()) -> list[list[TextRun]]:
    """Split runs (in drawing order) into printed lines.

    A run stays on the current line while its box overlaps the line's band
    vertically; a raised marker does, the first run of the next line does
    not.  A jump far back to the left on the same band also starts a line (a
    second column set on the same baselines).  Spaces have no say: they go
    with the line they are drawn in.
    """
    lines: list[list[TextRun]] = []
    current: list[TextRun] = []
    bottom = top = right = 0.0
    for run in runs:
        if run.generated or run.text.isspace():
            if current:
                current.append(run)
            continue
        if current:
            overlap = min(top, run.top) - max(bottom, run.bottom)
            same_band = overlap >= config.line_overlap * min(top - bottom, run.top - run.bottom)
            far_back = run.left < right - config.column_jump * (top - bottom)
            if same_band and not far_back:
                current.append(run)
                bottom, top, right = min(bottom, run.bottom), max(top, run.top), run.right
                continue
            lines.append(current)
        current = [run]
        bottom, top, right = run.bottom, run.top, run.right
    if current:
        lines.append(current)
    return lines


def render_line(line: Sequence[TextRun], config: PdfConfig = PdfConfig()) -> list[tuple[str, bool]]:
    """The text of one line as pieces, each with whether it is set in italics.

    Raised small digits become superscript digits, except at the start of a
    line, where they number a footnote and stay plain digits followed by a
    space.  A word space goes in wherever two runs stand a space apart but the
    text layer has none, two where they stand far apart.  Spaces at either end
    of the line are dropped.
    """
    body_height, body_bottom = _body_metrics(line)
    out: list[tuple[str, bool]] = []
    previous: TextRun | None = None
    opening = True  # still in raised digits that open the line
    space_due = False  # PDFium saw a word space here
    for run in line:
        if run.generated:
            space_due = True
            continue
        if not run.text.strip(" "):  # spaces the PDF draws
            if out and out[-1][0][-1:] not in _SPACES:
                out.append((" ", run.italic))
            continue
        raised = (
            run.top - run.bottom < config.superscript_size * body_height
            and run.bottom > body_bottom + config.superscript_rise * body_height
            and run.text.strip().isdigit()
        )
        if previous is not None and run.text[0] not in _SPACES:
            gap = run.left - previous.right
            note_number_ends = opening and not raised  # "³Text" opening a line: a note's number
            if gap > config.wide_gap * body_height:
                wanted = 2
            else:
                wanted = int(space_due or note_number_ends or gap > config.space_gap * body_height)
            present = len(out[-1][0]) - len(out[-1][0].rstrip(_SPACES))
            if wanted > present:
                out.append((" " * (wanted - present), run.italic and out[-1][1]))
        opening = opening and raised
        space_due = False
        text = run.text.translate(_SUPERSCRIPT_DIGITS if raised and not opening else _HYPHENS)
        out.append((text, run.italic))
        previous = run
    return _strip_line(out)


def join_italics(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Italic spans in text order, joined where only spaces or a line break part them.

    >>> join_italics("in the Sea Log.", [(7, 10), (11, 14)])
    [(7, 14)]
    """
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _strip_line(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The pieces without spaces at the start and end of the line."""
    while pieces and not pieces[0][0].lstrip():
        pieces.pop(0)
    while pieces and not pieces[-1][0].rstrip():
        pieces.pop()
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    return pieces


def _body_metrics(line: Sequence[TextRun]) -> tuple[float, float]:
    """Height and bottom of the line's body text: the height most of its characters have."""
    weight: Counter[float] = Counter()
    for run in line:
        if not run.generated:
            weight[round(run.top - run.bottom, 1)] += len(run.text.strip()) or 1
    body = max(weight, key=lambda height: (weight[height], height))
    bottoms = sorted(r.bottom for r in line if not r.generated and round(r.top - r.bottom, 1) == body)
    return body, bottoms[len(bottoms) // 2]


# -- PDFium ---------------------------------------------------------------


def _pdfium() -> ModuleType:
    """pypdfium2, or the error that says how to install it."""
    try:
        import pypdfium2
    except ImportError:
        raise MissingExtraError("reading PDFs", "pdf", "pypdfium2") from None
    module: ModuleType = pypdfium2
    return module


def _open(pdfium: ModuleType, source: str | bytes, name: str, config: PdfConfig) -> Any:
    """Open the document, turning PDFium's failures into what the user should do."""
    try:
        return pdfium.PdfDocument(source, password=config.password)
    except OSError as err:
        raise InputError(f"{name}: cannot read it ({err.strerror or err})") from None
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == _ERR_PASSWORD:
            if config.password is not None:
                raise InputError(f"{name}: the password given does not open this PDF") from None
            raise InputError(
                f"{name}: the PDF is encrypted with a password; decrypt it first, for example: "
                f"qpdf --decrypt --password=PASSWORD {name} {Path(name).stem}-decrypted.pdf"
            ) from None
        if code == _ERR_SECURITY:
            raise InputError(
                f"{name}: the PDF is encrypted in a way PDFium cannot open; decrypt it first, "
                f"for example with qpdf --decrypt"
            ) from None
        reason = re.search(r"PDFium: ([^)]+)", str(err))
        raise InputError(
            f"{name}: not a readable PDF ({reason[1].lower() if reason else err}); the file may be "
            f"damaged or cut short. Get it again, or repair it: qpdf {name} {Path(name).stem}-fixed.pdf"
        ) from None


def _page_runs(pdfium: ModuleType, document: Any, position: int, name: str) -> list[TextRun]:
    """The text runs PDFium finds on one page, in drawing order.

    A run is the characters of one text object (one text-showing operator of
    the page: one font, one baseline) between the spaces PDFium inserts.  Its
    box comes from its first and last characters, which keeps the calls into
    PDFium to about one per character: they, not the geometry, cost the time.
    """
    import ctypes

    raw = pdfium.raw
    try:
        page = document[position]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as err:
        raise InputError(
            f"{name}: page {position + 1} cannot be read ({err}); the file may be damaged"
        ) from None
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        text = textpage.get_text_range()
        if len(text) != count:  # characters outside the BMP, or ones PDFium leaves out
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, index)) for index in range(count))
        object_at = _address_returning(ctypes, raw.FPDFText_GetTextObject)
        handle_address = ctypes.cast(handle, ctypes.c_void_p)
        objects = [object_at(handle_address, index) for index in range(count)]
        box = raw.FS_RECTF()
        fonts: dict[int, bool] = {}
        runs: list[TextRun] = []
        start = 0
        while start < count:
            address = objects[start]
            if not address:  # inserted by PDFium: keep its word spaces, rebuild its line breaks
                if text[start] == " ":
                    runs.append(TextRun(" ", 0.0, 0.0, 0.0, 0.0, generated=True))
                start += 1
                continue
            end = start + 1
            while end < count and objects[end] == address:
                end += 1
            italic = fonts.get(address)
            if italic is None:
                italic = fonts[address] = _is_italic(raw, handle, start)
            raw.FPDFText_GetLooseCharBox(handle, end - 1, box)
            right = box.right
            raw.FPDFText_GetLooseCharBox(handle, start, box)
            runs.append(TextRun(text[start:end], box.left, right, box.bottom, box.top, italic))
            start = end
        return runs
    finally:
        textpage.close()
        page.close()


def _address_returning(ctypes: ModuleType, function: Any) -> Any:
    """``function`` (a PDFium call that returns a handle) returning a plain address.

    pypdfium2 wraps each returned handle in a ctypes pointer object, which
    costs more than the call itself when it is made for every character; the
    arguments (a ``c_void_p`` handle and a small ``int``) need no conversion.
    """
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p)
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


def _is_italic(raw: Any, handle: Any, index: int) -> bool:
    """Whether the font of character ``index`` is italic: by name, flags or angle."""
    import ctypes

    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int(0)
    raw.FPDFText_GetFontInfo(handle, index, name, len(name), ctypes.byref(flags))
    if _ITALIC_NAME.search(name.value.decode("latin-1")) or flags.value & _ITALIC_FLAG:
        return True
    angle = ctypes.c_int(0)
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(handle, index))
    return bool(font) and bool(raw.FPDFFont_GetItalicAngle(font, ctypes.byref(angle))) and angle.value < -4
