"""Turn labelled fields into a CSL-JSON item, the cited locator and a CSL type.

The labels are close to CSL variable names already; this step removes what
only the printed form needs (``vol.``, ``no.``, ``pp.``, ``ed.``), splits
names, reads dates, and decides the item's type from which fields are
present, the way a reader would: an archive or a shelf mark makes a
manuscript, a container with volume or issue a journal article, a container
with a full day-date a newspaper article, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from emendo.apparatus.parser.dates import parse_date
from emendo.apparatus.parser.fields import Field
from emendo.apparatus.parser.names import split_names
from emendo.apparatus.parser.tokens import Token

NAME_LABELS = frozenset({"author", "editor", "translator", "interviewer"})
_TEXT_VARIABLES: Mapping[str, str] = {
    "title": "title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "publisher": "publisher",
    "publisher-place": "publisher-place",
    "archive": "archive",
    "archive-place": "archive-place",
    "archive_location": "archive_location",
    "archive_collection": "collection-title",
    "genre": "genre",
    "note": "note",
    "number": "number",
    "url": "URL",
}
_ARCHIVAL_LABELS = frozenset({"archive", "archive_location", "archive_collection", "archive-place"})
_FULL_FORM_LABELS = frozenset(
    {
        "date",
        "publisher",
        "publisher-place",
        "container-title",
        "url",
        "genre",
        "number",
        "edition",
        "accessed",
        "page",
        "issue",
        "interviewer",
        *_ARCHIVAL_LABELS,
    }
)
_VOLUME_MARKER_RE = re.compile(r"^(?:vols?|volume|bd|band|t|tom|tome|tomo|kn|part|pt)\.?\s*", re.IGNORECASE)
_ISSUE_MARKER_RE = re.compile(r"^(?:nos?|nr|number|issue|n°|n|heft|h|zesz|vyp)\.?\s*", re.IGNORECASE)
_PAGE_MARKER_RE = re.compile(r"^(?:pp?|ss?|str|pages?)\.?\s+(?=[\dixvlc])", re.IGNORECASE)
_VOLUMES_RE = re.compile(r"^(\d+)\s*vols?\.?$", re.IGNORECASE)
_EDITION_RE = re.compile(
    r"^(\d+)(?:st|nd|rd|th|e|\.)?\s*(?:ed|edn|edition|éd|izd|aufl|wyd)\.?$", re.IGNORECASE
)
_ROLE_ONLY_RE = re.compile(r"^(?:eds?|editors?|hrsg|red|comp|sost)\.?$", re.IGNORECASE)
_ACCESSED_RE = re.compile(r"^(?:accessed|retrieved|consulted|viewed)\s*(?:on\s+)?", re.IGNORECASE)
_HEREAFTER_RE = re.compile(
    r"^(?:hereafter(?:\s+cited\s+as)?|henceforth|cited\s+as|abbreviated|dalej)\s*", re.IGNORECASE
)
_THESIS_RE = re.compile(r"diss|thesis|dissertat", re.IGNORECASE)
_REPORT_RE = re.compile(r"report|estimate|working paper|memorandum", re.IGNORECASE)
_INTERVIEW_RE = re.compile(r"interview", re.IGNORECASE)
_OPEN_QUOTES = frozenset("“‘«„\"'")


@dataclass(frozen=True, slots=True)
class CslReference:
    """What the labelled fields of one reference say, in CSL terms."""

    item: dict[str, Any]
    locator: str | None
    short_form: bool


def build_reference(text: str, tokens: Sequence[Token], fields: Sequence[Field]) -> CslReference:
    """The CSL item, locator and short-form flag of a reference from its fields."""
    values: dict[str, list[str]] = {}
    for field in fields:
        values.setdefault(field.label, []).append(text[field.start : field.end])
    item: dict[str, Any] = {}
    _add_names(item, values)
    _add_titles(item, values)
    for label, variable in _TEXT_VARIABLES.items():
        if label not in {"title", "container-title"} and label in values:
            item[variable] = ", ".join(filter(None, (item.get(variable), *values[label])))
    _add_numbers(item, values)
    _add_dates(item, values)
    locator = (
        ", ".join(_strip_page_marker(value) for value in values["locator"]) if "locator" in values else None
    )
    short_form = _is_short_form(values)
    item = {"type": _csl_type(values, item, short_form, _title_is_quoted(tokens, fields)), **item}
    return CslReference(item, locator, short_form)


def _add_names(item: dict[str, Any], values: Mapping[str, list[str]]) -> None:
    """Authors, editors, translators, interviewers; ``Ann Lee, ed.`` alone makes Ann Lee an editor."""
    names = {
        label: [name for value in values.get(label, []) for name in split_names(value)]
        for label in NAME_LABELS
    }
    editor_role_only = any(_ROLE_ONLY_RE.match(value.strip()) for value in values.get("editor", []))
    if editor_role_only and names["author"] and not names["editor"]:
        names["editor"], names["author"] = names["author"], []
    for label in ("author", "editor", "translator", "interviewer"):
        if names[label]:
            item[label] = names[label]


def _add_titles(item: dict[str, Any], values: Mapping[str, list[str]]) -> None:
    """The first title is the work's; a later one names a volume, kept as a note (CSL 1.0.1 has no
    variable for it)."""
    titles = values.get("title", [])
    if titles:
        item["title"] = titles[0]
        if len(titles) > 1:
            item["note"] = "; ".join(titles[1:])
    if "container-title" in values:
        item["container-title"] = ", ".join(values["container-title"])


def _add_numbers(item: dict[str, Any], values: Mapping[str, list[str]]) -> None:
    if "volume" in values:
        item["volume"] = ", ".join(_VOLUME_MARKER_RE.sub("", value) for value in values["volume"])
    if "issue" in values:
        item["issue"] = ", ".join(_ISSUE_MARKER_RE.sub("", value) for value in values["issue"])
    if "page" in values:
        item["page"] = ", ".join(_strip_page_marker(value) for value in values["page"])
    if "number-of-volumes" in values:
        raw = values["number-of-volumes"][0]
        matched = _VOLUMES_RE.match(raw.strip())
        item["number-of-volumes"] = matched.group(1) if matched else raw
    if "edition" in values:
        raw = values["edition"][0]
        matched = _EDITION_RE.match(raw.strip())
        item["edition"] = matched.group(1) if matched else raw


def _add_dates(item: dict[str, Any], values: Mapping[str, list[str]]) -> None:
    if "date" in values:
        item["issued"] = parse_date(values["date"][0])
    if "accessed" in values:
        item["accessed"] = parse_date(_ACCESSED_RE.sub("", values["accessed"][0]))


def _strip_page_marker(value: str) -> str:
    """``pp. 14–16`` → ``14–16``; ``s.v. “Nomonhan”`` and ``doc. 213`` stay as written."""
    return _PAGE_MARKER_RE.sub("", value.strip())


def abbreviation_defined(value: str) -> str:
    """The abbreviation a ``hereafter`` field defines.

    >>> abbreviation_defined("hereafter CAW")
    'CAW'
    """
    return _HEREAFTER_RE.sub("", value.strip()).strip(" ,.;:")


def _is_short_form(values: Mapping[str, list[str]]) -> bool:
    """Ibid., or an author and/or title with no date, imprint, container or archive."""
    if "ibid" in values:
        return True
    has_work = "title" in values or "author" in values
    return has_work and not any(label in values for label in _FULL_FORM_LABELS)


def _title_is_quoted(tokens: Sequence[Token], fields: Sequence[Field]) -> bool:
    title = next((field for field in fields if field.label == "title"), None)
    return title is not None and title.first > 0 and tokens[title.first - 1].text in _OPEN_QUOTES


def _csl_type(
    values: Mapping[str, list[str]], item: Mapping[str, Any], short_form: bool, quoted: bool
) -> str:
    """The CSL type a reader would give the reference, from the fields it has."""
    genre = " ".join(values.get("genre", []))
    if "interviewer" in values or _INTERVIEW_RE.search(genre):
        return "interview"
    if _THESIS_RE.search(genre):
        return "thesis"
    if _REPORT_RE.search(genre) or ("number" in values and "container-title" not in values):
        return "report"
    if any(label in values for label in _ARCHIVAL_LABELS):
        return "manuscript"
    if short_form:
        return "book" if "title" in values and not quoted else "article"
    if "container-title" in values:
        return _container_type(values, item)
    if "url" in values and "publisher" not in values:
        return "webpage"
    return "book" if "title" in values or "author" in values else "article"


def _container_type(values: Mapping[str, list[str]], item: Mapping[str, Any]) -> str:
    """Chapter, journal, newspaper, magazine or web page: what holds the titled work."""
    if "editor" in values or "publisher" in values:
        return "chapter"
    if "url" in values or "accessed" in values:
        return "webpage"
    if "volume" in values or "issue" in values or "page" in values:
        return "article-journal"
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if len(parts) == 3:
        return "article-newspaper"
    if len(parts) == 2 or "edition" in values:
        return "article-magazine" if "edition" not in values else "article-newspaper"
    return "article-journal"
