"""``emendo repair``: page text in, edition out."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

from emendo.model import Document
from emendo.pipeline import PipelineConfig
from emendo.readers import ReaderConfig

FORMATS = ("markdown", "json", "text", "tei")


def render(document: Document, fmt: str, with_apparatus: bool) -> str:
    """The edition in one of :data:`FORMATS`."""
    if fmt == "markdown":
        from emendo.exporters.markdown import document_to_markdown

        return document_to_markdown(document)
    if fmt == "text":
        from emendo.exporters.markdown import document_to_text

        return document_to_text(document)
    apparatus = _apparatus(document) if with_apparatus else None
    if fmt == "tei":
        from emendo.exporters.tei import document_to_tei

        return document_to_tei(document, apparatus)
    from emendo.exporters.json import document_to_json

    return document_to_json(document, apparatus.to_json() if apparatus is not None else None) + "\n"


def _apparatus(document: Document) -> Any:
    from emendo.apparatus import build_apparatus

    return build_apparatus(document)


def write_output(text: str, output: str | None) -> None:
    """Write to a file, or to standard output as UTF-8 whatever the locale."""
    if output in (None, "-"):
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        Path(str(output)).write_text(text, encoding="utf-8")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("-o", "--output", help="Write the edition here instead of standard output.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of text input (a BOM wins).")
@click.option("--pages", "page_range", help="Pages of a PDF to read, e.g. 120-140 or 1-3,7.")
@click.option(
    "--explain", is_flag=True, help="Print the repairs as a table (the edition goes to -o if given)."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Hold back repairs less certain than this; they are listed but not applied.",
)
@click.option(
    "--apparatus/--no-apparatus", default=True, show_default=True, help="Parse citations (json, tei)."
)
def repair(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    encoding: str,
    page_range: str | None,
    explain: bool,
    min_confidence: float,
    apparatus: bool,
) -> None:
    """Repair INPUTS (text files, folders, PDFs, or - for standard input) into an edition.

    Several files, a folder, or form feeds in one file are read as consecutive
    pages of one document.
    """
    from emendo.pipeline import repair_pages
    from emendo.readers import iter_pages

    base = PipelineConfig()
    reader = ReaderConfig(encoding=encoding, pages=page_range)
    config = dataclasses.replace(
        base, reader=reader, words=dataclasses.replace(base.words, min_confidence=min_confidence)
    )
    document = repair_pages(list(iter_pages(inputs, config.reader)), config)
    if explain:
        from emendo.exporters.explain import explain as explain_table

        write_output(explain_table(document), None)
        if output:
            write_output(render(document, fmt, apparatus), output)
        return
    write_output(render(document, fmt, apparatus), output)
