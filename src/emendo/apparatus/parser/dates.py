"""Read the date of a reference into CSL ``date-parts``.

Footnotes write dates as ``1969``, ``July 2014``, ``4 October 1933``,
``March 3, 1937``, ``1950–53`` or ``7 lutego 1935``.  What cannot be read is
kept whole as ``{"literal": ...}`` rather than lost.
"""

from __future__ import annotations

import re
from typing import Any

from emendo.apparatus.parser.lexicon import MONTHS, SEASONS

_YEAR = r"(1[0-9]\d\d|20\d\d)"
_RANGE_RE = re.compile(rf"^{_YEAR}\s*[–\-/]\s*(\d{{2,4}})$")
_YEAR_RE = re.compile(rf"{_YEAR}")
_DAY_RE = re.compile(r"\b([0-3]?\d)\b")
_WORD_RE = re.compile(r"[^\W\d_]+")


def parse_date(text: str) -> dict[str, Any]:
    """CSL date object for a date as written.

    >>> parse_date("4 October 1933")
    {'date-parts': [[1933, 10, 4]]}
    >>> parse_date("(July 2014)")
    {'date-parts': [[2014, 7]]}
    >>> parse_date("March 3, 1937")
    {'date-parts': [[1937, 3, 3]]}
    >>> parse_date("1950–53")
    {'date-parts': [[1950], [1953]]}
    >>> parse_date("n.d.")
    {'literal': 'n.d.'}
    """
    cleaned = text.strip(" ()[],.;:")
    ranged = _RANGE_RE.match(cleaned)
    if ranged:
        first, second = ranged.group(1), ranged.group(2)
        end_year = int(first[: 4 - len(second)] + second)
        return {"date-parts": [[int(first)], [end_year]]}
    year = _YEAR_RE.search(cleaned)
    if year is None:
        return {"literal": text.strip()}
    parts = [int(year.group(1))]
    words = [word.lower() for word in _WORD_RE.findall(cleaned)]
    month = next((MONTHS[word] for word in words if word in MONTHS), None)
    if month is not None:
        parts.append(month)
        day = _day(cleaned[: year.start()] + " " + cleaned[year.end() :])
        if day is not None:
            parts.append(day)
    result: dict[str, Any] = {"date-parts": [parts]}
    season = next((word for word in words if word in SEASONS), None)
    if season is not None and month is None:
        result["season"] = season
    return result


def _day(text: str) -> int | None:
    match = _DAY_RE.search(text)
    if match is None:
        return None
    day = int(match.group(1))
    return day if 1 <= day <= 31 else None
