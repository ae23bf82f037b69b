"""TEI P5 export: valid against the TEI schema, and faithful to the edition.

Validation uses the shipped ``tei_all.rng`` with every element emendo never
writes replaced by ``<notAllowed/>``.  That only removes choices from the
grammar, so whatever validates here validates against the full ``tei_all``;
it compiles in a tenth of a second instead of twenty.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.apparatus import build_apparatus
from emendo.exporters.tei import document_to_tei
from emendo.model import Block, BlockType, Document, Edit, Mark, Note, Page, TrackedText
from fixtures import apparatus_documents as fixtures

etree = pytest.importorskip("lxml.etree")

TEI = "{http://www.tei-c.org/ns/1.0}"
RNG = "{http://relaxng.org/ns/structure/1.0}"
SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"

#: Every element the exporter may write.
EMITTED = {
    "TEI",
    "teiHeader",
    "fileDesc",
    "titleStmt",
    "title",
    "respStmt",
    "resp",
    "name",
    "publicationStmt",
    "p",
    "sourceDesc",
    "encodingDesc",
    "text",
    "body",
    "back",
    "div",
    "head",
    "pb",
    "quote",
    "note",
    "bibl",
    "listBibl",
    "author",
    "editor",
    "pubPlace",
    "publisher",
    "date",
    "biblScope",
    "citedRange",
    "idno",
    "edition",
    "orgName",
    "placeName",
    "seg",
    "ptr",
    "ref",
    "hi",
    "choice",
    "sic",
    "corr",
}


@cache
def compiled_schema() -> object:
    """The restricted TEI grammar (see the module docstring), compiled once."""
    source = files("emendo.exporters").joinpath("schema/tei_all.rng").read_bytes()
    tree = etree.fromstring(source).getroottree()
    for define in tree.getroot().findall(f"{RNG}define"):
        element = define.find(f"{RNG}element")
        if element is not None and len(define) == 1 and element.get("name") not in (None, *EMITTED):
            for child in list(define):
                define.remove(child)
            etree.SubElement(define, f"{RNG}notAllowed")
    return etree.RelaxNG(tree)


@pytest.fixture
def schema() -> object:
    return compiled_schema()


def valid(schema: object, xml: str) -> object:
    root = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(root), schema.error_log  # type: ignore[attr-defined]
    return root


def naval_document() -> Document:
    """NAVAL_HISTORY with one ligature repair in the first paragraph."""
    document = fixtures.build(fixtures.NAVAL_HISTORY)
    first = document.blocks[0]
    at = first.text.index("quickly")
    first.content = first.content.edit([Edit(at, at + 2, "qu", "ligature", "lost ligature", 0.8)])
    return document


@pytest.fixture(scope="module")
def naval_tei() -> object:
    document = naval_document()
    return valid(
        compiled_schema(), document_to_tei(document, build_apparatus(document, parse=fixtures.stub_parse))
    )


def body_text_without(element: object, *skip: str) -> str:
    """Text of ``element`` leaving out the subtrees of the named TEI elements (tails kept)."""
    parts: list[str] = []

    def walk(node: object) -> None:
        if node.tag not in {TEI + s for s in skip}:  # type: ignore[attr-defined]
            parts.append(node.text or "")  # type: ignore[attr-defined]
            for child in node:  # type: ignore[attr-defined]
                walk(child)
        parts.append(node.tail or "")  # type: ignore[attr-defined]

    parts.append(element.text or "")  # type: ignore[attr-defined]
    for child in element:  # type: ignore[attr-defined]
        walk(child)
    return "".join(parts)


def test_header_says_emendo_made_it(naval_tei: object) -> None:
    source = naval_tei.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}sourceDesc/{TEI}p")  # type: ignore[attr-defined]
    assert "emendo" in source.text and "3 pages" in source.text


def test_a_page_break_for_every_page_in_order(naval_tei: object) -> None:
    breaks = naval_tei.findall(f".//{TEI}body//{TEI}pb")  # type: ignore[attr-defined]
    assert [pb.get("n") for pb in breaks] == ["41", "42", "44"]
    # page 42 begins inside the word broken over the page: "fol-" / "lows"
    inside = breaks[1]
    assert inside.get("break") == "no" and inside.getparent().tag == f"{TEI}p"
    assert (inside.tail or "").startswith("lows.")
    # page 44 begins with a new paragraph: the break stands between blocks
    assert breaks[2].getparent().tag in {f"{TEI}body", f"{TEI}div"}


def test_blocks_keep_their_text_and_structure(naval_tei: object) -> None:
    document = naval_document()
    body = naval_tei.find(f".//{TEI}body")  # type: ignore[attr-defined]
    written = [
        e for e in body.iter(f"{TEI}p", f"{TEI}head", f"{TEI}quote") if e.getparent().tag != f"{TEI}note"
    ]
    assert [e.tag.removeprefix(TEI) for e in written] == ["p", "p", "head", "p", "p", "quote", "p"]
    for element, block in zip(written, document.blocks, strict=True):
        assert body_text_without(element, "note", "sic", "pb") == block.text
    assert body.find(f"{TEI}div/{TEI}head").text == "2.1 The Harbour Towns"


def test_notes_stand_at_their_markers(naval_tei: object) -> None:
    notes = naval_tei.findall(f".//{TEI}body//{TEI}note")  # type: ignore[attr-defined]
    assert [n.get("n") for n in notes] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
    ]
    assert all(n.get("place") == "foot" for n in notes)
    first = notes[0]
    before = first.getprevious()
    text_before = (before.tail if before is not None else first.getparent().text) or ""
    assert text_before.endswith("after 1850.")
    assert naval_tei.find(f".//{TEI}back/{TEI}div[@type='notes']") is None  # type: ignore[attr-defined]


def test_italics_and_repairs(naval_tei: object) -> None:
    his = [h.text for h in naval_tei.iter(f"{TEI}hi")]  # type: ignore[attr-defined]
    assert "Gazette" in his and "Maritime History Review" in his
    (choice,) = [c for c in naval_tei.iter(f"{TEI}choice") if c.find(f"{TEI}corr").get("type") == "ligature"]  # type: ignore[attr-defined]
    assert choice.find(f"{TEI}sic").text == "qu" and choice.find(f"{TEI}corr").get("cert") == "0.80"
    kinds = {c.find(f"{TEI}corr").get("type") for c in naval_tei.iter(f"{TEI}choice")}  # type: ignore[attr-defined]
    assert kinds == {"ligature", "hyphen-join"}  # note markers and numbers are the note elements


def test_references_are_bibl_with_fields_linked_to_the_bibliography(naval_tei: object) -> None:
    bibl = naval_tei.find(f".//{TEI}note[@n='1']/{TEI}bibl")  # type: ignore[attr-defined]
    assert bibl.get("corresp") == "#lee1990rivers"
    fields = {(e.tag.removeprefix(TEI), e.get("level")): "".join(e.itertext()) for e in bibl}
    assert fields[("author", None)] == "Ann Lee"
    assert fields[("title", "m")].startswith("Rivers of Iron")
    assert fields[("pubPlace", None)] == "Oxford" and fields[("publisher", None)] == "Clio Press"
    assert fields[("date", None)] == "1990" and fields[("citedRange", None)] == "12"
    article = naval_tei.find(f".//{TEI}note[@n='5']/{TEI}bibl")  # type: ignore[attr-defined]
    assert [t.get("level") for t in article.iter(f"{TEI}title")] == ["a", "j"]
    ibid = naval_tei.find(f".//{TEI}note[@n='2']/{TEI}bibl")  # type: ignore[attr-defined]
    assert (ibid.get("type"), ibid.get("corresp")) == ("ibid", "#lee1990rivers")
    ambiguous = naval_tei.find(f".//{TEI}note[@n='6']/{TEI}bibl")  # type: ignore[attr-defined]
    assert ambiguous.get("corresp") is None
    listed = naval_tei.find(
        f".//{TEI}back//{TEI}listBibl/{TEI}bibl[@{{http://www.w3.org/XML/1998/namespace}}id='lee1990rivers']"
    )  # type: ignore[attr-defined]
    assert len(listed.findall(f".//{TEI}ref")) == 8


def test_escaping(naval_tei: object) -> None:
    quote = naval_tei.find(f".//{TEI}quote")  # type: ignore[attr-defined]
    assert "ledgers said so, & not before." in "".join(quote.itertext())


def test_without_apparatus_notes_are_plain(schema: object) -> None:
    root = valid(schema, document_to_tei(naval_document(), None))
    assert root.find(f".//{TEI}bibl") is None
    assert len(root.findall(f".//{TEI}note")) == 17


def test_notes_without_a_marker_go_to_back_and_empty_pages_still_get_a_break(schema: object) -> None:
    pages = [Page(0, "Body text.\n1 A note.", number=7), Page(1, "9 Lone note.", number=8)]
    document = Document(
        pages=pages,
        blocks=[Block(BlockType.PARAGRAPH, TrackedText.verbatim(0, 0, "Body text."))],
        notes=[
            Note(1, TrackedText.verbatim(0, 13, "A note.")),
            Note(9, TrackedText.verbatim(1, 2, "Lone note.")),
        ],
    )
    root = valid(schema, document_to_tei(document, None))
    assert [pb.get("n") for pb in root.iter(f"{TEI}pb")] == ["7", "8"]
    assert [n.get("n") for n in root.findall(f".//{TEI}back/{TEI}div/{TEI}note")] == ["1", "9"]


def test_an_empty_document_is_valid(schema: object) -> None:
    valid(schema, document_to_tei(Document(pages=[Page(0, "")]), None))


edition_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(edition_text, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4), st.data())
def test_any_text_with_any_marks_gives_valid_tei(
    text: str, cuts: list[tuple[int, int]], data: st.DataObject
) -> None:
    content = TrackedText.verbatim(0, 0, text)
    bounded = [(a % (len(text) + 1), b % (len(text) + 1)) for a, b in cuts]
    spans = sorted({(min(a, b), max(a, b)) for a, b in bounded})
    italics = [Mark(a, b, "italic") for a, b in spans if b > a]
    refs = [Mark(a, a, "note_ref", 1) for a, _ in spans[:1]]
    edits = []
    cursor = -1
    for a, b in spans:
        if a > cursor:
            edits.append(Edit(a, b, data.draw(st.sampled_from(["", "x", "&<"])), "test", "generated"))
            cursor = b
    content = content.with_marks([*italics, *refs]).edit(edits)
    document = Document(
        pages=[Page(0, text, number=1)],
        blocks=[Block(BlockType.PARAGRAPH, content)],
        notes=[Note(1, TrackedText.verbatim(0, 0, "n"))],
    )
    valid(compiled_schema(), document_to_tei(document, None))


@pytest.mark.seeds
def test_seed_pages_give_valid_tei(schema: object) -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed pages not found at ../shared/seeds")
    from emendo.pipeline import repair_pages
    from emendo.readers import iter_pages

    document = repair_pages(
        list(iter_pages([str(SEEDS / "page129.raw.txt"), str(SEEDS / "page135.raw.txt")]))
    )
    root = valid(schema, document_to_tei(document, build_apparatus(document)))
    assert [pb.get("n") for pb in root.iter(f"{TEI}pb")] == ["129", "135"]
    assert len(root.findall(f".//{TEI}body//{TEI}note")) == len(document.notes)
    assert root.find(f".//{TEI}note[@n='35']/{TEI}bibl//{TEI}idno").text == "I.303.4.2015"
    assert {h.text for h in root.iter(f"{TEI}hi")} >= {"Pravda", "Europe-Asia Studies"}


def test_an_endnote_stands_at_its_marker_marked_as_an_end_note(schema: object) -> None:
    from emendo.pipeline import repair_pages
    from emendo.readers import pages_from_texts

    body = (
        "Harbour Works · 45\nThe board met in the spring,1 and then the engineers spoke.2 They were long.3\n"
    )
    endnotes = "Notes to Chapter 4 · 46\n1. Minutes, 4 March 1878.\n2. Report (1878), 3.\n3. Ibid., 4.\n"
    root = valid(schema, document_to_tei(repair_pages(pages_from_texts([body, endnotes]))))
    notes = root.findall(f".//{TEI}body//{TEI}p/{TEI}note")
    assert [(n.get("place"), n.get("n")) for n in notes] == [("end", "1"), ("end", "2"), ("end", "3")]
