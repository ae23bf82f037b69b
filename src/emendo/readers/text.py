"""Read page text from files, folders and standard input.

One text file is one page; form feeds (``\\f``) split a file into several
pages; several files, or a folder, are consecutive pages in natural order
(``page2.txt`` before ``page10.txt``); a PDF file among them is read by
:mod:`emendo.readers.pdf`.  Decoding is strict: a file that is not text in
the expected encoding is refused with a message that says what to do, because
guessing would put silent garbage into an edition.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from emendo.errors import InputError
from emendo.model import Page
from emendo.readers.pdf import PageRange, PdfConfig, read_pdf

STDIN = "-"
PAGE_BREAK = "\f"


@dataclass(frozen=True)
class ReaderConfig:
    """How input bytes become pages.

    ``encoding`` is used unless the input starts with a byte-order mark;
    ``max_bytes`` guards against feeding a whole corpus to the page reader
    (``emendo batch`` is made for that).  ``pages`` selects pages of a PDF by
    their 1-based position (``"120-140"``, ``"1-3,7,10-"``; see
    :class:`~emendo.readers.pdf.PageRange`); ``pdf`` tunes how PDF glyphs
    become text.
    """

    encoding: str = "utf-8"
    max_bytes: int = 256 * 1024 * 1024
    pages: str | None = None
    pdf: PdfConfig = field(default_factory=PdfConfig)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders embedded numbers by value.

    >>> sorted(["p10.txt", "p2.txt", "p1.txt"], key=natural_key)
    ['p1.txt', 'p2.txt', 'p10.txt']
    """
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", name) if part
    )


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Files named, with each folder replaced by its files in natural order."""
    files: list[str] = []
    for source in sources:
        path = Path(source)
        if source == STDIN or path.is_file():
            files.append(source)
        elif path.is_dir():
            inside = [p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")]
            if not inside:
                raise InputError(f"{source}: the folder has no files; point emendo at page text files")
            files.extend(str(p) for p in sorted(inside, key=lambda p: natural_key(p.name)))
        else:
            raise InputError(f"{source}: no such file or folder")
    return files


#: A NUL inside a word is what some extractors write for a ligature glyph they
#: cannot map (``di\\x00cult``); anywhere else it is a binary file's (UTF-16
#: without a byte-order mark puts one after every ASCII character).
_NUL_IN_WORD = re.compile(rb"(?<=[A-Za-z ])\x00(?=[a-z])")


def _looks_binary(head: bytes) -> bool:
    """Whether the first bytes of an input are a binary file's rather than text.

    >>> _looks_binary(b"a di\\x00cult o\\x00ce"), _looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    (False, True)
    >>> _looks_binary("The end".encode("utf-16-le"))
    True
    """
    nuls = head.count(b"\x00")
    return nuls > 0 and nuls > len(_NUL_IN_WORD.findall(head))


def decode(data: bytes, name: str, config: ReaderConfig) -> str:
    """Bytes to text: a BOM wins, else ``config.encoding``, strictly.

    >>> decode("Tōkyō".encode("utf-16"), "x", ReaderConfig())
    'Tōkyō'
    """
    if len(data) > config.max_bytes:
        raise InputError(
            f"{name}: {len(data) / 2**20:.0f} MiB is more than one book ({config.max_bytes / 2**20:.0f} MiB "
            "limit); split it, or process a corpus with 'emendo batch'"
        )
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if data.startswith(b"%PDF-"):
            raise InputError(f"{name}: this is a PDF, not page text; give emendo the PDF file by name")
        if _looks_binary(data[:8192]):
            raise InputError(
                f"{name}: this looks like a binary file, not page text; give emendo the text extracted "
                "from a PDF (UTF-8, or pass --encoding)"
            )
        encoding = config.encoding
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid {err.encoding} text (byte {err.start}); "
            "pass the file's encoding, for example --encoding cp1252"
        ) from None
    except LookupError:
        raise InputError(
            f"{name}: unknown encoding {encoding!r}; use a name such as utf-8 or cp1252"
        ) from None
    if encoding == "utf-8-sig" or encoding in {"utf-16", "utf-32"}:
        text = text.removeprefix("\ufeff")
    return text


#: In a file whose words hold TeX's codes for ff, ffi or ffl (``e\\x0bect``,
#: ``o\\x0ece``: a TeX font that maps its ligature glyphs to no letters), a
#: form feed after a letter or a space and before a lowercase letter is the
#: code for fi (``signi\\fcant``), and only the others break the page.
_TEX_CODES_IN_WORDS = re.compile(r"[\x0b\x0e\x0f](?<=[^\W\d_].)(?=[a-z])")
_PAGE_BREAK = re.compile(r"(?<![^\W\d_])(?<![ \t])\f|\f(?![a-zß-öø-ÿ])")


def split_pages(text: str) -> list[str]:
    """Page texts of one file: form feeds separate pages; empty ones are dropped.

    >>> split_pages("one\\fTwo\\f")
    ['one', 'Two']
    >>> split_pages("the \\frst e\\x0bect.\\n\\fthe next"), split_pages("first\\fsecond")
    (['the \\x0crst e\\x0bect.\\n', 'the next'], ['first', 'second'])
    """
    if PAGE_BREAK not in text:
        return [text] if text else []
    pages = _PAGE_BREAK.split(text) if _TEX_CODES_IN_WORDS.search(text) else text.split(PAGE_BREAK)
    return [page for page in pages if page]


def read_source(source: str, config: ReaderConfig) -> str:
    """The decoded text of one file, or of standard input for ``-``."""
    name = "standard input" if source == STDIN else source
    try:
        data = sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read it ({err.strerror})") from None
    text = decode(data, name, config)
    if not text.strip():
        raise InputError(f"{name}: the input is empty; give emendo page text extracted from a PDF")
    return text


def is_pdf(source: str) -> bool:
    """Whether a named file is a PDF: by its name, or by its first bytes.

    Standard input is always read as text (a PDF there is refused by
    :func:`decode` with a message).
    """
    if source == STDIN:
        return False
    if source.lower().endswith(".pdf"):
        return True
    try:
        with open(source, "rb") as file:
            return file.read(5) == b"%PDF-"
    except OSError:
        return False  # read_source reports why it cannot be read


def iter_pages(sources: Sequence[str], config: ReaderConfig = ReaderConfig()) -> Iterator[Page]:
    """Pages of all sources, numbered consecutively from 0."""
    index = 0
    page_range = PageRange.parse(config.pages) if config.pages is not None else None
    for source in expand_sources(sources):
        if is_pdf(source):
            for page in read_pdf(source, page_range, config.pdf):
                yield replace(page, index=index)
                index += 1
            continue
        pages = split_pages(read_source(source, config))
        for n, text in enumerate(pages):
            origin = source if len(pages) == 1 else f"{source}#{n + 1}"
            yield Page(index=index, original=text, origin=origin)
            index += 1


def pages_from_texts(texts: Iterable[str]) -> list[Page]:
    """Pages from texts already in memory (one text a page)."""
    return [Page(index=n, original=text) for n, text in enumerate(texts)]
