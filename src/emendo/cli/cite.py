"""``emendo cite``: page text in, the works its notes cite out (CSL-JSON or BibTeX)."""

from __future__ import annotations

import click

FORMATS = ("csl", "bibtex")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csl",
    show_default=True,
    help="CSL-JSON (for Zotero and CSL processors) or BibTeX.",
)
@click.option("-o", "--output", help="Write the bibliography here instead of standard output.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of text input (a BOM wins).")
@click.option("--pages", "page_range", help="Pages of a PDF to read, e.g. 120-140 or 1-3,7.")
def cite(
    inputs: tuple[str, ...], fmt: str, output: str | None, encoding: str, page_range: str | None
) -> None:
    """Repair INPUTS and write every work their notes cite, with the places that cite it.

    Short forms (Ibid., short titles, op. cit.) count as places of the work
    they stand for; each entry lists its places (page, note, locator) in
    CSL's 'note' field or BibTeX's 'annote'.
    """
    from emendo.apparatus import build_apparatus
    from emendo.cli.repair import write_output
    from emendo.pipeline import PipelineConfig, repair_pages
    from emendo.readers import ReaderConfig, iter_pages

    config = PipelineConfig(reader=ReaderConfig(encoding=encoding, pages=page_range))
    document = repair_pages(list(iter_pages(inputs, config.reader)), config)
    apparatus = build_apparatus(document)
    if fmt == "bibtex":
        from emendo.exporters.bibtex import apparatus_to_bibtex

        write_output(apparatus_to_bibtex(apparatus), output)
    else:
        from emendo.exporters.csl import to_csl_json

        write_output(to_csl_json(apparatus), output)
