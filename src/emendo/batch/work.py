"""What a worker does with a chunk: repair each document, measure it, serialise it.

This runs in worker processes (local or Dask), so everything here is a plain
module-level function of picklable values, and the edition is serialised to
JSON in the worker: the parent only writes finished lines, which keeps it
from becoming the bottleneck as workers are added.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from emendo.batch.chunks import Chunk
from emendo.batch.damage import damage_score
from emendo.batch.documents import DocumentTask, Reject
from emendo.model import Document, Page

if TYPE_CHECKING:
    from emendo.pipeline import PipelineConfig

RepairFunction = Callable[[Sequence[Page]], Document]


@dataclass(frozen=True)
class WorkSettings:
    """What every worker needs to know: how to repair.

    ``repair`` replaces the whole pipeline (tests inject a small one); it must
    be a module-level function so that it pickles.  Left ``None``, workers run
    :func:`emendo.pipeline.repair_pages` with ``pipeline``.
    """

    pipeline: PipelineConfig | None = None
    repair: RepairFunction | None = None


@dataclass(frozen=True, slots=True)
class EditionRecord:
    """One output row: a document's edition and its figures.

    ``edition`` is the JSON edition (format ``emendo/1``) as JSON text;
    ``damage_before``/``damage_after`` are :func:`~emendo.batch.damage.damage_score`
    of the pages' original text and of the edition text (blocks, then notes).
    """

    id: str
    pages: int
    repairs: dict[str, int]
    removed_lines: int
    damage_before: float
    damage_after: float
    edition: str

    def figures(self) -> dict[str, object]:
        """Everything but the edition, as plain data."""
        return {
            "id": self.id,
            "pages": self.pages,
            "repairs": self.repairs,
            "removed_lines": self.removed_lines,
            "damage_before": self.damage_before,
            "damage_after": self.damage_after,
        }

    def json_line(self) -> str:
        """The record as one JSON Lines line (without the newline), edition last."""
        head = json.dumps(self.figures(), ensure_ascii=False)
        return f'{head[:-1]}, "edition": {self.edition}}}'


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """A chunk's editions and rejects, in input order, ready to be written."""

    number: int
    editions: tuple[EditionRecord, ...]
    rejects: tuple[Reject, ...]
    pages: int
    progress: int


def repair_task(task: DocumentTask, settings: WorkSettings) -> Document:
    """The edition of one document, by the injected repair or the pipeline."""
    pages = [
        Page(index=n, original=text, origin=f"{task.source}#{n + 1}") for n, text in enumerate(task.pages)
    ]
    if settings.repair is not None:
        return settings.repair(pages)
    from emendo.pipeline import repair_pages

    return repair_pages(pages, settings.pipeline)


def edition_record(task: DocumentTask, document: Document) -> EditionRecord:
    """The output row of one repaired document."""
    from emendo.exporters.json import document_to_dict

    kinds = Counter(repair.kind for text in document.texts() for repair in text.repairs())
    edition_text = "\n".join(text.text for text in document.texts())
    return EditionRecord(
        id=task.id,
        pages=len(document.pages),
        repairs=dict(sorted(kinds.items())),
        removed_lines=sum(len(page.removed) for page in document.pages),
        damage_before=damage_score("\n".join(task.pages)),
        damage_after=damage_score(edition_text),
        edition=json.dumps(document_to_dict(document), ensure_ascii=False, separators=(",", ":")),
    )


def process_chunk(chunk: Chunk, settings: WorkSettings) -> ChunkResult:
    """Repair every document of ``chunk``; a document that fails becomes a reject, never a crash."""
    editions: list[EditionRecord] = []
    rejects: list[Reject] = []
    pages = 0
    for item in chunk.items:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        try:
            editions.append(edition_record(item, repair_task(item, settings)))
        except Exception as err:  # one bad document must not stop a corpus
            rejects.append(
                Reject(item.id, item.source, f"repair failed: {type(err).__name__}: {err}", item.records)
            )
        else:
            pages += len(item.pages)
    return ChunkResult(chunk.number, tuple(editions), tuple(rejects), pages, chunk.progress)
