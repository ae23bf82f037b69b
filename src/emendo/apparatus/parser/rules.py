"""Label a reference's tokens by rule, for when the CRF cannot run.

The rules read a Chicago-style note the way its conventions are taught: a
trailing run of page numbers is the locator; a parenthesis with a colon is
the imprint (place: publisher, year); a quoted title is an article or
chapter whose container follows; what comes before the title is the author;
a reference with an archive word or a shelf mark and no imprint is an
archival source, read segment by segment.  They cover the common forms, not
every form: the trained model is the parser, the rules are its fallback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from emendo.apparatus.parser.fields import OUTSIDE, keeps_period
from emendo.apparatus.parser.lexicon import MONTHS, SEASONS, word_classes
from emendo.apparatus.parser.tokens import Token

_OPEN_QUOTES = frozenset("“«„")
_CLOSE_QUOTES = frozenset("”»")
_YEAR_RE = re.compile(r"^(1[4-9]\d\d|20[0-4]\d)(?:[–\-/]\d{2,4})?$")
_LOCATOR_WORD_RE = re.compile(
    r"^(?:\d+(?:[–\-]\d+)?(?:n\d+)?|[ivxlcdm]+(?:[–\-][ivxlcdm]+)?|pp?|nn?|ff?|ll?|docs?|P|Pp)$"
)
_LOCATOR_SEPARATORS = frozenset({",", ":", ")", "”", '"'})
_LEAF_MARKERS = frozenset({"l", "ll", "f", "ff", "k", "kk", "fol", "fols"})
_SHELF_SHAPE_RE = re.compile(r"\d.*[./\-]|[./\-].*\d|^[A-Z]{1,4}$")


@dataclass(frozen=True, slots=True)
class _Span:
    """A half-open token range ``[start, end)``."""

    start: int
    end: int


def rule_labels(tokens: Sequence[Token]) -> list[str]:
    """One label per token, by the conventions of Chicago notes and bibliographies.

    >>> from emendo.apparatus.parser.tokens import tokenize
    >>> tokens = tokenize("Ann Lee, Rivers of Iron (Oxford: Clarendon Press, 1990), 12.")
    >>> sorted({(l, t.text) for t, l in zip(tokens, rule_labels(tokens)) if t.is_word and l != "O"})[:4]
    [('author', 'Ann'), ('author', 'Lee'), ('date', '1990'), ('locator', '12')]
    """
    labels = [OUTSIDE] * len(tokens)
    _label_urls(tokens, labels)
    if _first_quote(tokens, 0, len(tokens)) is None and _is_archival(tokens, len(tokens)):
        for group in _paren_groups(tokens, 0, len(tokens)):
            _label_paren(tokens, labels, group)
        if not any(label in {"publisher", "genre"} for label in labels):
            _label_ibid(tokens, labels, len(tokens))
            _label_archival(tokens, labels, len(tokens))
            return labels
        labels = [OUTSIDE] * len(tokens)
        _label_urls(tokens, labels)
    if _is_interview(tokens):
        _label_interview(tokens, labels)
        return labels
    body_end = _label_locator(tokens, labels)
    structural = [
        group for group in _paren_groups(tokens, 0, body_end) if _label_paren(tokens, labels, group)
    ]
    structural = [group for group in structural if labels[group.start + 1] != "hereafter"]
    ibid_end = _label_ibid(tokens, labels, body_end)
    quote = _first_quote(tokens, 0, body_end)
    imprint = structural[0].start if structural else _bare_imprint(tokens, labels, body_end)
    head_end = min(x for x in (quote.start if quote else None, imprint, body_end) if x is not None)
    if ibid_end is not None:
        _label_segment(tokens, labels, _Span(0, ibid_end[0]), "author")
        _label_title_segments(tokens, labels, _Span(ibid_end[1], head_end))
    elif quote is not None and quote.start == head_end:
        _label_segment(tokens, labels, _Span(0, quote.start), "author")
    else:
        _label_head(tokens, labels, _Span(0, head_end), has_imprint=imprint is not None)
    if quote is not None:
        _label_segment(tokens, labels, _Span(quote.start + 1, quote.end), "title")
        tail_end = min(
            x
            for x in (imprint if imprint is not None and imprint > quote.end else None, body_end)
            if x is not None
        )
        _label_container(tokens, labels, _Span(quote.end + 1, tail_end))
    elif imprint is None and head_end == body_end:
        _label_dated_head(tokens, labels, body_end)
    return labels


def _label_segment(tokens: Sequence[Token], labels: list[str], span: _Span, label: str) -> None:
    """Give every word token of ``span`` (and the punctuation between them) ``label``."""
    words = [i for i in range(span.start, span.end) if tokens[i].is_word]
    if words:
        for index in range(words[0], words[-1] + 1):
            if labels[index] == OUTSIDE:
                labels[index] = label


def _label_urls(tokens: Sequence[Token], labels: list[str]) -> None:
    for index, token in enumerate(tokens):
        if "://" in token.text or token.text.lower().startswith("www."):
            labels[index] = "url"
        elif token.text.lower() in {"accessed", "retrieved"}:
            end = index + 1
            while end < len(tokens) and (_is_date_word(tokens[end].text) or tokens[end].text == ","):
                end += 1
            _label_segment(tokens, labels, _Span(index, end), "accessed")


def _label_locator(tokens: Sequence[Token], labels: list[str]) -> int:
    """Label the trailing page numbers; return where the reference's body ends.

    The run must follow a separator (``,`` ``:`` ``)``); ``3:112`` gives
    volume 3 and locator 112.  A lone year after a comma with no parentheses
    anywhere is a bibliography's date, not a locator.
    """
    end = len(tokens)
    while end > 0 and tokens[end - 1].text in {".", ";"}:
        end -= 1
    earliest = end
    while earliest > 0 and (
        _LOCATOR_WORD_RE.match(tokens[earliest - 1].text) or tokens[earliest - 1].text in {",", ".", ":"}
    ):
        earliest -= 1
    starts = [
        i
        for i in range(max(earliest, 1), end)
        if tokens[i].is_word and tokens[i - 1].text in _LOCATOR_SEPARATORS
    ]
    start = next((i for i in starts if not _YEAR_RE.match(tokens[i].text)), starts[-1] if starts else None)
    if start is None:
        return end
    if tokens[start].text.lower() in _LEAF_MARKERS:
        _label_segment(tokens, labels, _Span(start, end), "archive_location")
        return start
    run = [i for i in range(start, end) if tokens[i].is_word]
    if len(run) == 1 and _YEAR_RE.match(tokens[run[0]].text) and not any(t.text == "(" for t in tokens):
        labels[run[0]] = "date"
        return start
    colon = next((i for i in range(start, end) if tokens[i].text == ":"), None)
    if colon is not None:
        _label_segment(tokens, labels, _Span(start, colon), "volume")
    _label_segment(tokens, labels, _Span(start if colon is None else colon + 1, end), "locator")
    return start


def _paren_groups(tokens: Sequence[Token], start: int, end: int) -> list[_Span]:
    """Top-level parenthesised groups in ``[start, end)`` as spans from ``(`` to ``)``."""
    groups: list[_Span] = []
    depth, opened = 0, -1
    for index in range(start, end):
        if tokens[index].text == "(":
            depth += 1
            opened = index if depth == 1 else opened
        elif tokens[index].text == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(_Span(opened, index))
    return groups


def _label_paren(tokens: Sequence[Token], labels: list[str], group: _Span) -> bool:
    """Label a parenthesis by what it holds; True when it is part of the citation's structure."""
    inner = _Span(group.start + 1, group.end)
    words = [tokens[i] for i in range(inner.start, inner.end) if tokens[i].is_word]
    if not words:
        return False
    first = words[0].text.lower()
    if "hereafter" in word_classes(first):
        _label_segment(tokens, labels, inner, "hereafter")
        return True
    if "thesis" in word_classes(first):
        return _label_imprint(tokens, labels, inner, first_label="genre")
    if any(tokens[i].text == ":" for i in range(inner.start, inner.end)):
        return _label_imprint(tokens, labels, inner, first_label="publisher-place")
    if all(_is_date_word(word.text) for word in words):
        _label_segment(tokens, labels, inner, "date")
        return True
    if any("edition" in word_classes(word.text) for word in words) and not any(
        w.text.isdigit() for w in words
    ):
        _label_segment(tokens, labels, inner, "edition")
        return False
    if _YEAR_RE.match(words[-1].text) and len(words) <= 4:
        comma = next((i for i in range(inner.start, inner.end) if tokens[i].text == ","), None)
        year = next(i for i in range(inner.end - 1, inner.start - 1, -1) if tokens[i].is_word)
        _label_segment(
            tokens, labels, _Span(inner.start, comma if comma is not None else year), "publisher-place"
        )
        labels[year] = "date"
        return True
    if len(words) <= 3 and all("place" in word_classes(word.text) for word in words):
        _label_segment(tokens, labels, inner, "publisher-place")
    return False


