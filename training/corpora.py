"""Load the labelled corpora the parser is trained and measured on.

* the hand-labelled English footnotes in ``data/references/`` (this repository);
* AnyStyle's ``core.xml`` (English bibliographies), labels mapped to ours;
* LinkedBooks (Italian history footnotes, CoNLL, CR line endings), either
  with its own 27 labels (to measure against its test split) or mapped to
  ours (as extra training data).

The external data is read from ``../shared/citations`` at run time and never
copied into the repository.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from emendo.apparatus.parser.data import LabelledReference, read_labelled_xml, token_labels
from emendo.apparatus.parser.fields import OUTSIDE, keeps_period
from emendo.apparatus.parser.tokens import Token

REPOSITORY = Path(__file__).resolve().parents[1]
FOOTNOTES_TRAIN = REPOSITORY / "data" / "references" / "footnotes.train.xml"
FOOTNOTES_HELDOUT = REPOSITORY / "data" / "references" / "footnotes.heldout.xml"
SHARED_CITATIONS = REPOSITORY.parent / "shared" / "citations"
ANYSTYLE_CORE = SHARED_CITATIONS / "anystyle" / "core.xml"
ANYSTYLE_GOLD = SHARED_CITATIONS / "anystyle" / "gold.xml"
LINKEDBOOKS_ARCHIVE = SHARED_CITATIONS / "linkedbooks" / "dataset.tar.gz"

ANYSTYLE_LABELS: Mapping[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "director": "author",
    "producer": "author",
    "title": "title",
    "container-title": "container-title",
    "journal": "container-title",
    "collection-title": "collection-title",
    "date": "date",
    "location": "publisher-place",
    "publisher": "publisher",
    "volume": "volume",
    "pages": "page",
    "edition": "edition",
    "genre": "genre",
    "note": "note",
    "url": "url",
    "doi": "note",
    "isbn": "note",
    "source": "note",
    "medium": "note",
    "citation-number": OUTSIDE,
}
"""AnyStyle's elements to our labels (``pages`` in a bibliography is the article's range)."""

LINKEDBOOKS_LABELS: Mapping[str, str] = {
    "author": "author",
    "title": "title",
    "year": "date",
    "date": "date",
    "publicationplace": "publisher-place",
    "publisher": "publisher",
    "pagination": "locator",
    "column": "locator",
    "archive_lib": "archive",
    "archivalreference": "archive_location",
    "box": "archive_location",
    "folder": "archive_location",
    "filza": "archive_location",
    "registry": "archive_location",
    "foliation": "archive_location",
    "cartulation": "archive_location",
    "attachment": "title",
    "volume": "volume",
    "tomo": "volume",
    "publicationnumber-year": "volume",
    "abbreviation": "ibid",
    "series": "note",
    "numbered_ref": "note",
    "publicationspecifications": "note",
    "ref": "note",
    "conjunction": OUTSIDE,
    "o": OUTSIDE,
}
"""LinkedBooks' task-1 labels to ours, used only when its data is mixed into the English model."""

_NO_SPACE_BEFORE = frozenset(",.;:)]»’!?")
_NO_SPACE_AFTER = frozenset("([«‘")


@dataclass(frozen=True, slots=True)
class Sequence_:
    """Tokens and their labels: one training or test example."""

    tokens: list[Token]
    labels: list[str]


def footnotes(path: Path) -> list[LabelledReference]:
    """Our hand-labelled footnotes (train or held-out file)."""
    return read_labelled_xml(path)


def as_sequences(references: Sequence[LabelledReference]) -> list[Sequence_]:
    return [Sequence_(*token_labels(reference)) for reference in references]


def anystyle(path: Path = ANYSTYLE_CORE) -> list[Sequence_]:
    """AnyStyle references with our labels and conventions.

    Punctuation at field edges and a leading ``In`` are unlabelled, and the
    ``no. 2`` that AnyStyle keeps inside ``volume`` becomes an ``issue``, as
    in our data.
    """
    sequences = []
    for tokens, labels in (token_labels(ref) for ref in read_labelled_xml(path, ANYSTYLE_LABELS)):
        harmonised = _split_issue_from_volume(tokens, _unlabel_leading_in(tokens, labels))
        sequences.append(Sequence_(tokens, outside_edge_punctuation(tokens, harmonised)))
    return sequences


