"""The word layer as a whole: its registry, its audit trail, and that it does no harm."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emendo.errors import InputError
from emendo.model import Block, BlockType, Document, Edit, Note, Page, TrackedText, rebuild_pages
from emendo.words import REPAIR_NAMES, REPAIRS, WordsConfig, learn_profile, repair_text, repair_words
from emendo.words.encoding import fix_mojibake

CORPUS = Path(__file__).parents[1] / ".." / "shared" / "corpus"


def document_of(pages: list[str]) -> Document:
    """One block per page, the whole page text, as if layout had found nothing to remove."""
    model_pages = [Page(i, text) for i, text in enumerate(pages)]
    blocks = [
        Block(BlockType.PARAGRAPH, TrackedText.verbatim(i, 0, text)) for i, text in enumerate(pages) if text
    ]
    return Document(model_pages, blocks)


def repair(pages: list[str], config: WordsConfig | None = None) -> Document:
    config = config or WordsConfig()
    document = document_of(pages)
    return repair_words(document, learn_profile(document.pages, config), config)


def test_the_registry_lists_every_repair_in_running_order() -> None:
    assert tuple(REPAIRS) == REPAIR_NAMES
    assert all(repair.summary and repair.apply.__doc__ for repair in REPAIRS.values())


def test_a_selection_of_repairs_runs_only_those() -> None:
    pages = ["Their condence was dicult; the rst reports reected it. newspaperPravdato"]
    spaces_only = repair(pages, WordsConfig(repairs=("spaces",)))
    assert {r.kind for r in spaces_only.repairs()} == {"space"}
    assert "condence" in spaces_only.blocks[0].text


def test_an_unknown_repair_name_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="choose from"):
        WordsConfig(repairs=("ligatures", "spelling"))
    with pytest.raises(InputError, match="between 0 and 1"):
        WordsConfig(min_confidence=1.5)


def test_repairs_below_min_confidence_are_held_back_not_applied() -> None:
    page = "Their condence was dicult; the rst reports reected it, and the sta left."
    document = repair([page], WordsConfig(min_confidence=0.995))  # ``sta`` is ``staff`` at 0.993
    text = document.blocks[0].text
    assert "confidence" in text and "sta left" in text
    (held,) = [r for r in document.held_back if r.after == "ff"]
    assert not held.applied
    assert page[held.start : held.end] == held.before == ""
    assert page[: held.start].endswith("sta")
    assert rebuild_pages(document) == [page]


def test_notes_are_repaired_too_and_pages_are_kept() -> None:
    page = "The rst reports were dicult and reected it. Fischer,Russia’s Road(New York"
    config = WordsConfig()
    cut = page.index(" Fischer")
    document = Document(
        [Page(0, page)],
        [Block(BlockType.PARAGRAPH, TrackedText.verbatim(0, 0, page[:cut]))],
        [Note(2, TrackedText.verbatim(0, cut, page[cut:]))],
    )
    repaired = repair_words(document, learn_profile(document.pages, config), config)
    assert repaired.pages is document.pages
    assert repaired.blocks[0].text == "The first reports were difficult and reflected it."
    note = repaired.notes[0]
    assert note.text == " Fischer, Russia’s Road (New York"
    assert [note.text[m.start : m.end] for m in note.italics] == ["Russia’s Road"]
    assert rebuild_pages(repaired) == [page]


def test_mojibake_is_fixed_only_where_it_shows() -> None:
    changes = fix_mojibake("the Ã©migrÃ© press and the “quoted” émigré")
    assert [e.after for e in changes.edits] == ["émigré"]


def test_characters_that_are_not_drawn_are_taken_out_and_recorded() -> None:
    page = "the eco\u00adnomic report\u200b was read; \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stays"
    document = repair([page])
    assert (
        document.blocks[0].text
        == "the economic report was read; \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 stays"
    )
    assert [(r.kind, r.before) for r in document.repairs()] == [
        ("invisible", "\u00ad"),
        ("invisible", "\u200b"),
    ]
    assert rebuild_pages(document) == [page]


def test_mac_roman_punctuation_is_read_back_in_every_text_of_a_document_that_shows_it() -> None:
    body = "ÒWe donÕt know,Ó the chairman said; the engineersÑwho had waitedÑsaid nothing."
    note = "Smith, Harbour Board (London, 1901), 18Ð60."
    document = repair([body, note])
    assert [block.text for block in document.blocks] == [
        "“We don’t know,” the chairman said; the engineers—who had waited—said nothing.",
        "Smith, Harbour Board (London, 1901), 18–60.",
    ]
    assert {r.kind for r in document.repairs()} == {"mojibake"}
    assert rebuild_pages(document) == [body, note]


def test_accented_capitals_of_other_languages_stay_where_nothing_shows_mac_roman() -> None:
    pages = ["ÓSCAR ROMEU and ESPAÑA ÑANDÚ, the École and Ðuro, pages 18Ð60."]
    assert repair(pages).blocks[0].text == pages[0]


# Damaged words of every kind, with the real words the repairs must leave alone.
DAMAGED_WORDS = (
    "the of and to in a was at our re t con arm that he condence dicult Aairs fty exible inuence pacists "
    "ght reected lled conict aairs o\ufb03ce \ufb01eld Ã©migrÃ© newspaperPravdato thatPravdadenounce "
    "inIzvestiiacritical Fischer,Russia’s 1941(New gg.(Moscow .”Europe-Asia shinbun(evening andwhen "
    "Stor.iii. Sta. t-test re-election U.S. e.g. 1.5 S.9.4.5 McDonald iPhone severly Mukden ³ ² 12 "
    "Zenm\u00a0\u0304o Toky\u00a0\u0304\u00a0\u0304o supaimo.”\u00a0\u0304 G\u00a8\u00a0odel "
    "“quoted” (aside) ; , . : – eco\u00adnomic report\u200b word\u2060joiner \ufeffThe Ne\u00ad "
    "donÕt ÒWe know,Ó ÓSCAR 1815Ð1860 warÑand soÉ T A he fter HE"
)
DAMAGED_TOKENS = st.sampled_from(DAMAGED_WORDS.split(" "))


@st.composite
def damaged_pages(draw: st.DrawFn) -> list[str]:
    pages = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(DAMAGED_TOKENS, min_size=0, max_size=40))
        separators = draw(
            st.lists(st.sampled_from([" ", " ", " ", "\n", ""]), min_size=len(words), max_size=len(words))
        )
        pages.append("".join(w + s for w, s in zip(words, separators, strict=True)))
    return pages


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pages(), st.sampled_from([0.0, 0.5, 0.9, 0.99]))
def test_every_page_is_rebuilt_from_the_edition_and_its_repairs(pages: list[str], threshold: float) -> None:
    document = repair(pages, WordsConfig(min_confidence=threshold))
    assert rebuild_pages(document) == pages
    for found in document.repairs():
        assert pages[found.page][found.start : found.end] == found.before
        assert found.kind and found.reason and 0.0 <= found.confidence <= 1.0
        assert found.applied == (found.confidence >= threshold)


# Clean prose: the commonest English words in random order, as sentences.
def _common_words() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", 3000) if w.isalpha() and (len(w) > 1 or w in "ai")]


COMMON = _common_words()


@st.composite
def clean_prose(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(st.sampled_from(COMMON), min_size=3, max_size=18))
        words[0] = words[0].capitalize()
        punctuation = draw(
            st.lists(st.sampled_from(["", "", "", ",", ";"]), min_size=len(words), max_size=len(words))
        )
        sentences.append(" ".join(w + p for w, p in zip(words, punctuation, strict=True)).rstrip(",;") + ".")
    return " ".join(sentences)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(clean_prose(), min_size=1, max_size=3))
def test_clean_prose_comes_out_unchanged(pages: list[str]) -> None:
    document = repair(pages)
    assert [b.text for b in document.blocks] == pages
    assert document.repairs() == []


def test_the_authors_spelling_stays() -> None:
    page = "He would condemn severly the occupants, and the officers were defiant."
    assert repair([page]).blocks[0].text == page


def _corpus_paragraphs(limit: int) -> list[str]:
    paragraphs: list[str] = []
    for book in sorted(CORPUS.glob("*.txt")):
        text = book.read_text(encoding="utf-8")[20_000 : 20_000 + limit]
        text = re.sub(r"\[\d+\]", "", text).replace("_", "")
        paragraphs.extend(re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return paragraphs


def test_public_domain_prose_is_left_alone() -> None:
    if not CORPUS.is_dir() or not any(CORPUS.glob("*.txt")):
        pytest.skip("public-domain corpus not found at ../shared/corpus")
    paragraphs = _corpus_paragraphs(150_000)
    config = WordsConfig()
    profile = learn_profile([Page(i, p) for i, p in enumerate(paragraphs)], config)
    changes = 0
    for i, paragraph in enumerate(paragraphs):
        out = repair_text(TrackedText.verbatim(i, 0, paragraph), list(REPAIRS.values()), profile, config, [])
        changes += len(out.repairs())
    words = sum(len(p.split()) for p in paragraphs)
    assert words > 20_000
    assert changes / words < 1 / 10_000


def test_italics_a_reader_found_become_marks_across_line_joins() -> None:
    page = Page(0, "in the Maritime\nGazette today", italics=[(7, 23)])
    content = TrackedText.verbatim(0, 0, page.original).edit([Edit(15, 16, " ", "line-join", "line end")])
    document = Document([page], [Block(BlockType.PARAGRAPH, content)])
    config = WordsConfig()
    repaired = repair_words(document, learn_profile(document.pages, config), config)
    block = repaired.blocks[0]
    assert [block.text[m.start : m.end] for m in block.italics] == ["Maritime Gazette"]


def test_small_capitals_of_a_chapter_opening_are_joined_in_headings_and_running_heads() -> None:
    """``pdftotext -layout`` sets each small-capital word apart from its capital; the
    layout reads ``C HAPTER 3`` as a heading, not a head numbered 3, and the words close it."""
    from emendo.pipeline import repair_text as repair_document

    fixture = Path(__file__).parent / "fixtures" / "layout" / "river-chapter-layout.txt"
    document = repair_document(fixture.read_text("utf-8"))
    assert [(page.number, page.running_head) for page in document.pages] == [
        (41, None),
        (42, "THE WAR ON THE RIVERS"),
    ]
    assert [block.text for block in document.blocks[:2]] == ["CHAPTER 3", "THE WAR ON THE RIVERS"]
    with pytest.raises(InputError, match="split-capitals"):
        WordsConfig(repairs=("drop-capitals",))
