"""Short forms: ``Ibid.``, ``Idem``, ``op. cit.`` and short titles, resolved to the works they cite.

After its first full citation a work is cited short: by author and short title
(``Lee, Rivers, 12``), by title alone (``Rivers., 12.`` when the author is
unknown or an editor), by ``Ibid.`` (the work of the note before), ``Idem``
(the same author as before) or ``op. cit.`` (the last work of that author).
The :class:`Resolver` reads the citations of a document in order and keeps the
history these forms point back into.  Where the history does not decide (an
``Ibid.`` after a note citing two works, or after a note that is not on the
pages given) it says so in ``problem`` instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rapidfuzz import fuzz

from emendo.apparatus.bibliography import Catalogue, Work, families, normalize


class CitationForm(StrEnum):
    """How a reference cites its work."""

    FULL = "full"
    SHORT = "short"
    IBID = "ibid"
    IDEM = "idem"
    OP_CIT = "op_cit"
    ABBREVIATION = "abbreviation"


@dataclass(frozen=True)
class ShortFormConfig:
    """How closely a short form must match a work.

    ``title_match`` is the least rapidfuzz score (0-100) of a short title
    against a full title (after a prefix and a word-subset test have failed);
    ``name_match`` the same for an author's family name.
    """

    title_match: float = 88.0
    name_match: float = 88.0
    min_title_chars: int = 4


_IBID = re.compile(r"\s*(?:ibid(?:em)?|ib)\b\.?(?=\s*(?:[,.;:]|$|\d|pp?\.))", re.IGNORECASE)
_IDEM = re.compile(r"\s*(?:idem|eadem|iidem|eaedem|id\.|ead\.)(?=[\s,.;:]|$)\.?", re.IGNORECASE)
_OP_CIT = re.compile(r"[,\s]*\b(?:op|loc|ouvr|art)\.?\s*cit\.?", re.IGNORECASE)

_ROMAN = r"(?:[ivxlc]+|[IVXLC]+)"
_PAGE = (
    rf"(?:(?:pp?|ff?|fol|fols|col|cols|l|ll)\.\s*)?(?:\d+[a-z]?|{_ROMAN})(?:\s*[–\-—]\s*(?:\d+|{_ROMAN}))?"
)
_PAGE_ITEM = rf"(?:\d+:)?{_PAGE}(?:\s*(?:n|nn)\.\s*\d+(?:\s*[–\-]\s*\d+)?)?(?:\s*(?:ff?\.|passim))?"
_LOCATOR = re.compile(rf",[”’\"]?\s*(?:at\s+)?(?P<locator>{_PAGE_ITEM}(?:\s*,\s*{_PAGE_ITEM})*)\s*\.?\s*$")
_COMPLETE = re.compile(
    r"\b(?:1[4-9]\d\d|20\d\d)\b|\([^()]*:[^()]*\)|\b[A-Za-z]{0,3}\.?\d+(?:\.\d+){2,}\b"
    r"|\b(?:f|op|d)\.\s*\d+,|\((?:hereafter|henceforth|hereinafter)\b",
    re.IGNORECASE,
)
_AUTHOR_ONLY = re.compile(r"[A-Z][^\W\d_’'\-]*(?:[’'\-][^\W\d_]+)*(?:\s+[A-Z][^\W\d_’'\-]*){0,2}")


def trailing_locator(text: str) -> tuple[int, int] | None:
    """Span of the cited pages at the end of a reference.

    >>> t = "Stalin i Kaganovich., 32, 119–20, 122."
    >>> s = trailing_locator(t); t[s[0]:s[1]]
    '32, 119–20, 122'
    >>> t = "Ann Lee, Rivers (Oxford: Clio, 1990), 4 n. 2."
    >>> s = trailing_locator(t); t[s[0]:s[1]]
    '4 n. 2'
    >>> t = "Roe, “Ships,” 112."
    >>> s = trailing_locator(t); t[s[0]:s[1]]
    '112'
    >>> trailing_locator("XYZA, S.9.4.5.") is None
    True
    """
    match = _LOCATOR.search(text)
    return (match.start("locator"), match.end("locator")) if match else None


def looks_complete(text: str) -> bool:
    """Whether a reference carries publication facts (a year, a publisher, a shelf mark).

    >>> looks_complete("Ann Lee, Rivers (Oxford: Clio, 1990), 4."), looks_complete("Lee, Rivers, 4.")
    (True, False)
    """
    return bool(_COMPLETE.search(text))


@dataclass(frozen=True, slots=True)
class FormMatch:
    """What the opening of a reference says: its form and where the rest begins.

    ``author`` is the name before ``op. cit.``; ``rest`` the offset after the
    ``Ibid.``/``Idem``/``op. cit.`` word.
    """

    form: CitationForm
    rest: int
    author: str | None = None


def detect_form(text: str) -> FormMatch | None:
    """``Ibid.``, ``Idem`` or ``op. cit.`` forms; None for a full or short-title reference.

    >>> detect_form("Ibid., 45.").form.value, detect_form("Idem, Hills, 3.").form.value
    ('ibid', 'idem')
    >>> m = detect_form("Lee, op. cit., 230."); (m.form.value, m.author)
    ('op_cit', 'Lee')
    >>> detect_form("Ibidem Press Catalogue (Oxford: Clio, 1990).") is None
    True
    """
    for pattern, form in ((_IBID, CitationForm.IBID), (_IDEM, CitationForm.IDEM)):
        match = pattern.match(text)
        if match:
            return FormMatch(form, match.end())
    op_cit = _OP_CIT.search(text)
    if op_cit and 0 < op_cit.start() <= 60:
        author = text[: op_cit.start()].strip(" ,")
        if _AUTHOR_ONLY.fullmatch(author) or author.count(",") <= 1:
            return FormMatch(CitationForm.OP_CIT, op_cit.end(), author)
    return None


def _short_body(text: str) -> str:
    """A short form without its locator and closing punctuation."""
    span = trailing_locator(text)
    body = text[: span[0]] if span else text
    return body.strip().rstrip(',.;:”’" ').strip()


def title_score(short: str, full: str) -> float:
    """How well a short title stands for a full title (0-100).

    A word prefix (``Russia’s Road`` of ``Russia’s Road from Peace to War``)
    or all its words in the full title score 100 and 95; otherwise a fuzzy
    partial match, which forgives damage such as a lost ligature.

    >>> title_score("Rivers", "Rivers of the North"), title_score("North Rivers", "Rivers of the North")
    (100.0, 95.0)
    """
    s, f = normalize(short), normalize(full)
    if not s or not f:
        return 0.0
    if f == s or f.startswith(s + " "):
        return 100.0
    if set(s.split()) <= set(f.split()):
        return 95.0
    return float(fuzz.partial_ratio(s, f) if len(s) >= 8 else fuzz.ratio(s, f))


def _work_titles(work: Work) -> list[str]:
    item = work.item
    found = [str(item[k]) for k in ("title", "title-short", "container-title") if item.get(k)]
    return found or [" ".join(str(item.get(k, "")) for k in ("archive", "archive_location"))]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a short form was resolved to, or why it was not."""

    form: CitationForm
    work: Work | None
    via: str | None
    locator: str | None
    problem: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class _Cited:
    citation: str
    note_index: int
    note: int
    work: Work | None
    locator: str | None


