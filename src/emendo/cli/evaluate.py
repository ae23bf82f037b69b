"""``emendo eval``: measure emendo on hand-corrected gold pages."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="eval")
@click.argument("golds", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate(golds: tuple[Path, ...], as_json: bool) -> None:
    """Repair the raw text beside each GOLD file and compare (word error rate, structure)."""
    from emendo.evaluation import Scores, format_scores, load_gold, raw_for, score
    from emendo.pipeline import repair_pages
    from emendo.readers import iter_pages

    total = Scores("total")
    results = []
    for gold_path in golds:
        gold = load_gold(gold_path)
        document = repair_pages(list(iter_pages([str(raw_for(gold_path))])))
        result = score(gold, document, gold_path.name)
        total.add(result)
        results.append(result)
    if as_json:
        click.echo(json.dumps({"files": [r.to_json() for r in results], "total": total.to_json()}, indent=1))
    else:
        for result in [*results, total]:
            click.echo(format_scores(result))
