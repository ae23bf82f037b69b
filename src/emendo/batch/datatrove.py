"""emendo as a datatrove pipeline block.

datatrove users drop :class:`EmendoRepair` between a reader and a writer::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from emendo.batch.datatrove import EmendoRepair

    LocalPipelineExecutor(
        pipeline=[JsonlReader("corpus/"), EmendoRepair(), JsonlWriter("editions/")],
        tasks=8,
    ).run()

Each document's ``text`` (pages separated by form feeds) is replaced by the
edition's plain text; the figures of ``emendo batch`` go into flat metadata
fields (``emendo_pages``, ``emendo_repairs``, ``emendo_removed_lines``,
``emendo_damage_before``, ``emendo_damage_after``) and, with
``keep_edition``, the JSON edition as text in ``emendo_edition``: scalars
only, so every datatrove writer, Parquet included, can store them.  A
document emendo cannot repair passes through unchanged with the reason in
``emendo_error`` and is counted in the block's ``failed`` statistic, so
nothing leaves the pipeline silently.

datatrove is not an emendo dependency: this module imports without it, and
only asking for ``EmendoRepair`` raises :class:`~emendo.errors.MissingExtraError`
when it is missing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from emendo.batch.documents import DocumentTask, text_problem
from emendo.batch.work import RepairFunction, WorkSettings, edition_record, repair_task
from emendo.errors import MissingExtraError
from emendo.readers.text import split_pages

if TYPE_CHECKING:
    from collections.abc import Iterator

    from emendo.pipeline import PipelineConfig


def __getattr__(name: str) -> Any:
    """Build ``EmendoRepair`` on first use, so this module imports without datatrove."""
    if name == "EmendoRepair":
        return _emendo_repair_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _emendo_repair_class() -> type:
    try:
        from datatrove.pipeline.base import PipelineStep
    except ImportError:
        raise MissingExtraError("the datatrove block", "datatrove", "datatrove") from None

    class EmendoRepair(PipelineStep):  # type: ignore[misc]  # datatrove has no type information
        """Repairs each document's page text into an edition (see :mod:`emendo.batch.datatrove`)."""

        name = "✒️ emendo repair"
        type = "✂️ - FORMAT"

        def __init__(
            self,
            pipeline: PipelineConfig | None = None,
            keep_edition: bool = True,
            repair: RepairFunction | None = None,
        ) -> None:
            super().__init__()
            self.settings = WorkSettings(pipeline, repair)
            self.keep_edition = keep_edition

        def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
            """Repair every document of ``data``; datatrove calls it once per task."""
            for document in data:
                self.stat_update("documents")
                with self.track_time():
                    failure = repair_in_place(document, self.settings, self.keep_edition)
                if failure is None:
                    self.stat_update("repairs", value=document.metadata["emendo_repairs"])
                else:
                    document.metadata["emendo_error"] = failure
                    self.stat_update("failed")
                yield document

    # pickled by reference (datatrove ships blocks to its workers): name it as the module exports it
    EmendoRepair.__qualname__ = "EmendoRepair"
    EmendoRepair.__module__ = __name__
    return EmendoRepair


def repair_in_place(document: Any, settings: WorkSettings, keep_edition: bool) -> str | None:
    """Replace a datatrove document's text by its edition and add the figures; the failure, if any.

    On failure the document is left as it was.
    """
    from emendo.exporters.markdown import document_to_text

    problem = text_problem(document.text, "text")
    if problem is not None:
        return problem
    pages = tuple(page for page in split_pages(document.text) if page.strip())
    if not pages:
        return "the text is empty"
    task = DocumentTask(str(document.id), str(document.id), pages)
    try:
        edition = repair_task(task, settings)
        record = edition_record(task, edition)
        text = document_to_text(edition)
    except Exception as err:  # a bad document passes through marked, never stops the pipeline
        return f"repair failed: {type(err).__name__}: {err}"
    document.text = text
    document.metadata.update(
        emendo_pages=record.pages,
        emendo_repairs=sum(record.repairs.values()),
        emendo_removed_lines=record.removed_lines,
        emendo_damage_before=record.damage_before,
        emendo_damage_after=record.damage_after,
    )
    if keep_edition:
        document.metadata["emendo_edition"] = record.edition
    return None