class Resolver:
    """Reads a document's references in order and resolves each to a work."""

    def __init__(self, catalogue: Catalogue, config: ShortFormConfig) -> None:
        self.catalogue = catalogue
        self.config = config
        self._history: list[_Cited] = []
        self._by_note: dict[int, list[_Cited]] = {}  # note index -> its citations
        self._first: dict[int, str] = {}  # id(work) -> the citation that brought it in
        self._recency: dict[int, int] = {}  # id(work) -> position of its latest citation
        self._notes: dict[int, int] = {}  # note index -> note number, every note seen

    def see_note(self, note_index: int, number: int) -> None:
        """Record that a note exists (even one that cites nothing)."""
        self._notes[note_index] = number

    def resolve(
        self,
        citation: str,
        note_index: int,
        text: str,
        parsed: dict[str, Any],
        parsed_short: bool,
        parsed_locator: str | None,
        abbreviation: tuple[str, Work] | None = None,
    ) -> Resolution:
        """Resolve one reference; ``parsed`` is the parser's CSL item for it.

        ``abbreviation`` is an abbreviation opening the reference that stands
        for a whole work, with that work.
        """
        span = trailing_locator(text)
        own_locator = text[span[0] : span[1]] if span else None
        match = detect_form(text)
        if abbreviation is not None:
            name, work = abbreviation
            result = Resolution(
                CitationForm.ABBREVIATION,
                work,
                self._first.get(id(work)),
                own_locator or parsed_locator,
                None,
                f"'{name}' is defined as an abbreviation of this work",
            )
        elif match is not None and match.form is CitationForm.IBID:
            result = self._ibid(note_index, own_locator)
        elif match is not None and match.form is CitationForm.OP_CIT:
            result = self._op_cit(match.author or "", own_locator)
        elif match is not None and match.form is CitationForm.IDEM:
            result = self._idem(text[match.rest :].lstrip(" ,.;"), parsed, own_locator, parsed_locator)
        else:
            result = self._short_or_full(text, parsed, parsed_short, own_locator, parsed_locator)
        cited = _Cited(citation, note_index, self._notes.get(note_index, -1), result.work, result.locator)
        self._history.append(cited)
        self._by_note.setdefault(note_index, []).append(cited)
        if result.work is not None:
            self._first.setdefault(id(result.work), citation)
            self._recency[id(result.work)] = len(self._history)
        return result

    # -- the forms -------------------------------------------------------

    def _ibid(self, note_index: int, locator: str | None) -> Resolution:
        form = CitationForm.IBID
        same_note = self._by_note.get(note_index, [])
        if same_note:
            return self._through(same_note[-1], form, locator, "the reference before it in the same note")
        number = self._notes.get(note_index)
        previous_number = self._notes.get(note_index - 1)
        if number is None or previous_number is None or previous_number != number - 1:
            wanted = f"note {number - 1}" if number is not None else "the note before"
            return Resolution(form, None, None, locator, f"{wanted} is not on the pages given", "")
        cited = self._by_note.get(note_index - 1, [])
        if not cited:
            return Resolution(form, None, None, locator, f"note {previous_number} cites no work", "")
        works = {id(c.work): c.work for c in cited}
        if len(works) > 1 or None in works.values():
            listed = ", ".join(w.id for w in works.values() if w is not None) or "unresolved references"
            return Resolution(
                form,
                None,
                None,
                locator,
                f"ambiguous: note {previous_number} cites {len(cited)} references ({listed})",
                "",
            )
        return self._through(cited[-1], form, locator, f"the work of note {previous_number}")

    def _through(self, earlier: _Cited, form: CitationForm, locator: str | None, what: str) -> Resolution:
        if earlier.work is None:
            return Resolution(form, None, earlier.citation, locator, f"{what} is itself unresolved", "")
        return Resolution(form, earlier.work, earlier.citation, locator or earlier.locator, None, what)

    def _op_cit(self, author: str, locator: str | None) -> Resolution:
        form = CitationForm.OP_CIT
        name = author.split(",")[0].split()
        family = name[-1] if name else ""
        candidates = {id(w) for w in self.catalogue.by_family(family, self.config.name_match)}
        for earlier in reversed(self._history):
            if earlier.work is not None and id(earlier.work) in candidates:
                return Resolution(
                    form, earlier.work, earlier.citation, locator, None, f"the last work cited by {author}"
                )
        return Resolution(form, None, None, locator, f"no earlier work by {author or 'that author'}", "")

    def _idem(
        self, rest: str, parsed: dict[str, Any], locator: str | None, parsed_locator: str | None
    ) -> Resolution:
        form = CitationForm.IDEM
        previous = next((c for c in reversed(self._history) if c.work is not None), None)
        if previous is None or previous.work is None:
            return Resolution(form, None, None, locator, "no earlier author to repeat", "")
        authors: dict[str, Any] = {
            k: previous.work.item[k] for k in ("author", "editor") if k in previous.work.item
        }
        if looks_complete(rest):
            work = self.catalogue.add({**parsed, **authors})
            return Resolution(
                form,
                work,
                previous.citation,
                locator or parsed_locator,
                None,
                "a new work by the author of the reference before",
            )
        body = _short_body(rest)
        own = [w for w in self.catalogue.works if families(w.item) == families(previous.work.item)]
        best = self._best(body, own) if body else previous.work
        if best is None:
            return Resolution(
                form,
                None,
                previous.citation,
                locator,
                f"no earlier work by the same author matches '{body}'",
                "",
            )
        return Resolution(
            form, best, previous.citation, locator, None, "the same author as the reference before"
        )

    def _short_or_full(
        self,
        text: str,
        parsed: dict[str, Any],
        parsed_short: bool,
        locator: str | None,
        parsed_locator: str | None,
    ) -> Resolution:
        if not looks_complete(text):
            found = self._match_short(_short_body(text))
            if found is not None:
                work, how = found
                return Resolution(CitationForm.SHORT, work, self._first_citation_of(work), locator, None, how)
            if parsed_short:
                work = self.catalogue.add(parsed, complete=False)
                return Resolution(
                    CitationForm.SHORT,
                    work,
                    None,
                    locator or parsed_locator,
                    "no earlier full reference on the pages given matches this short form",
                    "",
                )
        work = self.catalogue.add(parsed)
        return Resolution(CitationForm.FULL, work, None, parsed_locator or locator, None, "a full reference")

    def _first_citation_of(self, work: Work) -> str | None:
        """The citation that brought ``work`` in: its full reference when there is one."""
        return self._first.get(id(work))

    # -- matching short titles ---------------------------------------------

    def _match_short(self, body: str) -> tuple[Work, str] | None:
        """The earlier work a short form names: author + title, title alone, or author alone."""
        if not body:
            return None
        head, _, tail = body.partition(",")
        if tail.strip():
            by_author = self.catalogue.by_family(
                head.split()[-1] if head.split() else "", self.config.name_match
            )
            best = self._best(tail.strip(), by_author)
            if best is not None:
                return best, "author and short title of an earlier full reference"
        best = self._best(body, self.catalogue.works)
        if best is not None:
            return best, "short title of an earlier full reference"
        if _AUTHOR_ONLY.fullmatch(body):
            works = self.catalogue.by_family(body.split()[-1], self.config.name_match)
            if len(works) == 1:
                return works[0], "the only earlier work by this author"
        return None

    def _best(self, short: str, works: list[Work]) -> Work | None:
        """The work whose title ``short`` matches best; the most recently cited on a tie."""
        if len(normalize(short)) < self.config.min_title_chars:
            return None
        scored = [(max(title_score(short, t) for t in _work_titles(w)), w) for w in works]
        scored = [(s, w) for s, w in scored if s >= self.config.title_match]
        if not scored:
            return None
        top = max(s for s, _ in scored)
        tied = [w for s, w in scored if s == top]
        return max(tied, key=lambda w: self._recency.get(id(w), -1))
