"""The settings of a corpus run, in one frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum

from emendo.errors import InputError


class OutputFormat(StrEnum):
    """How edition shards are written; rejects are always JSON Lines."""

    JSONL = "jsonl"
    PARQUET = "parquet"


class EngineKind(StrEnum):
    """Where documents are repaired: local worker processes or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True)
class BatchConfig:
    """How ``emendo batch`` reads a corpus, cuts it into chunks and runs them.

    Two ways to hold documents in records:

    - *document records* (the default, ``doc_field`` unset): each record's
      ``text_field`` is one whole document, its pages separated by form feeds,
      and ``id_field`` names it;
    - *page records* (``doc_field`` set): each record is one page; consecutive
      records with the same ``doc_field`` value are one document, their pages
      ordered by ``page_field`` when it is given, else kept in input order.

    ``chunk_pages`` is how many pages go to a worker at a time (a document is
    never split): large enough that process start-up and data transfer vanish
    next to the repair, small enough that a killed run loses little work.  It
    fixes where shard boundaries fall, so a run must be resumed with the same
    value.  ``workers`` defaults to one per CPU; 0 repairs in the calling
    process (for debugging and profiling).
    """

    text_field: str = "text"
    id_field: str = "id"
    doc_field: str | None = None
    page_field: str | None = None
    output_format: OutputFormat = OutputFormat.JSONL
    chunk_pages: int = 100
    engine: EngineKind = EngineKind.LOCAL
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.chunk_pages < 1:
            raise InputError(f"chunk size {self.chunk_pages}: give at least 1 page per chunk")
        if self.workers < 0:
            raise InputError(f"{self.workers} workers: give 0 (in this process) or more")
        if self.page_field is not None and self.doc_field is None:
            raise InputError("--page-field needs --doc-field: say which field names each page's document")
        if self.scheduler is not None and self.engine is not EngineKind.DASK:
            raise InputError("--scheduler is an address of a Dask cluster: add --engine dask")
        if self.engine is EngineKind.DASK and self.workers == 0:
            raise InputError("--engine dask needs at least 1 worker")
