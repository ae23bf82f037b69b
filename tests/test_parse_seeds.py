"""The parser on the seed pages' footnotes, read from ../shared/seeds (never copied here).

Splitting a note into references is another stage's work; these tests cut
the references out with a plain pattern and check what the parser makes of
each, by the trained model and by the rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from emendo.apparatus.parse import ReferenceParserConfig, parse_reference

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"
CONFIGS = pytest.mark.parametrize(
    "config", [ReferenceParserConfig(), ReferenceParserConfig(use_model=False)], ids=["model", "rules"]
)
pytestmark = pytest.mark.seeds
_SIGNAL_RE = re.compile(r"^(?:See|see)(?:, for example,)?\s+")


def _notes() -> dict[int, str]:
    if not SEEDS.is_dir():
        pytest.skip("seed pages not found at ../shared/seeds (they are not part of the repository)")
    notes: dict[int, str] = {}
    for gold in sorted(SEEDS.glob("page*.gold.json")):
        for note in json.loads(gold.read_text(encoding="utf-8"))["notes"]:
            notes[note["number"]] = note["text"]
    return notes


def _reference(number: int) -> str:
    return _SIGNAL_RE.sub("", _notes()[number])


@CONFIGS
def test_book_with_author(config: ReferenceParserConfig) -> None:
    reference = parse_reference(_reference(2), config)
    assert reference.item["type"] == "book"
    assert reference.item["author"] == [{"family": "Fischer", "given": "Louis"}]
    assert reference.item["title"].startswith("Russia’s Road from Peace to War")
    assert reference.item["publisher-place"] == "New York"
    assert reference.item["publisher"] == "Harper & Row"
    assert reference.item["issued"] == {"date-parts": [[1969]]}
    assert reference.locator == "222"


@CONFIGS
def test_document_collection_without_author(config: ReferenceParserConfig) -> None:
    reference = parse_reference(_reference(3), config)
    assert reference.item["type"] == "book"
    assert reference.item["title"].endswith("1931–1936 gg.")
    assert (reference.item["publisher-place"], reference.item["publisher"]) == ("Moscow", "ROSSPEN")
    assert reference.item["issued"] == {"date-parts": [[2001]]}
    assert reference.locator == "103"


@CONFIGS
@pytest.mark.parametrize(("number", "locator"), [(4, "116"), (5, "32, 119–20, 122"), (6, "135, 141")])
def test_short_forms_of_the_collection(config: ReferenceParserConfig, number: int, locator: str) -> None:
    reference = parse_reference(_reference(number), config)
    assert reference.short_form
    assert reference.locator == locator
    assert parse_reference(_reference(3), config).item["title"].startswith(reference.item["title"])


@CONFIGS
def test_newspaper_article(config: ReferenceParserConfig) -> None:
    reference = parse_reference(_reference(32), config)
    assert reference.item["type"] == "article-newspaper"
    assert reference.item["container-title"].endswith("nichinichi shinbun")
    assert reference.item["issued"] == {"date-parts": [[1933, 10, 4]]}
    assert reference.locator == "1"


@CONFIGS
def test_undefined_archive_abbreviation(config: ReferenceParserConfig) -> None:
    reference = parse_reference(_reference(33), config)
    assert reference.item["archive"] == "GGSK"
    assert reference.item["archive_location"] == "S.9.4.5"
    assert not reference.short_form


@CONFIGS
def test_russian_journal_issue(config: ReferenceParserConfig) -> None:
    reference = parse_reference(_reference(34), config)
    assert reference.item["type"] == "article-journal"
    assert reference.item["issue"] == "6"
    assert reference.item["issued"] == {"date-parts": [[2008]]}
    assert reference.locator == "15–17"


@CONFIGS
def test_journal_article_and_archive_in_one_note(config: ReferenceParserConfig) -> None:
    note = _notes()[35]
    article_text = _SIGNAL_RE.sub("", re.match(r"(.+?\d+\.)\s", note).group(1))  # type: ignore[union-attr]
    archive_text = note.rsplit("for example, ", 1)[1]
    article = parse_reference(article_text, config)
    assert article.item["type"] == "article-journal"
    assert article.item["author"] == [{"family": "Kuromiya", "given": "Hiroaki"}]
    assert article.item["container-title"] == "Europe-Asia Studies"
    assert (article.item["volume"], article.item["issue"]) == ("66", "5")
    assert article.item["issued"] == {"date-parts": [[2014, 7]]}
    assert article.locator == "777"
    archive = parse_reference(archive_text, config)
    assert archive.item["archive"] == "Centralne Archiwum Wojskowe"
    assert archive.item["archive-place"] == "Warsaw, Poland"
    assert archive.item["archive_location"] == "I.303.4.2015"
    assert archive.hereafter == "CAW"
