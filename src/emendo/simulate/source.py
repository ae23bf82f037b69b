"""Clean text for the simulator: paragraphs and notes as printed words.

The simulator starts from text whose every word is known to be right.  It
reads a small markup, the one Project Gutenberg transcriptions use:
``_italic span_``, footnote anchors ``[12]`` in the body, and note bodies
``[12] text`` in blocks of their own.  :func:`read_gutenberg` turns such a
file into a :class:`CleanDocument`; :func:`parse_markup` does one paragraph,
so tests can write their own clean text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field

_MARKUP = re.compile(r"(_)|\[(\d+)\]|(\s+)|([^_\[\s]+|\[)")
_NOTE_START = re.compile(r"\[(\d+)\]\s+(\S.*)", re.DOTALL)
_HEADING = re.compile(r"[^a-z]*[A-Z][^a-z]*")
_NOT_PROSE = re.compile(r"https?:|gutenberg|transcriber|=>|\{pg|\[illustration|\s{3,}", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]")
_MIN_PARAGRAPH_WORDS = 12
_MIN_WRAPPED_LINE = 45


@dataclass(frozen=True, slots=True)
class Token:
    """One word of clean text as printed, with what typesetting needs of it.

    ``italic_start``/``italic_end`` tell whether its first/last character is
    set in italics (a space next to a font change is what extraction loses);
    ``notes`` are the footnotes whose marker is printed right after it.
    """

    text: str
    italic_start: bool = False
    italic_end: bool = False
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A paragraph, or the text of a note, as tokens; ``italics`` are its italic runs."""

    tokens: tuple[Token, ...]
    italics: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The clean text: tokens joined by single spaces, no markers."""
        return " ".join(token.text for token in self.tokens)


@dataclass(frozen=True)
class CleanDocument:
    """Body paragraphs and the notes they anchor, in reading order.

    ``notes`` maps a note number to its text; every marker in a paragraph
    names a note that is here.  ``title`` and ``heading`` are the running
    heads of left and right pages.
    """

    paragraphs: tuple[Passage, ...]
    notes: dict[int, Passage] = field(default_factory=dict)
    title: str = "A Book of Clean Prose"
    heading: str = "Chapter 1"

    def word_count(self) -> int:
        return sum(len(p.tokens) for p in self.paragraphs) + sum(len(n.tokens) for n in self.notes.values())


@dataclass
class _Reader:
    """Accumulates tokens and italic runs while :func:`parse_markup` scans."""

    tokens: list[Token] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    word: list[str] = field(default_factory=list)
    run: list[str] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    italic: bool = False
    starts_italic: bool = False
    ends_italic: bool = False

    def toggle_italic(self) -> None:
        if self.italic:
            self.close_run()
        self.italic = not self.italic

    def close_run(self) -> None:
        run = " ".join("".join(self.run).split())
        if run:
            self.runs.append(run)
        self.run = []

    def add_text(self, text: str) -> None:
        if not self.word:
            self.starts_italic = self.italic
        self.word.append(text)
        self.ends_italic = self.italic
        if self.italic:
            self.run.append(text)

    def add_note(self, number: int) -> None:
        # One marker a word: a second anchor on the same word would print as
        # an ambiguous run of superscripts, so it is left out.
        if self.notes:
            return
        if self.word or not self.tokens:
            self.notes.append(number)
        elif not self.tokens[-1].notes:  # an anchor standing alone belongs to the word before
            last = self.tokens[-1]
            self.tokens[-1] = Token(last.text, last.italic_start, last.italic_end, (number,))

    def end_word(self) -> None:
        if self.italic:
            self.run.append(" ")
        if self.word:
            text = "".join(self.word)
            self.tokens.append(Token(text, self.starts_italic, self.ends_italic, tuple(self.notes)))
        self.word = []
        self.notes = []

    def passage(self) -> Passage:
        self.end_word()
        self.close_run()
        return Passage(tuple(self.tokens), tuple(self.runs))


def parse_markup(text: str, notes: Collection[int] | None = None) -> Passage:
    """Clean text with ``_italics_`` and ``[n]`` anchors as a :class:`Passage`.

    Anchors whose number is not in ``notes`` are dropped; with ``notes=None``
    anchors are not markup at all and stay as text (inside a note).

    >>> p = parse_markup("the newspaper _Pravda_ said so.[3] Then", notes={3})
    >>> p.text, p.italics, p.tokens[2].italic_start, p.tokens[4].notes
    ('the newspaper Pravda said so. Then', ('Pravda',), True, (3,))
    """
    reader = _Reader()
    for match in _MARKUP.finditer(text):
        underscore, number, space, chars = match.groups()
        if underscore:
            reader.toggle_italic()
        elif number is not None:
            if notes is None:
                reader.add_text(match.group())
            elif int(number) in notes:
                reader.add_note(int(number))
        elif space:
            reader.end_word()
        else:
            reader.add_text(chars)
    return reader.passage()


def _unwrap(lines: Sequence[str]) -> str:
    """One paragraph from wrapped lines; ``--`` becomes the em dash a book prints."""
    return " ".join(line.strip() for line in lines).replace("--", "—")


def _is_prose(lines: Sequence[str]) -> bool:
    """A wrapped paragraph of running text: not a heading, table, index or note.

    Wrapped prose has unindented lines that, but for the last, run close to
    the wrap width; index entries, verse and tables do not.
    """
    if any(line[:1].isspace() for line in lines):
        return False
    if any(len(line) < _MIN_WRAPPED_LINE for line in lines[:-1]):
        return False
    text = " ".join(lines)
    if len(text.split()) < _MIN_PARAGRAPH_WORDS or _NOT_PROSE.search(text):
        return False
    letters = len(_LETTERS.findall(text))
    return letters >= 0.7 * len(text.replace(" ", ""))


def _blocks(text: str) -> Iterator[list[str]]:
    """Runs of non-blank lines."""
    block: list[str] = []
    for line in text.splitlines():
        if line.strip():
            block.append(line.rstrip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def read_gutenberg(text: str, title: str = "A Book of Clean Prose") -> CleanDocument:
    """The prose paragraphs and footnotes of a Project Gutenberg transcription.

    Keeps the paragraphs of running text, and every note
    ``[n] ...`` (chapter-end or book-end ``FOOTNOTES:`` sections); headings,
    tables, verse, index entries and the transcriber's apparatus are left
    out, as are a note's paragraphs after its first.
    """
    raw_paragraphs: list[str] = []
    notes: dict[int, Passage] = {}
    in_notes = False
    for lines in _blocks(text):
        joined = _unwrap(lines)
        start = _NOTE_START.fullmatch(joined)
        if start:
            notes[int(start.group(1))] = parse_markup(start.group(2))
            continue
        if len(lines) == 1 and _HEADING.fullmatch(lines[0].strip()):
            in_notes = lines[0].strip().upper().startswith("FOOTNOTES")
            continue
        if not in_notes and _is_prose(lines):
            raw_paragraphs.append(joined)
    paragraphs = tuple(parse_markup(p, notes) for p in raw_paragraphs)
    return CleanDocument(paragraphs, notes, title)


def split_documents(source: CleanDocument, words: int) -> list[CleanDocument]:
    """Consecutive runs of paragraphs of about ``words`` body words each.

    Each part keeps only the notes its own paragraphs anchor, and is
    headed as a chapter of its own.

    >>> doc = CleanDocument(tuple(parse_markup("one two three") for _ in range(5)))
    >>> [len(part.paragraphs) for part in split_documents(doc, 6)]
    [2, 2, 1]
    """
    if words < 1:
        raise ValueError("split_documents needs a positive number of words")
    parts: list[CleanDocument] = []
    chunk: list[Passage] = []
    count = 0
    for paragraph in source.paragraphs:
        chunk.append(paragraph)
        count += len(paragraph.tokens)
        if count >= words:
            parts.append(_part(chunk, source, len(parts) + 1))
            chunk, count = [], 0
    if chunk:
        parts.append(_part(chunk, source, len(parts) + 1))
    return parts


def _part(paragraphs: Sequence[Passage], source: CleanDocument, number: int) -> CleanDocument:
    anchored = [n for p in paragraphs for t in p.tokens for n in t.notes]
    notes = {n: source.notes[n] for n in anchored}
    return CleanDocument(tuple(paragraphs), notes, source.title, f"Chapter {number}")
