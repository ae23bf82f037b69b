"""The apparatus over whole documents: short forms, abbreviations, the bibliography.

The logic tests run on NAVAL_HISTORY, an invented three-page document, with a
deterministic stub in place of the trained parser, so that they test the
apparatus and not the parser.  The seed tests use the real parser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emendo.apparatus import Apparatus, Citation, build_apparatus
from emendo.model import Document, Note, Page, TrackedText
from fixtures import apparatus_documents as fixtures

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def naval() -> Apparatus:
    return build_apparatus(fixtures.build(fixtures.NAVAL_HISTORY), parse=fixtures.stub_parse)


def cited(apparatus: Apparatus, note: int) -> list[Citation]:
    return [c for c in apparatus.citations if c.note == note]


def only(apparatus: Apparatus, note: int) -> Citation:
    (citation,) = cited(apparatus, note)
    return citation


def test_full_reference_opens_a_work_with_its_key(naval: Apparatus) -> None:
    first = only(naval, 1)
    assert (first.form, first.work, first.locator) == ("full", "lee1990rivers", "12")


@pytest.mark.parametrize(
    ("note", "form", "locator"),
    [
        (2, "ibid", "45"),  # Ibid., 45 -> the work of note 1
        (3, "ibid", "45"),  # bare Ibid. keeps the page of the note before
        (15, "short", "99"),  # title-only short form with a stray period: "Rivers of Iron., 99."
        (16, "short", "101"),  # author + damaged short title: "Lee, Rivres of Iron"
        (9, "op_cit", "50"),  # Lee, op. cit.
    ],
)
def test_short_forms_resolve_to_the_book(naval: Apparatus, note: int, form: str, locator: str) -> None:
    citation = only(naval, note)
    assert (citation.form, citation.work, citation.locator, citation.problem) == (
        form,
        "lee1990rivers",
        locator,
        None,
    )


def test_short_title_resolves_through_its_full_reference(naval: Apparatus) -> None:
    assert only(naval, 15).via == only(naval, 1).id


def test_second_reference_of_a_note_after_see_also(naval: Apparatus) -> None:
    article, book = cited(naval, 5)
    assert (article.form, article.work) == ("full", "roe1988ships")
    assert (book.signal, book.form, book.work, book.locator) == ("see also", "short", "lee1990rivers", "30")


def test_author_and_quoted_short_title(naval: Apparatus) -> None:
    citation = only(naval, 7)
    assert (citation.form, citation.work, citation.locator) == ("short", "roe1988ships", "112")


def test_idem_is_a_new_work_by_the_same_author(naval: Apparatus) -> None:
    citation = only(naval, 8)
    assert citation.form == "idem"
    assert naval.work(citation.work or "").item["author"] == [{"family": "Roe", "given": "Bo"}]
    assert citation.work == "roe1995harbour"


def test_ibid_after_a_note_with_two_works_is_flagged_not_guessed(naval: Apparatus) -> None:
    citation = only(naval, 6)
    assert citation.work is None
    assert citation.problem is not None and "ambiguous" in citation.problem
    assert "roe1988ships" in citation.problem and "lee1990rivers" in citation.problem


def test_ibid_after_a_note_missing_from_the_pages_is_flagged(naval: Apparatus) -> None:
    citation = only(naval, 14)
    assert citation.work is None
    assert citation.problem == "note 13 is not on the pages given"


def test_abbreviation_defined_on_one_page_and_used_on_a_later_one(naval: Apparatus) -> None:
    (entry,) = [a for a in naval.abbreviations if a.abbreviation == "CNA"]
    assert entry.expansion == "Central Naval Archive, Portsmouth"
    assert entry.defined_in is not None and naval.notes[entry.defined_in[0]][0] == 4
    assert [naval.notes[n][0] for n, _, _ in entry.uses] == [10]
    later = only(naval, 10)
    work = naval.work(later.work or "")
    assert work.item["archive"] == "Central Naval Archive"
    assert work.item["archive-place"] == "Portsmouth"
    assert work.item["archive_location"] == "box 14, file 1"
    assert work.id != only(naval, 4).work  # another file of the same archive


def test_abbreviation_of_a_whole_work_is_a_short_form_of_it(naval: Apparatus) -> None:
    definition, use = only(naval, 17), only(naval, 18)
    assert (use.form, use.work, use.locator, use.via) == (
        "abbreviation",
        definition.work,
        "19",
        definition.id,
    )
    (entry,) = [a for a in naval.abbreviations if a.abbreviation == "DiM"]
    assert entry.stands_for_work == definition.work


def test_sigla_never_defined_are_listed(naval: Apparatus) -> None:
    assert [a.abbreviation for a in naval.undefined] == ["XKRA"]
    (use,) = naval.undefined[0].uses
    assert naval.notes[use[0]][0] == 19


def test_bibliography_merges_full_references_and_lists_every_place(naval: Apparatus) -> None:
    book = naval.work("lee1990rivers")
    assert [(p.page_label, p.note, p.locator) for p in book.places] == [
        ("41", 1, "12"),
        ("41", 2, "45"),
        ("41", 3, "45"),
        ("41", 5, "30"),
        ("42", 9, "50"),
        ("44", 15, "99"),
        ("44", 16, "101"),
        ("44", 20, "140"),
    ]
    assert len({w.id for w in naval.works}) == len(naval.works) == 7


def test_commentary_is_not_a_reference(naval: Apparatus) -> None:
    kinds = [p.kind.value for p in naval.parts[3]]
    assert kinds == ["reference", "commentary"]
    assert all("admiral" not in c.text for c in naval.citations)


def test_to_json_is_plain_data(naval: Apparatus) -> None:
    data = json.loads(json.dumps(naval.to_json()))
    assert data["undefined_abbreviations"] == ["XKRA"]
    assert {w["id"] for w in data["works"]} == {w.id for w in naval.works}
    ambiguous = next(c for c in data["citations"] if c["note"] == 6)
    assert ambiguous["work"] is None and ambiguous["problem"].startswith("ambiguous")


def test_a_document_without_notes_has_an_empty_apparatus() -> None:
    apparatus = build_apparatus(Document(pages=[Page(0, "text")]), parse=fixtures.stub_parse)
    assert apparatus.to_json()["works"] == [] and apparatus.citations == ()


# -- seed pages (real parser) -------------------------------------------------------


def _gold_document() -> Document:
    """The seed pages' notes as the gold files give them (independent of the repair)."""
    pages, notes = [], []
    for index, name in enumerate(["page129", "page135"]):
        gold = json.loads((SEEDS / f"{name}.gold.json").read_text("utf-8"))
        pages.append(Page(index, "", number=gold["pages"][0]["number"]))
        notes += [Note(n["number"], TrackedText.verbatim(index, 0, n["text"])) for n in gold["notes"]]
    return Document(pages=pages, notes=notes)