def _label_imprint(tokens: Sequence[Token], labels: list[str], inner: _Span, first_label: str) -> bool:
    """``Place: Publisher, Year`` (or ``PhD diss., University, Year``), with ``; repr. ...`` as a note."""
    semicolon = next((i for i in range(inner.start, inner.end) if tokens[i].text == ";"), inner.end)
    if semicolon < inner.end:
        _label_segment(tokens, labels, _Span(semicolon + 1, inner.end), "note")
    separator = ":" if first_label == "publisher-place" else ","
    split = next((i for i in range(inner.start, semicolon) if tokens[i].text == separator), None)
    if split is None:
        return False
    year = next((i for i in range(semicolon - 1, split, -1) if _YEAR_RE.match(tokens[i].text)), None)
    _label_segment(tokens, labels, _Span(inner.start, split), first_label)
    publisher_end = semicolon if year is None else year
    _label_segment(tokens, labels, _Span(split + 1, publisher_end), "publisher")
    if year is not None:
        labels[year] = "date"
    return True


def _bare_imprint(tokens: Sequence[Token], labels: list[str], end: int) -> int | None:
    """A bibliography's imprint outside parentheses: ``. New York: Knopf, 1990.``; returns its start."""
    for colon in range(1, end):
        if tokens[colon].text != ":" or not _is_place_word(tokens[colon - 1].text):
            continue
        dot = next((i for i in range(colon - 1, max(colon - 7, 0), -1) if tokens[i].text == "."), None)
        if dot is None or not all(_is_place_word(t.text) or t.text == "," for t in tokens[dot + 1 : colon]):
            continue
        start = dot + 1
        if any(_YEAR_RE.match(t.text) for t in tokens[colon:]):
            year = next(i for i in range(len(tokens) - 1, colon, -1) if _YEAR_RE.match(tokens[i].text))
            _label_segment(tokens, labels, _Span(start, colon), "publisher-place")
            _label_segment(tokens, labels, _Span(colon + 1, year), "publisher")
            labels[year] = "date"
            return start
    return None


