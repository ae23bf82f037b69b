"""The document's bibliography: distinct works, each with every place that cites it.

Footnotes cite the same book many times: once in full, then by short title,
``Ibid.`` or an abbreviation, and again in full in a later chapter.  The
:class:`Catalogue` gathers the works as the notes are read, merging full
references of one work (same authors and a near-identical title, or the same
archive and shelf mark), and gives each a citation key of the usual form
(``fischer1969russia``).  The finished :class:`Apparatus` holds every citation,
every work with its places, and the abbreviations; ``to_json()`` is what the
JSON edition carries under ``"apparatus"``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz import fuzz

from emendo.apparatus.notes import NotePart

#: Words a citation key skips when it takes the first word of a title.
_KEY_STOPWORDS = frozenset(
    """
    a an the of on in and to for at by from with le la les l de des du un une der die das den ein eine
    il lo gli i e el los las o os
    """.split()
)


# -- reading CSL items -------------------------------------------------------


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Casefolded letters and digits only, accents dropped, for comparing titles and names.

    >>> normalize("Tōkyō’s  “Road”, 1917–1941.")
    'tokyos road 1917 1941'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[’'‘ʼ]", "", plain)
    return " ".join(re.sub(r"[^\w]+|_", " ", plain).split())


def names(item: dict[str, Any], role: str = "author") -> list[dict[str, Any]]:
    """The name dicts of ``role`` in a CSL item (empty when absent or malformed)."""
    value = item.get(role)
    return [n for n in value if isinstance(n, dict)] if isinstance(value, list) else []


def families(item: dict[str, Any]) -> list[str]:
    """Normalized family names of the authors, else of the editors.

    >>> families({"author": [{"family": "Fischer", "given": "Louis"}]})
    ['fischer']
    >>> families({"editor": [{"literal": "Central Archive"}]})
    ['central archive']
    """
    for role in ("author", "editor"):
        found = [normalize(str(n.get("family") or n.get("literal") or "")) for n in names(item, role)]
        found = [f for f in found if f]
        if found:
            return found
    return []


def year(item: dict[str, Any]) -> int | None:
    """The year of ``issued``, from date-parts or a literal/raw date.

    >>> year({"issued": {"date-parts": [[2014, 7]]}}), year({"issued": {"literal": "4 October 1933"}})
    (2014, 1933)
    """
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            try:
                return int(parts[0][0])
            except (TypeError, ValueError):
                pass
        issued = issued.get("literal") or issued.get("raw")
    if isinstance(issued, str | int):
        found = re.search(r"\b(1[0-9]\d\d|20\d\d)\b", str(issued))
        return int(found.group(1)) if found else None
    return None


def title(item: dict[str, Any]) -> str:
    """The title, else the container title, else the archive and its shelf mark."""
    for key in ("title", "container-title"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return " ".join(str(item.get(k, "")) for k in ("archive", "archive_location")).strip()


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normalize(text).replace(" ", ""))


def citation_key(item: dict[str, Any], taken: Iterable[str] = ()) -> str:
    """A BibTeX-style key: first author's family, year, first significant title word.

    >>> item = {"author": [{"family": "Fischer"}], "title": "Russia’s Road"}
    >>> item["issued"] = {"date-parts": [[1969]]}
    >>> citation_key(item)
    'fischer1969russia'
    >>> citation_key(item, taken={"fischer1969russia"})
    'fischer1969russiab'
    >>> citation_key({"archive": "XYZA", "archive_location": "S.9.4.5"})
    'xyzas945'
    >>> citation_key({"archive": "Archiwum Akt Nowych", "archive_location": "k. 5"})
    'aank5'
    """
    words = [w for w in normalize(re.sub(r"[’']s\b", "", title(item))).split() if w not in _KEY_STOPWORDS]
    name = _ascii_word(families(item)[0].split()[-1]) if families(item) else ""
    archive = str(item.get("archive") or "")
    if not name and archive and item.get("archive_location"):  # an archival file: siglum and shelf mark
        archive_words = normalize(archive).split()
        name = "".join(w[0] for w in archive_words) if len(archive_words) > 1 else _ascii_word(archive)
        words = normalize(str(item["archive_location"])).split()
    if not name and words:
        name, words = _ascii_word(words[0]), words[1:]
    when = year(item)
    if when:
        word = next((_ascii_word(w) for w in words if _ascii_word(w) and not w.isdigit()), "")
    else:  # an undated item (an archival file) is told apart by its whole title or shelf mark
        word = "".join(_ascii_word(w) for w in words)
    base = (name or "ref") + (str(when) if when else "") + word[:20]
    if base[0].isdigit():  # keys double as XML ids, which start with a letter
        base = "ref" + base
    taken = set(taken)
    key, suffix = base, ord("b")
    while key in taken:
        key = base + chr(suffix) if suffix <= ord("z") else f"{base}{suffix}"
        suffix += 1
    return key


# -- works and places --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where a work is cited: page, note and the locator given there.

    ``page`` is the index of the page in the input, ``page_label`` its printed
    number or label when layout found one.
    """

    page: int
    page_label: str | None
    note: int
    citation: str
    locator: str | None