def _seed_document() -> Document:
    from emendo.pipeline import repair_pages
    from emendo.readers import iter_pages

    return repair_pages(list(iter_pages([str(SEEDS / "page129.raw.txt"), str(SEEDS / "page135.raw.txt")])))


@pytest.mark.seeds
@pytest.mark.parametrize("make", [_gold_document, _seed_document], ids=["gold-notes", "repaired"])
def test_seed_pages(make: object) -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed pages not found at ../shared/seeds")
    assert callable(make)
    apparatus = build_apparatus(make())
    book = only(apparatus, 3)
    assert book.form == "full"
    for note, locator in ((4, "116"), (5, "32, 119–20, 122"), (6, "135, 141")):
        short = only(apparatus, note)
        assert (short.work, short.locator, short.via) == (book.work, locator, book.id)
    article, archive = cited(apparatus, 35)
    assert article.signal == "See"
    assert article.item["container-title"] == "Europe-Asia Studies"
    assert (article.item["volume"], article.item["issue"], article.locator) == ("66", "5", "777")
    assert article.item["issued"] == {"date-parts": [[2014, 7]]}
    assert archive.signal is not None and archive.signal.endswith("see, for example,")
    note35 = next(n for n, (number, _, _) in enumerate(apparatus.notes) if number == 35)
    assert [p.kind.value for p in apparatus.parts[note35]] == [
        "signal",
        "reference",
        "commentary",
        "signal",
        "reference",
    ]
    defined = {a.abbreviation: a for a in apparatus.abbreviations}
    assert defined["CAW"].expansion is not None and defined["CAW"].expansion.startswith("Centralne")
    assert [a.abbreviation for a in apparatus.undefined] == ["GGSK"]
    assert archive.item.get("archive_location") == "I.303.4.2015"


def test_abbreviations_defined_in_the_text_are_linked_from_the_notes() -> None:
    from emendo.pipeline import repair_text

    document = repair_text(
        "In 1932 the Polish General Staff (PGS) opened a file on the émigrés, now kept in the Central\n"
        "Military Archive (hereafter CMA) in Warsaw. The PGS read every report it was sent.¹\n"
        "¹ CMA, I.303.4.2015; see also XQT, S.9.4.5.\n"
    )
    apparatus = build_apparatus(document)
    entries = {a.abbreviation: a for a in apparatus.abbreviations}
    assert entries["PGS"].expansion == "Polish General Staff"
    assert entries["PGS"].defined_in is None and entries["PGS"].defined_in_block is not None
    assert [(block, document.blocks[block].text[a:b]) for block, a, b in entries["PGS"].block_uses] == [
        (0, "PGS")
    ]  # the definition itself is no use
    assert entries["CMA"].expansion.startswith("Central Military Archive")
    assert [apparatus.notes[n][0] for n, _, _ in entries["CMA"].uses] == [1]
    assert apparatus.citations[0].item.get("archive", "").startswith("Central Military Archive")
    assert [a.abbreviation for a in apparatus.undefined] == ["XQT"]
    data = json.loads(json.dumps(apparatus.to_json()))
    (pgs,) = [a for a in data["abbreviations"] if a["abbreviation"] == "PGS"]
    assert pgs["definition"]["block"] == 0 and pgs["uses"][0]["block"] == 0