def _is_place_word(text: str) -> bool:
    return text[:1].isupper() or "place" in word_classes(text)


def _label_ibid(tokens: Sequence[Token], labels: list[str], end: int) -> tuple[int, int] | None:
    """Label ``Ibid.``, ``Idem``, ``op. cit.``; return the ``[start, end)`` they cover."""
    for index in range(end):
        lower = tokens[index].text.lower()
        if lower in {"ibid", "ibidem", "idem", "eadem"} or (
            lower in {"op", "loc"} and index + 2 < end and tokens[index + 2].text.lower() == "cit"
        ):
            last = index + 2 if lower in {"op", "loc"} else index
            if (
                last + 1 < len(tokens)
                and tokens[last + 1].text == "."
                and tokens[last + 1].start == tokens[last].end
            ):
                last += 1
            _label_segment(tokens, labels, _Span(index, last + 1), "ibid")
            for i in range(index, last + 1):
                labels[i] = "ibid"
            return index, last + 1
    return None


def _first_quote(tokens: Sequence[Token], start: int, end: int) -> _Span | None:
    """The first quoted stretch: from its opening quote to its closing quote."""
    for index in range(start, end):
        text = tokens[index].text
        if text in _OPEN_QUOTES or text == '"':
            closers = _CLOSE_QUOTES if text in _OPEN_QUOTES else {'"'}
            close = next((j for j in range(index + 1, end) if tokens[j].text in closers), None)
            if close is not None:
                return _Span(index, close)
    return None


