"""Turn input records into documents to repair, or into rejects that say why not.

Nothing is dropped without a trace: every record ends either in exactly one
:class:`DocumentTask` (``records`` counts how many it took in) or in one
:class:`Reject`, so ``records in = sum of task records + sum of reject
records``.  A document record without an id is named by its place in the
input (``corpus.jsonl:17``); blank pages (whitespace only) carry nothing to
repair and are left out of a document, though their records count for it.

Page records are grouped by *contiguity*: the records of one document must
stand one after another in the input (in any page order when ``page_field``
is given).  Grouping that way streams in constant memory per document, which
is what lets a corpus of any size run; the price is that a document whose
records are scattered cannot be put back together.  That is detected, not
guessed at: the run remembers a 64-bit digest of every document key it has
closed (a few dozen bytes per document), and a record whose document closed
earlier is rejected with a reason that says to sort the input by document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from hashlib import blake2b
from typing import Any

from emendo.batch.config import BatchConfig
from emendo.batch.records import Record
from emendo.readers.text import split_pages

BINARY_SHARE = 0.05
_SUSPECT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


@dataclass(frozen=True, slots=True)
class DocumentTask:
    """One document to repair: its id, where it starts, its page texts."""

    id: str
    source: str
    pages: tuple[str, ...]
    records: int = 1


@dataclass(frozen=True, slots=True)
class Reject:
    """Input that gives no edition, with the reason; ``records`` input records it stands for."""

    id: str | None
    source: str
    reason: str
    records: int = 1


Item = DocumentTask | Reject


def text_problem(text: object, field: str) -> str | None:
    """Why a field value cannot be page text, or ``None`` when it can.

    >>> text_problem(42, "text")
    "field 'text' is not a string (it is int)"
    >>> text_problem("a\\x00b", "text")
    "field 'text' looks binary (NUL or control characters), not extracted text"
    """
    if not isinstance(text, str):
        return f"field {field!r} is not a string (it is {type(text).__name__})"
    if "\x00" in text or len(_SUSPECT.findall(text)) > BINARY_SHARE * len(text):
        return f"field {field!r} looks binary (NUL or control characters), not extracted text"
    return None


def _text(value: dict[str, Any], field: str) -> tuple[str | None, str | None]:
    """(text, problem) of a record's text field."""
    text = value.get(field)
    if text is None:
        return None, f"missing field {field!r}"
    problem = text_problem(text, field)
    return (text, None) if problem is None and isinstance(text, str) else (None, problem)


def _key(value: Any, field: str) -> tuple[str | None, str | None]:
    """(key, problem): a string or integer field value as a string key.

    >>> _key(7, "id"), _key("", "id")
    (('7', None), (None, "field 'id' is empty"))
    """
    if isinstance(value, str):
        return (value, None) if value else (None, f"field {field!r} is empty")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    if value is None:
        return None, f"missing field {field!r}"
    return None, f"field {field!r} is not a string or integer (it is {type(value).__name__})"


def documents(records: Iterable[Record], config: BatchConfig) -> Iterator[tuple[Item, int]]:
    """Documents and rejects in input order, each with the input position reached."""
    if config.doc_field is None:
        return _whole_documents(records, config)
    return _paged_documents(records, config, config.doc_field)


def _whole_documents(records: Iterable[Record], config: BatchConfig) -> Iterator[tuple[Item, int]]:
    """One record, one document: its text field holds all pages, form feeds between them."""
    for record in records:
        yield _whole_document(record, config), record.position


def _whole_document(record: Record, config: BatchConfig) -> Item:
    if record.value is None:
        return Reject(None, record.source, record.problem or "unreadable record")
    raw_id = record.value.get(config.id_field)
    doc_id, id_problem = _key(raw_id, config.id_field) if raw_id is not None else (record.source, None)
    if id_problem or doc_id is None:
        return Reject(None, record.source, id_problem or "no id")
    text, problem = _text(record.value, config.text_field)
    if text is None:
        return Reject(doc_id, record.source, problem or "no text")
    pages = tuple(page for page in split_pages(text) if page.strip())
    if not pages:
        return Reject(doc_id, record.source, f"field {config.text_field!r} is empty")
    return DocumentTask(doc_id, record.source, pages)


@dataclass(slots=True)
class _OpenDocument:
    """The pages gathered so far of the document whose records are being read."""

    id: str
    source: str
    pages: list[tuple[int, str]]
    position: int = 0

    def task(self) -> Item:
        ordered = sorted(self.pages, key=lambda page: page[0])  # stable: input order without page numbers
        texts = tuple(text for _, text in ordered if text.strip())
        if not texts:
            return Reject(self.id, self.source, "every page of the document is empty", len(self.pages))
        return DocumentTask(self.id, self.source, texts, len(self.pages))


@dataclass(frozen=True, slots=True)
class _PageRecord:
    document: str
    number: int
    text: str


def _digest(key: str) -> int:
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def _page_number(value: Any, field: str) -> tuple[int, str | None]:
    """(number, problem) of a page field value.

    >>> _page_number("12", "page"), _page_number(None, "page")[1]
    ((12, None), "missing field 'page'")
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value), None
    if value is None:
        return 0, f"missing field {field!r}"
    return 0, f"field {field!r} is not a page number ({value!r})"


def _page_record(record: Record, config: BatchConfig, doc_field: str) -> _PageRecord | Reject:
    """One page record read, or the reason it cannot be a page."""
    if record.value is None:
        return Reject(None, record.source, record.problem or "unreadable record")
    document, problem = _key(record.value.get(doc_field), doc_field)
    if document is None:
        return Reject(None, record.source, problem or "no document key")
    text, problem = _text(record.value, config.text_field)
    number = 0
    if text is not None and config.page_field is not None:
        number, problem = _page_number(record.value.get(config.page_field), config.page_field)
    if text is None or problem is not None:
        return Reject(document, record.source, problem or "no text")
    return _PageRecord(document, number, text)


def _paged_documents(
    records: Iterable[Record], config: BatchConfig, doc_field: str
) -> Iterator[tuple[Item, int]]:
    """Consecutive page records of one document become one document (see module docstring)."""
    closed: set[int] = set()
    current: _OpenDocument | None = None
    for record in records:
        page = _page_record(record, config, doc_field)
        if isinstance(page, _PageRecord) and current is not None and page.document != current.id:
            closed.add(_digest(current.id))
            yield current.task(), current.position
            current = None
        if isinstance(page, _PageRecord) and current is None and _digest(page.document) in closed:
            page = Reject(
                page.document,
                record.source,
                f"document {page.document!r} ended at an earlier record: the records of one document "
                f"must stand together; sort the input by {doc_field!r}",
            )
        if isinstance(page, Reject):
            yield page, record.position
            continue
        if current is None:
            current = _OpenDocument(page.document, record.source, [])
        current.pages.append((page.number, page.text))
        current.position = record.position
    if current is not None:
        yield current.task(), current.position
