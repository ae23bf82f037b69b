"""A whole corpus run: read, group, chunk, repair, write, as one stream of generators.

The parent process reads and groups records, cuts chunks, skips the chunks a
killed run already finished, hands the others to an engine, and writes each
result as an atomic shard; the workers only repair.  Memory stays flat: at
most a few chunks exist at any time, whatever the size of the corpus.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib.util import find_spec
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from emendo.batch.chunks import Chunk, chunked
from emendo.batch.config import BatchConfig, EngineKind
from emendo.batch.documents import documents
from emendo.batch.engines import DaskEngine, Engine, InlineEngine, ProcessEngine
from emendo.batch.records import input_files, read_records
from emendo.batch.store import ShardStore, manifest
from emendo.batch.work import RepairFunction, WorkSettings, process_chunk

if TYPE_CHECKING:
    from emendo.pipeline import PipelineConfig


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What one invocation did; chunks finished by an earlier, killed run are counted apart."""

    documents: int
    pages: int
    rejects: int
    rejected_records: int
    chunks: int
    chunks_resumed: int
    seconds: float

    def describe(self) -> str:
        """One line for a person.

        >>> BatchSummary(10, 40, 1, 2, 3, 1, 2.0).describe()
        '10 documents (40 pages, 20.0 pages/s), 1 rejects (2 records); 2 chunks done now, 1 done before'
        """
        rate = self.pages / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.documents} documents ({self.pages} pages, {rate:.1f} pages/s), "
            f"{self.rejects} rejects ({self.rejected_records} records); "
            f"{self.chunks - self.chunks_resumed} chunks done now, {self.chunks_resumed} done before"
        )


class ProgressBar:
    """Documents done, throughput and time left, on standard error, only on a terminal.

    The estimate of time left comes from input bytes consumed, which is known
    without a first pass over the corpus.  The bar is drawn by tqdm; without
    it installed the run is the same, only silent until its summary.
    """

    def __init__(self, total_bytes: int, enabled: bool) -> None:
        self.bar: Any = None
        self.documents = 0
        self.started = time.perf_counter()
        if enabled and sys.stderr.isatty() and find_spec("tqdm") is not None:  # no tqdm: no bar, same run
            from tqdm import tqdm

            self.bar = tqdm(
                total=total_bytes,
                file=sys.stderr,
                unit="B",
                unit_scale=True,
                dynamic_ncols=True,
                bar_format="{percentage:3.0f}%|{bar}| {postfix} [{elapsed}<{remaining}]",
            )

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.close()

    def advance(self, progress: int, documents: int = 0) -> None:
        """Count input bytes consumed and documents written."""
        if self.bar is None:
            return
        self.documents += documents
        rate = self.documents / max(time.perf_counter() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{self.documents} documents, {rate:.1f} docs/s", refresh=False)
        self.bar.update(progress)


def open_engine(config: BatchConfig) -> Engine:
    """The engine the settings ask for; close it (``with``) to release its workers."""
    if config.engine is EngineKind.DASK:
        return DaskEngine(config.workers, config.scheduler)
    if config.workers == 0:
        return InlineEngine()
    return ProcessEngine(config.workers)


def _pending(chunks: Iterable[Chunk], done: set[int], bar: ProgressBar) -> Iterator[Chunk]:
    """The chunks still to do; the ones done before only move the progress bar."""
    for chunk in chunks:
        if chunk.number in done:
            bar.advance(chunk.progress)
        else:
            yield chunk


def run_batch(
    source: Path,
    out: Path,
    config: BatchConfig | None = None,
    *,
    rejects: Path | None = None,
    pipeline: PipelineConfig | None = None,
    repair: RepairFunction | None = None,
    progress: bool = False,
) -> BatchSummary:
    """Repair every document of the corpus at ``source`` into edition shards under ``out``.

    Run it again with the same arguments after any interruption and it
    finishes the work without repeating or losing a record (see
    :mod:`emendo.batch.store`).  ``repair`` replaces the pipeline (a
    module-level function, so it pickles); ``pipeline`` configures it.
    """
    config = config or BatchConfig()
    started = time.perf_counter()
    files = input_files(source)
    rejects = rejects or out / "rejects"
    store = ShardStore.open(out, rejects, manifest(files, config, rejects), config)
    done = store.done()
    columns = [config.text_field, config.id_field, *filter(None, (config.doc_field, config.page_field))]
    chunks = chunked(documents(read_records(files, columns), config), config.chunk_pages)
    work = partial(process_chunk, settings=WorkSettings(pipeline, repair))
    totals = {"documents": 0, "pages": 0, "rejects": 0, "rejected_records": 0, "chunks": 0}
    total_bytes = sum(path.stat().st_size for path in files)
    with ProgressBar(total_bytes, progress) as bar, open_engine(config) as engine:
        for result in engine.map_unordered(work, _pending(chunks, done, bar)):
            store.commit(result)
            bar.advance(result.progress, len(result.editions))
            totals["documents"] += len(result.editions)
            totals["pages"] += result.pages
            totals["rejects"] += len(result.rejects)
            totals["rejected_records"] += sum(reject.records for reject in result.rejects)
            totals["chunks"] += 1
    chunks_resumed = len(done)
    return BatchSummary(
        documents=totals["documents"],
        pages=totals["pages"],
        rejects=totals["rejects"],
        rejected_records=totals["rejected_records"],
        chunks=totals["chunks"] + chunks_resumed,
        chunks_resumed=chunks_resumed,
        seconds=time.perf_counter() - started,
    )