def _segments(tokens: Sequence[Token], span: _Span) -> list[_Span]:
    """Split ``span`` at commas outside parentheses."""
    segments: list[_Span] = []
    depth, start = 0, span.start
    for index in range(span.start, span.end):
        text = tokens[index].text
        depth += (text == "(") - (text == ")")
        if text == "," and depth == 0:
            segments.append(_Span(start, index))
            start = index + 1
    segments.append(_Span(start, span.end))
    return [
        segment for segment in segments if any(tokens[i].is_word for i in range(segment.start, segment.end))
    ]


def _words(tokens: Sequence[Token], span: _Span) -> list[str]:
    return [tokens[i].text for i in range(span.start, span.end) if tokens[i].is_word]


def _looks_like_names(words: Sequence[str]) -> bool:
    """Capitalised words and initials, perhaps joined by ``and``: ``E. H. Carr``, ``Ken and Rupasov``."""
    if not words or len(words) > 8:
        return False
    return all(
        (word[:1].isupper() and not any(c.isdigit() for c in word))
        or word.lower() in {"and", "&", "van", "von", "de", "d’"}
        for word in words
    )


def _label_head(tokens: Sequence[Token], labels: list[str], span: _Span, has_imprint: bool) -> None:
    """Author and title of a work whose title is not quoted."""
    sentence = _inverted_author_end(tokens, span)
    if sentence is not None:
        _label_segment(tokens, labels, _Span(span.start, sentence), "author")
        title_end = _sentence_break(tokens, _Span(sentence + 1, span.end)) or span.end
        _label_segment(tokens, labels, _Span(sentence + 1, title_end), "title")
        return
    segments = _segments(tokens, span)
    if len(segments) >= 2 and _looks_like_names(_words(tokens, segments[0])):
        _label_segment(tokens, labels, segments[0], "author")
        _label_title_segments(tokens, labels, _Span(segments[1].start, span.end))
    elif has_imprint or len(segments) == 1:
        _label_title_segments(tokens, labels, span)


def _label_dated_head(tokens: Sequence[Token], labels: list[str], end: int) -> None:
    """``Pravda, 14 August 1938``: a container and a date with no title."""
    segments = _segments(tokens, _Span(0, end))
    dated = [s for s in segments if _words(tokens, s) and all(_is_date_word(w) for w in _words(tokens, s))]
    if dated and dated[0] is not segments[0]:
        for index in range(segments[0].start, end):
            if labels[index] in {"title", "author"}:
                labels[index] = OUTSIDE
        _label_segment(tokens, labels, _Span(segments[0].start, dated[0].start - 1), "container-title")
        _label_segment(tokens, labels, dated[0], "date")


def _inverted_author_end(tokens: Sequence[Token], span: _Span) -> int | None:
    """Where ``Family, Given I.`` ends, before a bibliography's title: the period after the given names."""
    if span.end - span.start < 4 or not tokens[span.start].is_word or tokens[span.start + 1].text != ",":
        return None
    for index in range(span.start + 3, min(span.end, span.start + 9)):
        if tokens[index].text == "." and index + 1 < span.end and tokens[index + 1].text[:1].isupper():
            given = _words(tokens, _Span(span.start + 2, index))
            return index if given and _looks_like_names(given) else None
        if tokens[index].text in {",", ":"}:
            return None
    return None


def _sentence_break(tokens: Sequence[Token], span: _Span) -> int | None:
    """The first period that ends a sentence (not an initial's) inside the first words of ``span``."""
    for index in range(span.start + 1, min(span.end, span.start + 12)):
        if tokens[index].text == "." and not keeps_period(tokens[index - 1].text):
            return index
    return None


def _label_title_segments(tokens: Sequence[Token], labels: list[str], span: _Span) -> None:
    """A title followed by marked segments: ``trans. X``, ``ed. X``, ``3 vols.``, ``vol. 2``, ``2nd ed.``."""
    title_end = span.end
    for segment in _segments(tokens, span):
        words = _words(tokens, segment)
        first = words[0].lower()
        label = _marked_segment_label(first, words)
        if label is not None:
            title_end = min(title_end, segment.start)
            _label_segment(tokens, labels, segment, label)
    _label_segment(tokens, labels, _Span(span.start, title_end), "title")


