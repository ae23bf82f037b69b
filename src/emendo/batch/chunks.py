"""Cut the stream of documents into numbered chunks: the unit of work and of resumption.

A chunk is a run of consecutive documents and rejects holding about
``chunk_pages`` pages (a reject weighs one page, so a run of bad records
still makes progress).  Chunk boundaries depend only on the input and
``chunk_pages``, never on timing or workers, so chunk *n* of a resumed run is
chunk *n* of the run that was killed, and its output shard can be trusted or
redone whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from emendo.batch.documents import DocumentTask, Item


@dataclass(frozen=True, slots=True)
class Chunk:
    """Documents and rejects ``number`` of the run; ``progress`` is the input bytes they cover."""

    number: int
    items: tuple[Item, ...]
    progress: int


def _weight(item: Item) -> int:
    return len(item.pages) if isinstance(item, DocumentTask) else 1


def chunked(items: Iterable[tuple[Item, int]], chunk_pages: int) -> Iterator[Chunk]:
    """Chunks of about ``chunk_pages`` pages, numbered from 0, in input order.

    >>> from emendo.batch.documents import Reject
    >>> stream = [(Reject(None, f"x:{n}", "bad"), 10 * n) for n in range(1, 6)]
    >>> [(c.number, len(c.items), c.progress) for c in chunked(stream, 2)]
    [(0, 2, 20), (1, 2, 20), (2, 1, 10)]
    """
    number = 0
    held: list[Item] = []
    weight = 0
    reached = 0  # input position at the end of the previous chunk
    position = 0
    for item, at in items:
        held.append(item)
        weight += _weight(item)
        position = max(position, at)
        if weight >= chunk_pages:
            yield Chunk(number, tuple(held), position - reached)
            number, held, weight, reached = number + 1, [], 0, position
    if held:
        yield Chunk(number, tuple(held), position - reached)