@dataclass
class Work:
    """One distinct work of the document and every place that cites it.

    ``complete`` is false for a work known only from a short form (its full
    reference is on a page not given).
    """

    id: str
    item: dict[str, Any]
    complete: bool = True
    places: list[Place] = field(default_factory=list)

    def csl(self) -> dict[str, Any]:
        """The CSL item with its ``id``."""
        return {"id": self.id, **self.item}


def _same_work(a: dict[str, Any], b: dict[str, Any], threshold: float) -> bool:
    """Whether two full references name the same work.

    >>> a = {"author": [{"family": "Lee"}], "title": "Rivers of the North"}
    >>> _same_work(a, {"author": [{"family": "Lee"}], "title": "Rivers of the  North."}, 92)
    True
    >>> _same_work(a, {"author": [{"family": "Roe"}], "title": "Rivers of the North"}, 92)
    False
    """
    if a.get("archive_location") or b.get("archive_location"):
        return normalize(str(a.get("archive_location", ""))) == normalize(
            str(b.get("archive_location", ""))
        ) and normalize(str(a.get("archive", ""))) == normalize(str(b.get("archive", "")))
    fa, fb = families(a), families(b)
    if fa and fb and fa != fb:
        return False
    for key in ("volume", "edition"):  # another volume or edition is another work
        if a.get(key) and b.get(key) and normalize(str(a[key])) != normalize(str(b[key])):
            return False
    if year(a) and year(b) and year(a) != year(b):
        return False
    ta, tb = normalize(title(a)), normalize(title(b))
    if not ta or not tb or fuzz.ratio(ta, tb) < threshold:
        return False
    ca, cb = normalize(str(a.get("container-title", ""))), normalize(str(b.get("container-title", "")))
    return not (ca and cb and fuzz.ratio(ca, cb) < threshold)


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``old`` with the fields only ``new`` has."""
    return old | {k: v for k, v in new.items() if k not in old}


class Catalogue:
    """The works met so far, in order of first citation, with merging and look-up."""

    def __init__(self, same_work_threshold: float) -> None:
        self._threshold = same_work_threshold
        self.works: list[Work] = []

    def add(self, item: dict[str, Any], *, complete: bool = True) -> Work:
        """The work ``item`` describes: an earlier one it repeats, else a new one."""
        for work in self.works:
            if _same_work(work.item, item, self._threshold):
                if complete and not work.complete:
                    work.item, work.complete = _merged(item, work.item), True
                else:
                    work.item = _merged(work.item, item)
                return work
        work = Work(citation_key(item, (w.id for w in self.works)), dict(item), complete)
        self.works.append(work)
        return work

    def get(self, work_id: str) -> Work:
        return next(w for w in self.works if w.id == work_id)

    def by_family(self, family: str, threshold: float) -> list[Work]:
        """Works whose author (or editor) family name matches ``family``."""
        wanted = normalize(family)
        if not wanted:
            return []
        return [w for w in self.works if any(fuzz.ratio(wanted, f) >= threshold for f in families(w.item))]


# -- the apparatus -----------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One reference in one note, parsed and, for a short form, resolved.

    ``start``/``end`` are offsets in the note's text.  ``form`` is ``full``,
    ``short``, ``ibid``, ``idem``, ``op_cit`` or ``abbreviation``.  ``work`` is
    the id of the work cited, ``via`` the earlier citation a short form was
    resolved through, ``problem`` why it could not be resolved (an ``Ibid.``
    after a note citing several works), ``reason`` how it was.
    """

    id: str
    note: int
    note_index: int
    page: int
    page_label: str | None
    start: int
    end: int
    text: str
    signal: str | None
    form: str
    item: dict[str, Any]
    locator: str | None
    spans: tuple[tuple[str, int, int], ...]
    work: str | None
    via: str | None
    problem: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "note": self.note,
            "note_index": self.note_index,
            "page": self.page,
            "page_label": self.page_label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "signal": self.signal,
            "form": self.form,
            "item": self.item,
            "locator": self.locator,
            "spans": [{"field": f, "start": s, "end": e} for f, s, e in self.spans],
            "work": self.work,
            "via": self.via,
            "problem": self.problem,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class AbbreviationEntry:
    """A defined abbreviation, or a siglum used but never defined (``expansion`` None)."""

    abbreviation: str
    expansion: str | None
    defined_in: tuple[int, int, int] | None  # (note index, start, end) of the defining clause
    stands_for_work: str | None
    uses: tuple[tuple[int, int, int], ...]  # (note index, start, end)
    defined_in_block: tuple[int, int, int] | None = None  # (block index, start, end), defined in the text
    block_uses: tuple[tuple[int, int, int], ...] = ()  # (block index, start, end)