def _marked_segment_label(first: str, words: Sequence[str]) -> str | None:
    classes = word_classes(first)
    if "translator_marker" in classes:
        return "translator"
    if "editor_marker" in classes or first == "edited":
        return "editor"
    if len(words) >= 2 and words[1].lower() in {"vols", "volumes"}:
        return "number-of-volumes"
    if "volume_marker" in classes:
        return "volume"
    if len(words) >= 2 and words[-1].lower() in {"ed", "edition"}:
        return "edition"
    return None


def _label_container(tokens: Sequence[Token], labels: list[str], span: _Span) -> None:
    """What follows a quoted title: ``in Book, ed. X``, ``Journal 16, no. 2 (1981)`` or a newspaper's date."""
    words = [i for i in range(span.start, span.end) if tokens[i].is_word and labels[i] == OUTSIDE]
    if not words:
        return
    start = words[0]
    if tokens[start].text.lower() in {"in", "w"}:
        segments = _segments(tokens, _Span(start + 1, span.end))
        if (
            len(segments) >= 3
            and _marked_segment_label(_words(tokens, segments[1])[0].lower(), ["ed"]) == "editor"
        ):
            _label_segment(tokens, labels, _Span(segments[0].start, segments[1].end), "editor")
            segments = segments[2:]
        if not segments:
            return  # a bare ``in`` or ``w`` closes the reference: nothing to contain it
        _label_segment(tokens, labels, segments[0], "container-title")
        for segment in segments[1:]:
            seg_words = _words(tokens, segment)
            if (
                all(_YEAR_RE.match(word) for word in seg_words)
                and labels[segment.start - 2] == "container-title"
            ):
                label = "container-title"
            else:
                label = _marked_segment_label(seg_words[0].lower(), seg_words) or "editor"
            _label_segment(tokens, labels, segment, label)
        return
    index = start
    while index < span.end and not _ends_container(tokens, labels, index):
        index += 1
    _label_segment(tokens, labels, _Span(start, index), "container-title")
    _label_numbers(tokens, labels, _Span(index, span.end))


def _ends_container(tokens: Sequence[Token], labels: list[str], index: int) -> bool:
    text = tokens[index].text
    return (
        text in {",", "(", ":"}
        or labels[index] != OUTSIDE
        or text[:1].isdigit()
        or (
            ("volume_marker" in word_classes(text) or "issue_marker" in word_classes(text))
            and text.lower() != "n"
        )
    )


def _label_numbers(tokens: Sequence[Token], labels: list[str], span: _Span) -> None:
    """Volume, issue and date after a container: ``66, no. 5``, ``2008, no. 6``, ``March 3, 1937``."""
    index = span.start
    while index < span.end:
        token = tokens[index]
        lower = token.text.lower()
        if labels[index] != OUTSIDE or not token.is_word:
            index += 1
            continue
        if (
            "issue_marker" in word_classes(lower)
            and index + 2 < span.end
            and tokens[index + 2].text[:1].isdigit()
        ):
            _label_segment(tokens, labels, _Span(index, index + 3), "issue")
            index += 3
        elif "volume_marker" in word_classes(lower) and index + 2 < span.end:
            _label_segment(tokens, labels, _Span(index, index + 3), "volume")
            index += 3
        elif _is_date_word(token.text) and not _starts_volume(tokens, index, span):
            date_end = index
            while date_end < span.end and (
                _is_date_word(tokens[date_end].text) or tokens[date_end].text == ","
            ):
                date_end += 1
            _label_segment(tokens, labels, _Span(index, date_end), "date")
            index = date_end
        elif token.text.isdigit():
            labels[index] = "volume"
            index += 1
        else:
            index += 1


def _starts_volume(tokens: Sequence[Token], index: int, span: _Span) -> bool:
    """A bare number that is not a year and is not followed by a month: a volume."""
    text = tokens[index].text
    if not text.isdigit() or _YEAR_RE.match(text):
        return False
    following = next((tokens[i].text for i in range(index + 1, span.end) if tokens[i].is_word), "")
    return following.lower() not in MONTHS


