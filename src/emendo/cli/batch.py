"""``emendo batch``: a corpus of records in, a folder of edition shards out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from emendo.batch.config import BatchConfig, EngineKind, OutputFormat


@click.command()
@click.argument("source", metavar="IN", type=click.Path(path_type=Path))
@click.argument("out", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--text-field", default="text", show_default=True, help="Field holding the text.")
@click.option(
    "--id-field", default="id", show_default=True, help="Field naming a document (record position if absent)."
)
@click.option("--doc-field", help="One page per record: the field naming each page's document.")
@click.option("--page-field", help="With --doc-field: the field with the page number that orders pages.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice([f.value for f in OutputFormat]),
    default=OutputFormat.JSONL.value,
    show_default=True,
    help="Format of the edition shards.",
)
@click.option(
    "--engine",
    type=click.Choice([e.value for e in EngineKind]),
    default=EngineKind.LOCAL.value,
    show_default=True,
    help="Local worker processes, or a Dask cluster (needs emendo[dask]).",
)
@click.option("--workers", type=int, help="Worker processes; 0 runs in this process.  [default: one per CPU]")
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler to use, e.g. tcp://host:8786 (else a local one)."
)
@click.option(
    "--rejects", type=click.Path(path_type=Path), help="Folder for the rejects  [default: OUT/rejects]"
)
@click.option(
    "--chunk-pages",
    type=int,
    default=BatchConfig().chunk_pages,
    show_default=True,
    help="Pages a worker takes at a time.",
)
@click.option(
    "--progress/--no-progress", default=True, help="Show a progress bar when standard error is a terminal."
)
def batch(
    source: Path,
    out: Path,
    text_field: str,
    id_field: str,
    doc_field: str | None,
    page_field: str | None,
    output_format: str,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    rejects: Path | None,
    chunk_pages: int,
    progress: bool,
) -> None:
    """Repair every document of the corpus IN (.jsonl, .jsonl.gz, .parquet, or a folder of them) into OUT.

    OUT is a folder: editions/part-NNNNNN.jsonl (or .parquet) hold one line or
    row per document with its edition and figures, rejects/ holds every record
    that gave no edition and why.  Interrupted, even by kill -9, the same
    command resumes where the run stopped.
    """
    from emendo.batch.run import run_batch

    config = BatchConfig(
        text_field=text_field,
        id_field=id_field,
        doc_field=doc_field,
        page_field=page_field,
        output_format=OutputFormat(output_format),
        chunk_pages=chunk_pages,
        engine=EngineKind(engine),
        scheduler=scheduler,
    )
    if workers is not None:
        config = dataclasses.replace(config, workers=workers)
    summary = run_batch(source, out, config, rejects=rejects, progress=progress)
    click.echo(f"emendo batch: {summary.describe()}", err=True)
