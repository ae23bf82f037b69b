"""CSL-JSON and BibTeX export of the bibliography."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from emendo.apparatus import Apparatus, build_apparatus
from emendo.apparatus.bibliography import Work
from emendo.exporters.bibtex import apparatus_to_bibtex, latex_escape, work_to_bibtex
from emendo.exporters.csl import apparatus_to_csl, schema, to_csl_json, work_to_csl
from fixtures import apparatus_documents as fixtures

jsonschema = pytest.importorskip("jsonschema")
SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def naval() -> Apparatus:
    return build_apparatus(fixtures.build(fixtures.NAVAL_HISTORY), parse=fixtures.stub_parse)


def errors(items: list[dict[str, Any]]) -> list[str]:
    """Schema violations of CSL items (the shipped schema is JSON Schema draft 3)."""
    validator = jsonschema.Draft3Validator(schema())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(items)]


# -- CSL-JSON ------------------------------------------------------------------------


def test_csl_items_validate_and_carry_their_places(naval: Apparatus) -> None:
    items = json.loads(to_csl_json(naval))
    assert errors(items) == []
    assert [i["id"] for i in items] == [w.id for w in naval.works]
    book = next(i for i in items if i["id"] == "lee1990rivers")
    assert book["type"] == "book" and book["author"] == [{"family": "Lee", "given": "Ann"}]
    assert book["issued"] == {"date-parts": [[1990]]}
    assert "p. 41, n. 1, 12; p. 41, n. 2, 45" in book["note"] and "p. 44, n. 20, 140" in book["note"]


def test_archival_documents_are_manuscripts_with_archive_fields(naval: Apparatus) -> None:
    items = {i["id"]: i for i in apparatus_to_csl(naval)}
    archival = items[next(w.id for w in naval.works if w.item.get("archive_location") == "box 14, file 1")]
    assert archival["type"] == "manuscript"
    assert (archival["archive"], archival["archive-place"]) == ("Central Naval Archive", "Portsmouth")


def test_newer_types_and_unknown_fields_are_kept_valid() -> None:
    work = Work(
        "x2001y",
        {
            "type": "document",
            "title": "Report",
            "archive_collection": "Fond 17",
            "author": [{"family": "Roe", "given": "Bo", "role": "x"}, "Ministry of Trade"],
            "issued": {"date-parts": [["2001", 3]], "bogus": 1},
            "volume": 3,
            "edition": None,
        },
    )
    item = work_to_csl(work)
    assert errors([item]) == []
    assert item["type"] == "manuscript"
    assert item["author"] == [{"family": "Roe", "given": "Bo"}, {"literal": "Ministry of Trade"}]
    assert "archive_collection: Fond 17" in item["note"]


def test_a_work_known_only_from_a_short_form_says_so() -> None:
    item = work_to_csl(Work("lee", {"type": "book", "title": "Rivers"}, complete=False))
    assert errors([item]) == [] and "short form" in item["note"]


def test_schema_rejects_what_zotero_would_reject() -> None:
    """The validator is not vacuous: a bad type, name field or extra key fail."""
    bad = [{"id": "a", "type": "scroll", "author": [{"family": "X", "nick": "y"}], "colour": "red"}]
    assert len(errors(bad)) == 3


# -- BibTeX ---------------------------------------------------------------------------


def test_bibtex_entries(naval: Apparatus) -> None:
    text = apparatus_to_bibtex(naval)
    keys = re.findall(r"^@(\w+)\{([^,]+),$", text, flags=re.MULTILINE)
    assert dict((k, t) for t, k in keys) == {
        "lee1990rivers": "book",
        "roe1988ships": "article",
        "roe1995harbour": "book",
        "dokumenty1971materialy": "book",
        "cnabox12file3": "misc",
        "cnabox14file1": "misc",
        "xkraf4op2d7": "misc",
    }
    article = work_to_bibtex(naval.work("roe1988ships"))
    assert "  journal = {{Maritime History Review}}," in article
    assert "  pages = {101--19}," in article and "  number = {2}," in article
    assert text.count("{") == text.count("}")


def test_bibtex_escapes_specials_and_accents() -> None:
    work = Work(
        "zoltan1933tokyo",
        {
            "type": "article-newspaper",
            "author": [{"family": "Żółtański", "given": "Łukasz"}],
            "title": "Tōkyō & “50%” of $_#{}~^\\ — naïve",
            "container-title": "Москва вечерняя",
            "issued": {"date-parts": [[1933, 10, 4]]},
        },
    )
    entry = work_to_bibtex(work)
    assert r"  author = {{\.Z}{\'o}{\l}ta{\'n}ski, {\L}ukasz}," in entry
    assert (
        r"  title = {{T{\=o}ky{\=o} \& ``50\%'' of \$\_\#\{\}\textasciitilde{}\textasciicircum{}"
        r"\textbackslash{} --- na{\"\i}ve}}," in entry
    )
    assert "  journal = {{Москва вечерняя}}," in entry  # no LaTeX spelling: UTF-8 kept
    assert "  month = oct," in entry and "  year = {1933}," in entry


def test_latex_escape_leaves_plain_ascii_alone() -> None:
    assert latex_escape("Rivers of Iron, 1850-1900") == "Rivers of Iron, 1850-1900"


@pytest.mark.seeds
def test_seed_bibliography_validates() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed pages not found at ../shared/seeds")
    from emendo.pipeline import repair_pages
    from emendo.readers import iter_pages

    document = repair_pages(
        list(iter_pages([str(SEEDS / "page129.raw.txt"), str(SEEDS / "page135.raw.txt")]))
    )
    apparatus = build_apparatus(document)
    items = apparatus_to_csl(apparatus)
    assert errors(items) == []
    types = {i["type"] for i in items}
    assert {"book", "article-journal", "manuscript"} <= types
    assert "@book{fischer1969russia," in apparatus_to_bibtex(apparatus)
