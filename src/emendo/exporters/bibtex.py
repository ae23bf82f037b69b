"""The bibliography as BibTeX: one entry per work, keys like ``fischer1969russias``.

Text is escaped for LaTeX: the ten special characters, typographic quotes and
dashes, and accented Latin letters (``Tōkyō`` → ``T{\\=o}ky{\\=o}``,
``Łódź`` → ``{\\L}{\\'o}d{\\'z}``).  Characters with no LaTeX spelling
(Cyrillic, Japanese script) stay as UTF-8, which biber and modern BibTeX
read.  Titles are braced so that styles keep their capitals.  The places that
cite a work are listed in ``annote``, which styles ignore and Zotero imports
as a note.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emendo.apparatus import Apparatus, Work

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "’": "'",
    "‘": "`",
    "“": "``",
    "”": "''",
    "„": ",,",
    "–": "--",
    "—": "---",
    "…": r"\ldots{}",
    "«": r"\guillemotleft{}",
    "»": r"\guillemotright{}",
    "\u00a0": "~",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "ß": r"{\ss}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "đ": r"{\dj}",
    "Đ": r"{\DJ}",
    "ı": r"{\i}",
}

#: Combining mark -> LaTeX accent command (symbol accents take the letter directly).
_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0328": "k",
    "\u0331": "b",
}

_TYPES = {
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "article": "article",
    "thesis": "phdthesis",
    "report": "techreport",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _letter(base: str, marks: str) -> str:
    """One base letter with its combining marks in LaTeX, or None if a mark has no command."""
    out = r"\i" if base == "i" and marks and marks[0] in "\u0300\u0301\u0302\u0304\u0306\u0308" else base
    for mark in marks:
        command = _ACCENTS[mark]
        out = f"\\{command}{out}" if not command.isalpha() else f"\\{command}{{{out}}}"
    return "{" + out + "}"


def latex_escape(text: str) -> str:
    r"""LaTeX source for ``text``; characters without a LaTeX spelling stay as they are.

    >>> print(latex_escape("Harper & Row, 50% of $5_#"))
    Harper \& Row, 50\% of \$5\_\#
    >>> print(latex_escape("Tōkyō, Łódź, naïve"))
    T{\=o}ky{\=o}, {\L}{\'o}d{\'z}, na{\"\i}ve
    >>> print(latex_escape("“Stalin’s” 1917–1941, Москва"))
    ``Stalin's'' 1917--1941, Москва
    """
    out: list[str] = []
    for cluster in _clusters(text):
        if cluster in _SPECIAL:
            out.append(_SPECIAL[cluster])
            continue
        decomposed = unicodedata.normalize("NFD", cluster)
        base, marks = decomposed[0], decomposed[1:]
        if marks and base.isascii() and base.isalpha() and all(m in _ACCENTS for m in marks):
            out.append(_letter(base, marks))
        else:
            out.append(cluster)
    return "".join(out)


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks attached."""
    clusters: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _name(name: dict[str, Any]) -> str:
    if name.get("literal"):
        return "{" + latex_escape(str(name["literal"])) + "}"
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    if "," in family or " and " in family:
        family = "{" + family + "}"
    return latex_escape(family) + (", " + latex_escape(given) if given else "")


def _names(item: dict[str, Any], role: str) -> str | None:
    value = item.get(role)
    if not isinstance(value, list):
        return None
    names = [_name(n) for n in value if isinstance(n, dict) and (n.get("family") or n.get("literal"))]
    return " and ".join(names) or None


def _date_fields(item: dict[str, Any]) -> dict[str, str]:
    issued = item.get("issued")
    fields: dict[str, str] = {}
    if isinstance(issued, dict) and isinstance(issued.get("date-parts"), list) and issued["date-parts"]:
        first = issued["date-parts"][0]
        if isinstance(first, list) and first:
            fields["year"] = str(first[0])
            if len(first) > 1 and str(first[1]).isdigit() and 1 <= int(first[1]) <= 12:
                fields["month"] = _MONTHS[int(first[1]) - 1]
    elif isinstance(issued, dict) and (issued.get("literal") or issued.get("raw")):
        raw = str(issued.get("literal") or issued.get("raw"))
        found = re.search(r"\b(1[0-9]\d\d|20\d\d)\b", raw)
        if found:
            fields["year"] = found.group(1)
    return fields


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return latex_escape(str(value).strip())
    return None


def work_to_bibtex(work: Work) -> str:
    """One BibTeX entry for a work."""
    item = work.item
    kind = str(item.get("type") or "")
    entry = _TYPES.get(kind, "misc")
    if kind == "manuscript" and item.get("title") and item.get("author"):
        entry = "unpublished"  # its required fields are there; an untitled archival file stays misc
    fields: dict[str, str] = {}
    for role in ("author", "editor", "translator"):
        names = _names(item, role)
        if names:
            fields[role] = names
    title = _text(item, "title")
    if title:
        fields["title"] = "{" + title + "}"
    container = _text(item, "container-title")
    if container:
        fields["journal" if entry == "article" else "booktitle"] = "{" + container + "}"
    for key, bib in (
        ("collection-title", "series"),
        ("edition", "edition"),
        ("volume", "volume"),
        ("issue", "number"),
        ("publisher", "publisher"),
        ("publisher-place", "address"),
        ("DOI", "doi"),
        ("ISBN", "isbn"),
        ("URL", "url"),
    ):
        value = _text(item, key)
        if value:
            fields[bib] = value
    page = _text(item, "page")
    if page:
        fields["pages"] = page.replace("--", "-").replace("-", "--")
    archival = [v for v in (_text(item, k) for k in ("archive", "archive-place", "archive_location")) if v]
    if archival:
        fields["note"] = ", ".join(archival)
    if kind == "article-newspaper":
        fields["entrysubtype"] = "newspaper"  # biblatex's mark of a newspaper; BibTeX ignores it
    fields |= _date_fields(item)
    places = [
        f"p. {p.page_label or p.page + 1}, n. {p.note}" + (f", {p.locator}" if p.locator else "")
        for p in work.places
    ]
    if places:
        fields["annote"] = latex_escape("Cited: " + "; ".join(places))
    lines = [f"@{entry}{{{work.id},"]
    for key, value in fields.items():
        lines.append(f"  {key} = {value}," if key == "month" else f"  {key} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


def apparatus_to_bibtex(apparatus: Apparatus) -> str:
    """Every work of the apparatus as a BibTeX file (UTF-8)."""
    header = "% Encoding: UTF-8\n% Written by emendo from the notes of the pages given.\n"
    return header + "".join("\n" + work_to_bibtex(w) + "\n" for w in apparatus.works)
