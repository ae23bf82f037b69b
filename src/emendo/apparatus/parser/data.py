"""Read hand-labelled references: inline XML, one ``<sequence>`` per reference.

The format is AnyStyle's: each field is an element named after its label,
and text outside elements is unlabelled::

    <sequence type="book"><author>Ann Smith</author>, <title>Rivers</title>
      (<publisher-place>Oxford</publisher-place>: ...), <locator>12</locator>.</sequence>

Whitespace runs (indentation, line breaks) collapse to one space, so both
one-line sequences and AnyStyle's one-element-per-line files read the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from emendo.apparatus.parser.fields import OUTSIDE
from emendo.apparatus.parser.tokens import Token, tokenize
from emendo.errors import InputError

_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class LabelledReference:
    """A reference string with its labelled character spans and, when given, its CSL type."""

    text: str
    spans: tuple[tuple[str, int, int], ...]
    csl_type: str | None = None


def read_labelled_xml(path: Path, label_map: Mapping[str, str] | None = None) -> list[LabelledReference]:
    """Every ``<sequence>`` of an XML file as a :class:`LabelledReference`.

    ``label_map`` renames element names to labels; an element mapped to
    ``"O"`` becomes unlabelled text.  Raises :class:`InputError` when the
    file cannot be read as XML.
    """
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise InputError(
            f"cannot read labelled references from {path}: {error}; check the file is XML"
        ) from error
    return [parse_sequence(sequence, label_map or {}) for sequence in root.iter("sequence")]


def parse_sequence(sequence: ElementTree.Element, label_map: Mapping[str, str]) -> LabelledReference:
    """One ``<sequence>`` element as text plus labelled spans.

    >>> element = ElementTree.fromstring("<sequence> <a>x  y</a>,\\n <b>z</b> </sequence>")
    >>> parse_sequence(element, {})
    LabelledReference(text='x y, z', spans=(('a', 0, 3), ('b', 5, 6)), csl_type=None)
    """
    parts: list[str] = []
    spans: list[tuple[str, int, int]] = []

    def append(chunk: str | None) -> None:
        if not chunk:
            return
        chunk = _SPACE_RE.sub(" ", chunk)
        if chunk.startswith(" ") and (not parts or parts[-1].endswith(" ")):
            chunk = chunk[1:]
        parts.append(chunk)

    append(sequence.text)
    for element in sequence:
        label = label_map.get(element.tag, element.tag)
        start = sum(map(len, parts))
        append("".join(element.itertext()))
        text_so_far = "".join(parts)
        end = len(text_so_far.rstrip(" "))
        if label != OUTSIDE and end > start:
            spans.append((label, start, end))
        append(element.tail)
    text = "".join(parts)
    stripped = text.rstrip()
    return LabelledReference(
        stripped, tuple((label, s, min(e, len(stripped))) for label, s, e in spans), sequence.get("type")
    )


def token_labels(reference: LabelledReference) -> tuple[list[Token], list[str]]:
    """The reference's tokens and each token's label (``"O"`` outside every span).

    A token that straddles a span boundary takes the label of the span it
    overlaps most.

    >>> tokens, labels = token_labels(LabelledReference("Ibid., 45.", (("ibid", 0, 5), ("locator", 7, 9))))
    >>> list(zip([t.text for t in tokens], labels))
    [('Ibid', 'ibid'), ('.', 'ibid'), (',', 'O'), ('45', 'locator'), ('.', 'O')]
    """
    tokens = tokenize(reference.text)
    return tokens, [_label_of(token, reference.spans) for token in tokens]


def _label_of(token: Token, spans: Sequence[tuple[str, int, int]]) -> str:
    best_label, best_overlap = OUTSIDE, 0
    for label, start, end in spans:
        overlap = min(end, token.end) - max(start, token.start)
        if overlap > best_overlap:
            best_label, best_overlap = label, overlap
    return best_label