@dataclass(frozen=True)
class Apparatus:
    """Everything the notes of a document say about its sources.

    ``parts`` holds, for each note of the document (same order), its signal,
    reference and commentary parts.
    """

    notes: tuple[tuple[int, int, str | None], ...]  # (number, page index, page label) per note
    parts: tuple[tuple[NotePart, ...], ...]
    citations: tuple[Citation, ...]
    works: tuple[Work, ...]
    abbreviations: tuple[AbbreviationEntry, ...]
    blocks: tuple[tuple[int, str | None], ...] = ()  # (page index, printed page label) per block

    @property
    def undefined(self) -> tuple[AbbreviationEntry, ...]:
        """Sigla used in references but defined nowhere on the pages given."""
        return tuple(a for a in self.abbreviations if a.expansion is None)

    def work(self, work_id: str) -> Work:
        return next(w for w in self.works if w.id == work_id)

    def citations_of(self, note_index: int) -> list[Citation]:
        """The citations of one note (by its index in the document), in order."""
        return self._by_note.get(note_index, [])

    @cached_property
    def _by_note(self) -> dict[int, list[Citation]]:
        by_note: dict[int, list[Citation]] = {}
        for citation in self.citations:
            by_note.setdefault(citation.note_index, []).append(citation)
        return by_note

    def to_json(self) -> dict[str, Any]:
        """Plain data for the JSON edition (its ``"apparatus"`` key)."""

        def place(note_index: int, start: int, end: int) -> dict[str, Any]:
            number, page, label = self.notes[note_index]
            return {
                "note": number,
                "note_index": note_index,
                "page": page,
                "page_label": label,
                "start": start,
                "end": end,
            }

        def block_place(block_index: int, start: int, end: int) -> dict[str, Any]:
            page, label = self.blocks[block_index]
            return {"block": block_index, "page": page, "page_label": label, "start": start, "end": end}

        def definition(a: AbbreviationEntry) -> dict[str, Any] | None:
            if a.defined_in is not None:
                return place(*a.defined_in)
            return block_place(*a.defined_in_block) if a.defined_in_block is not None else None

        return {
            "notes": [
                {
                    "number": number,
                    "note_index": n,
                    "parts": [
                        {"kind": p.kind.value, "start": p.start, "end": p.end, "text": p.text}
                        for p in self.parts[n]
                    ],
                }
                for n, (number, _, _) in enumerate(self.notes)
            ],
            "citations": [c.to_json() for c in self.citations],
            "works": [
                {
                    "id": w.id,
                    "complete": w.complete,
                    "item": w.csl(),
                    "places": [
                        {
                            "page": p.page,
                            "page_label": p.page_label,
                            "note": p.note,
                            "citation": p.citation,
                            "locator": p.locator,
                        }
                        for p in w.places
                    ],
                }
                for w in self.works
            ],
            "abbreviations": [
                {
                    "abbreviation": a.abbreviation,
                    "expansion": a.expansion,
                    "defined": a.expansion is not None,
                    "definition": definition(a),
                    "work": a.stands_for_work,
                    "uses": [place(*u) for u in a.uses] + [block_place(*u) for u in a.block_uses],
                }
                for a in self.abbreviations
            ],
            "undefined_abbreviations": [a.abbreviation for a in self.undefined],
        }