def _is_date_word(text: str) -> bool:
    lower = text.lower().rstrip(".")
    return (
        bool(_YEAR_RE.match(text))
        or lower in MONTHS
        or lower in SEASONS
        or (text.isdigit() and len(text) <= 2)
    )


def _is_archival(tokens: Sequence[Token], end: int) -> bool:
    """An archive word, a shelf-mark-like token, or an all-capitals abbreviation leading the reference."""
    words = [t for t in tokens[:end] if t.is_word]
    if not words:
        return False
    if any("archive" in word_classes(t.text) for t in words):
        return True
    if any(t.text.lower() in {"hereafter", "henceforth"} for t in words):
        return True
    shelf = any(
        "shelf_marker" in word_classes(t.text) and any(c.isdigit() for c in _next_word(tokens, i, end))
        for i, t in enumerate(tokens[:end])
    )
    leading_abbreviation = words[0].text.isupper() and len(words[0].text) >= 2 and len(words) >= 2
    return shelf or (leading_abbreviation and any(_SHELF_SHAPE_RE.search(t.text) for t in words[1:]))


def _next_word(tokens: Sequence[Token], index: int, end: int) -> str:
    return next((tokens[i].text for i in range(index + 1, end) if tokens[i].is_word), "")


def _is_interview(tokens: Sequence[Token]) -> bool:
    return any("interview" in word_classes(t.text) for t in tokens) and not any(
        t.text in _OPEN_QUOTES for t in tokens
    )


def _label_interview(tokens: Sequence[Token], labels: list[str]) -> None:
    """``Name, interview by X, Place, Date`` or ``Interview with Name, Place, Date``."""
    segments = _segments(tokens, _Span(0, len(tokens)))
    for position, segment in enumerate(segments):
        words = _words(tokens, segment)
        lower = [word.lower() for word in words]
        if "interview" in word_classes(lower[0]):
            marker_end = (
                segment.start + 2 if len(words) > 1 and lower[1] in {"by", "with"} else segment.start + 1
            )
            _label_segment(tokens, labels, _Span(segment.start, marker_end), "genre")
            rest = "interviewer" if lower[1:2] == ["by"] else "author"
            _label_segment(tokens, labels, _Span(marker_end, segment.end), rest)
        elif all(_is_date_word(word) for word in words):
            _label_segment(tokens, labels, segment, "date")
        else:
            _label_segment(tokens, labels, segment, "author" if position == 0 else "publisher-place")


def _label_archival(tokens: Sequence[Token], labels: list[str], end: int) -> None:
    """Segment by segment: document title, date, archive, place, collection and shelf mark."""
    archive_seen = location_seen = False
    defines_abbreviation = "hereafter" in labels
    for position, segment in enumerate(_segments(tokens, _Span(0, end))):
        words = [
            tokens[i].text
            for i in range(segment.start, segment.end)
            if tokens[i].is_word and labels[i] == OUTSIDE
        ]
        if not words:
            continue
        classes = {name for word in words for name in word_classes(word)}
        has_digits = any(any(c.isdigit() for c in word) for word in words)
        if words and all(_is_date_word(word) for word in words) and has_digits:
            label = "date"
        elif {"archive"} <= classes and not has_digits:
            is_collection = any(w.lower() in {"papers", "collection", "nachlass", "fonds"} for w in words)
            label = "archive_collection" if is_collection else "archive"
            archive_seen = archive_seen or not is_collection
        elif has_digits or ("shelf_marker" in classes and location_seen):
            label, location_seen = "archive_location", True
        elif position == 0 and (defines_abbreviation or (len(words) <= 2 and words[0].isupper())):
            label, archive_seen = "archive", True
        elif (archive_seen and not location_seen and len(words) <= 3) or (
            archive_seen and location_seen and len(words) <= 3 and all(w[:1].isupper() for w in words)
        ):
            label = "archive-place"
        else:
            label = "title" if position == 0 else "archive_location" if location_seen else "archive"
        _label_segment(tokens, labels, segment, label)