def _unlabel_leading_in(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """``In`` opening a field (AnyStyle's ``<editor>In ...``) is unlabelled, like our ``in``."""
    result = list(labels)
    for index, token in enumerate(tokens):
        starts_field = index == 0 or labels[index - 1] != labels[index]
        if token.text.lower() == "in" and starts_field and labels[index] != OUTSIDE:
            result[index] = OUTSIDE
    return result


def _split_issue_from_volume(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """``<volume>16, no. 2</volume>`` → volume ``16``, issue ``no. 2``."""
    result = list(labels)
    for index, token in enumerate(tokens):
        if result[index] == "volume" and token.text.lower() in {"no", "nos", "issue", "nr"}:
            following = index
            while following < len(tokens) and result[following] == "volume":
                result[following] = "issue"
                following += 1
    return result


def outside_edge_punctuation(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """Unlabel punctuation that opens or closes a field (``“``, ``,``, ``).``), as our data does.

    A period glued to an abbreviation or an initial stays in its field.
    """
    result = list(labels)
    for index, token in enumerate(tokens):
        if token.is_word or result[index] == OUTSIDE:
            continue
        label = result[index]
        before = next((j for j in range(index - 1, -1, -1) if tokens[j].is_word), None)
        after = next((j for j in range(index + 1, len(tokens)) if tokens[j].is_word), None)
        inside = (
            before is not None and after is not None and labels[before] == label and labels[after] == label
        )
        kept_period = (
            token.text == "."
            and before == index - 1
            and tokens[index].start == tokens[before].end
            and labels[before] == label
            and keeps_period(tokens[before].text)
        )
        if not inside and not kept_period:
            result[index] = OUTSIDE
    return result


def linkedbooks_split(split: str, archive: Path = LINKEDBOOKS_ARCHIVE) -> list[LabelledReference]:
    """One LinkedBooks split (``train``, ``valid``, ``test``) as references with its own labels.

    References are cut by task 3 (``b-r`` opens one, ``e-r`` closes it); the
    tokens are joined back into text (no space before closing punctuation,
    a line-final hyphen glues the word halves), so our tokenizer sees a
    string as a reader would.  A hyphen ending a line glues the halves of a
    word only when the next line goes on in lower case: ``1979 -`` before
    ``F. Rossi`` is a dash between two fields, and gluing it would merge them.
    """
    with tarfile.open(archive) as bundle:
        member = next(m for m in bundle.getmembers() if m.name.endswith(f"clean_{split}.txt"))
        extracted = bundle.extractfile(member)
        if extracted is None:
            raise FileNotFoundError(f"clean_{split}.txt in {archive}")
        raw = io.TextIOWrapper(extracted, encoding="utf-8", newline="").read()
    return list(_linkedbooks_references(raw))


def _linkedbooks_references(raw: str) -> Iterator[LabelledReference]:
    rows: list[tuple[str, str, bool]] = []  # token, label, ends a line
    inside = False
    for line in raw.replace("\r\n", "\r").split("\r"):
        parts = line.split(" ")
        if len(parts) != 4:
            if not line.strip() and rows:
                rows[-1] = (rows[-1][0], rows[-1][1], True)
            continue
        token, label, _, boundary = parts
        if token == "-DOCSTART-":
            continue
        if boundary == "b-r" or (boundary in {"i-r", "e-r"} and not inside):
            if rows:
                yield _detokenize(rows)
            rows, inside = [], True
        if boundary == "o":
            if inside and rows:
                yield _detokenize(rows)
            rows, inside = [], False
            continue
        rows.append((token, label, False))
        if boundary == "e-r":
            yield _detokenize(rows)
            rows, inside = [], False
    if rows:
        yield _detokenize(rows)


def _detokenize(rows: Sequence[tuple[str, str, bool]]) -> LabelledReference:
    text = ""
    spans: list[tuple[str, int, int]] = []
    glue_next = False
    for index, (token, label, line_end) in enumerate(rows):
        hyphen_break = token == "-" and line_end and index + 1 < len(rows) and rows[index + 1][0][0].islower()
        if text and not glue_next and token[0] not in _NO_SPACE_BEFORE and not hyphen_break:
            text += " "
        spans.append((label, len(text), len(text) + len(token)))
        text += token
        glue_next = hyphen_break or token[-1] in _NO_SPACE_AFTER
    return LabelledReference(text, tuple(spans))


def linkedbooks_mapped(split: str, limit: int | None = None) -> list[Sequence_]:
    """LinkedBooks references with our labels, for mixing into the English model."""
    sequences = []
    for reference in linkedbooks_split(split)[:limit]:
        tokens, labels = token_labels(reference)
        mapped = [LINKEDBOOKS_LABELS.get(label, OUTSIDE) for label in labels]
        sequences.append(Sequence_(tokens, outside_edge_punctuation(tokens, mapped)))
    return sequences


def linkedbooks_native(split: str) -> list[Sequence_]:
    """LinkedBooks references with its own labels (``o`` inside a reference becomes ``O``)."""
    sequences = []
    for reference in linkedbooks_split(split):
        tokens, labels = token_labels(reference)
        sequences.append(Sequence_(tokens, [OUTSIDE if label == "o" else label for label in labels]))
    return sequences
