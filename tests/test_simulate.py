"""The damage simulator: deterministic, calibrated, and its truth always matches its damage."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.simulate import (
    CleanDocument,
    DamageConfig,
    DamageEvent,
    Simulation,
    parse_markup,
    read_gutenberg,
    simulate,
    split_documents,
)
from emendo.simulate.damage import (
    LIGATURE_SEQUENCE,
    break_points,
    displace_accents,
    drop_ligatures,
    marker_text,
)

SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"

# Words written for these tests: ligature words, compounds, a dash, accents.
VOCABULARY = [
    *("the", "of", "and", "in", "a", "to", "was", "that", "it", "with", "for", "as", "his", "on", "by"),
    *("they", "were", "war", "affairs", "confidence", "difficult", "flexible", "office", "baffled"),
    *("shuffle", "fifty", "official", "influence", "reflected", "conflict", "sufficient", "effective"),
    *("effort", "fight", "filled", "government", "representatives", "strengthening", "intervention"),
    *("opposition", "moderately", "Russo-Japanese", "self-government", "nineteenth-century"),
    *("well-known", "despots—and", "émigré", "Tōkyō", "naïve", "café", "Zenmō", "republics"),
    *("commerce", "navy", "admiral", "squadron"),
]

PLAIN = DamageConfig(watermark_pages=0.0, bare_number_pages=0.0, blank_line_pages=0.0)
EVERYTHING = DamageConfig(
    ligature_documents=1.0, accent_documents=1.0, italic_glue=1.0, marker_space_loss=1.0
)


def markup_document(rng: random.Random, paragraphs: int, words: int = 60) -> CleanDocument:
    """Clean prose from the test vocabulary, with italic runs and footnote anchors."""
    texts: list[str] = []
    notes: dict[int, str] = {}
    for _ in range(paragraphs):
        out: list[str] = []
        italic_left = 0
        for n in range(words):
            word = rng.choice(VOCABULARY)
            if italic_left == 0 and rng.random() < 0.08:
                italic_left = rng.randint(1, 3)
                word = "_" + word
            if italic_left:
                italic_left -= 1
                if italic_left == 0:
                    word += "_"
            if n % 7 == 6 and rng.random() < 0.5:
                word += rng.choice([",", ".", ";"])
            if italic_left == 0 and rng.random() < 0.04:
                number = len(notes) + 1
                notes[number] = f"See _The {rng.choice(VOCABULARY)} papers_, {rng.randint(1, 400)}."
                word += f"[{number}]"
            out.append(word)
        texts.append(" ".join(out) + ".")
    note_passages = {n: parse_markup(text) for n, text in notes.items()}
    return CleanDocument(tuple(parse_markup(t, note_passages) for t in texts), note_passages, "A Test Book")


def assert_truth_matches(sim: Simulation) -> None:
    """Undoing the events gives the clean text, and each event names the right clean words."""
    blocks, notes = sim.restore()
    assert blocks == [b.text for b in sim.blocks]
    assert notes == [n.text for n in sim.notes]
    for event in sim.events:
        passage = sim.blocks[event.passage] if event.part == "body" else sim.notes[event.passage]
        words = passage.text.split()[event.token : event.token + event.tokens]
        assert " ".join(words) == event.clean
        shown = [sim.pages[s.page][s.start : s.end] for s in event.spans]
        if event.kind in ("italic_space", "marker_space", "tight_space"):
            assert shown == [""]
        elif event.kind == "marker":
            assert event.note is not None
            assert shown[0] in {marker_text(event.note, plain=True), marker_text(event.note, plain=False)}
        else:
            assert "\n".join(shown) == event.damaged


@pytest.fixture(scope="module")
def big() -> CleanDocument:
    return markup_document(random.Random(0), paragraphs=40)


def test_same_seed_same_pages_and_truth(big: CleanDocument) -> None:
    assert simulate(big, seed=3) == simulate(big, seed=3)
    assert simulate(big, seed=3).pages != simulate(big, seed=4).pages


@pytest.mark.parametrize("config", [DamageConfig(), EVERYTHING, DamageConfig().undamaged()])
def test_undoing_the_events_gives_back_the_clean_text(big: CleanDocument, config: DamageConfig) -> None:
    for seed in range(2):
        assert_truth_matches(simulate(big, seed=seed, config=config))


def test_undamaged_pages_change_no_word(big: CleanDocument) -> None:
    sim = simulate(big, seed=1, config=DamageConfig().undamaged())
    assert {e.kind for e in sim.events} == {"marker"}
    superscripts = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
    assert [superscripts.sub("", w) for w in sim.damaged_words("body")] == sim.clean_words("body")
    assert sim.damaged_words("note") == sim.clean_words("note")


def test_lost_ligatures_lose_every_sequence(big: CleanDocument) -> None:
    # Without glued words, whose joined letters ("of"+"it") may spell a pair
    # anew, nor broken ones, which keep a pair split by the line end.
    whole_words = replace(EVERYTHING, italic_glue=0.0, marker_space_loss=0.0, hyphenation=0.0)
    sim = simulate(big, seed=2, config=whole_words)
    damaged = " ".join(sim.damaged_words("body") + sim.damaged_words("note"))
    assert not LIGATURE_SEQUENCE.search(damaged)
    lost = sum(len(e.edits) for e in sim.events_of("ligature"))
    clean = " ".join(sim.clean_words("body") + sim.clean_words("note"))
    assert lost == len(LIGATURE_SEQUENCE.findall(clean))
    kept = simulate(big, seed=2, config=replace(EVERYTHING, ligature_documents=0.0))
    assert not kept.events_of("ligature")


def fraction_kept(big: CleanDocument, kind: str, rate: DamageConfig, full: DamageConfig) -> float:
    """Events of ``kind`` at a rate over events at certainty: same seed, so same opportunities."""
    return len(simulate(big, 5, rate).events_of(kind)) / len(simulate(big, 5, full).events_of(kind))


def test_lost_spaces_follow_their_rates(big: CleanDocument) -> None:
    full = replace(EVERYTHING, plain_marker_documents=0.0)
    half = replace(full, italic_glue=0.5, marker_space_loss=0.25)
    assert len(simulate(big, 5, full).events_of("italic_space")) > 100
    assert fraction_kept(big, "italic_space", half, full) == pytest.approx(0.5, abs=0.08)
    assert fraction_kept(big, "marker_space", half, full) == pytest.approx(0.25, abs=0.1)


def test_plain_digit_markers_keep_their_space(big: CleanDocument) -> None:
    sim = simulate(big, 1, replace(EVERYTHING, plain_marker_documents=1.0))
    markers = sim.events_of("marker")
    assert markers and not sim.events_of("marker_space")
    assert all(sim.pages[m.spans[0].page][m.spans[0].start : m.spans[0].end] == str(m.note) for m in markers)


def test_document_rates_hold_over_many_documents() -> None:
    doc = markup_document(random.Random(1), paragraphs=2, words=40)
    config = DamageConfig(ligature_documents=0.5, plain_marker_documents=0.3, accent_documents=0.4)
    sims = [simulate(doc, seed, config) for seed in range(200)]
    lossy = sum(bool(sim.events_of("ligature")) for sim in sims)
    accented = sum(bool(sim.events_of("accent")) for sim in sims)
    plain = sum(
        any(sim.pages[e.spans[0].page][e.spans[0].start] in "0123456789" for e in sim.events_of("marker"))
        for sim in sims
    )
    assert lossy / 200 == pytest.approx(0.5, abs=0.1)
    assert accented / 200 == pytest.approx(0.4, abs=0.1)
    assert plain / 200 == pytest.approx(0.3, abs=0.1)


def test_page_rates_hold(big: CleanDocument) -> None:
    config = DamageConfig(
        blank_line_pages=0.5, watermark_pages=0.3, bare_number_pages=0.2, lines_per_page=(8, 8)
    )
    sims = [simulate(big, seed, config) for seed in range(3)]
    pages = [page for sim in sims for page in sim.pages]
    assert len(pages) > 100
    blank = sum("\n\n\n" in page for page in pages) / len(pages)
    watermarked = sum(page.endswith(config.watermark_bottom[0]) for page in pages) / len(pages)
    bare = [f.running_head is None for sim in sims for f in sim.furniture]
    assert blank == pytest.approx(0.5, abs=0.1)
    assert watermarked == pytest.approx(0.3, abs=0.1)
    assert sum(bare) / len(pages) == pytest.approx(0.2, abs=0.1)


def test_hyphenation_breaks_words_only_when_asked(big: CleanDocument) -> None:
    hyphenated = simulate(big, 1, PLAIN)
    body = [hyphenated.pages[line.page][line.start : line.end] for line in hyphenated.lines]
    assert sum(line.endswith("-") for line in body) / len(body) > 0.1
    assert hyphenated.events_of("compound") and hyphenated.events_of("hyphen")
    unbroken = simulate(big, 1, replace(PLAIN, hyphenation=0.0, break_at_hyphens=False))
    assert not unbroken.events_of("hyphen", "compound", "dash")


def test_compounds_keep_their_hyphen(big: CleanDocument) -> None:
    sim = simulate(big, 1, PLAIN)
    for event in sim.events_of("compound"):
        head, tail = event.damaged.split("\n")
        assert head.endswith("-") and head + tail == event.clean


def test_running_heads_alternate_and_page_numbers_count_up(big: CleanDocument) -> None:
    sim = simulate(big, 4, PLAIN)
    for text, page in zip(sim.pages, sim.furniture, strict=True):
        first = text.split("\n", 1)[0]
        if page.number % 2:
            assert first == f"{big.heading} Ë {page.number}"
        else:
            assert first == f"{page.number} Ë {big.title}"
    numbers = [p.number for p in sim.furniture]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_blank_line_style_has_the_seed_shape(big: CleanDocument) -> None:
    config = replace(PLAIN, blank_line_pages=1.0, watermark_pages=1.0)
    sim = simulate(big, 2, config)
    page = next(i for i, p in enumerate(sim.pages) if any(n.page == i for n in sim.notes))
    text = sim.pages[page]
    body = [line for line in sim.lines if line.page == page and line.part == "body"]
    notes = [line for line in sim.lines if line.page == page and line.part == "note"]
    assert text.startswith(f"{big.title}\n\n{config.watermark_top[0]}\n\n")
    assert all(text[a.end : b.start] == "\n\n\n" for a, b in pairwise(body))
    assert text[body[-1].end : notes[0].start].startswith("\n\n\n")
    assert text.endswith(f"\n\n{config.watermark_bottom[0]}")
    assert "\n\n" not in text[notes[0].start : notes[-1].end]


def test_notes_stand_at_the_foot_of_their_markers_page(big: CleanDocument) -> None:
    sim = simulate(big, 3, PLAIN)
    for event in sim.events_of("marker"):
        note = next(n for n in sim.notes if n.number == event.note)
        assert note.page == event.spans[0].page
        assert re.search(rf"(^|\n){note.number} ", sim.pages[note.page])


def test_accents_move_off_their_letters_in_the_seed_shapes() -> None:
    macron = "\u0304"
    assert displace_accents("Zenmō", macron, "before") == "Zenm \u0304o"
    assert displace_accents("Tōkyō", macron, "gathered") == "Toky \u0304 \u0304o"
    assert displace_accents("café,", "\u0301", "after") == "cafe, \u0301"
    doc = CleanDocument((parse_markup("The émigré went to Tōkyō, naïve and calm."),))
    sim = simulate(doc, 1, replace(PLAIN, accent_documents=1.0))
    assert {e.clean for e in sim.events_of("accent")} == {"émigré", "Tōkyō,", "naïve"}
    assert_truth_matches(sim)


def test_ligature_letters_split_by_a_line_break_stay() -> None:
    """No ligature forms across a line end: "dif-" keeps its f, "ficult" loses its fi."""
    assert drop_ligatures("dif") == ("dif", ())
    assert drop_ligatures("ficult") == ("cult", ((0, "fi", 0),))
    assert drop_ligatures("ficult", spaced=True) == ("cult", ((0, "fi", 0),))  # no letter before it
    assert break_points("difficult", hyphenate=True, at_hyphens=True) == [(3, "hyphen"), (5, "hyphen")]


def test_read_gutenberg_keeps_prose_and_notes_only() -> None:
    line = "word " * 13
    text = (
        "CHAPTER I.\n\nTHE FIRST THINGS.\n\n"
        f"The _first_ paragraph, wrapped as a transcription wraps it, runs on\n{line}and ends.[1]\n\n"
        "    An indented quotation that is not running text at all but a\n    block set apart.\n\n"
        "Index entry, 12\nAnother, 14\n\n"
        "FOOTNOTES:\n\n[1] A note -- with a dash and _a title_.\n\n"
        f"A second paragraph of the note, which is not body text even though it is\n{line}long.\n"
    )
    doc = read_gutenberg(text)
    assert [p.text.split()[:3] for p in doc.paragraphs] == [["The", "first", "paragraph,"]]
    assert doc.paragraphs[0].italics == ("first",)
    assert doc.paragraphs[0].tokens[-1].notes == (1,)
    assert doc.notes[1].text == "A note — with a dash and a title."
    assert split_documents(doc, 5)[0].notes == doc.notes


@pytest.mark.seeds
def test_default_shapes_are_the_seed_pages_shapes() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed pages not found at ../shared/seeds (they are not in the repo)")
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.raw.txt")))
    config = DamageConfig()
    assert not LIGATURE_SEQUENCE.search(seeds)  # the seed font lost every ligature
    assert all(f" {sep} " in seeds for sep in config.separators)
    assert all(mark in seeds for mark in (*config.watermark_top, *config.watermark_bottom))
    assert re.search("[a-z][.,”][⁰¹²³⁴⁵⁶⁷⁸⁹]+[A-Z]", seeds)  # a marker glued on both sides
    assert " \u0304" in seeds  # a combining macron adrift after a space


words = st.sampled_from(VOCABULARY)


@st.composite
def clean_paragraphs(draw: st.DrawFn) -> CleanDocument:
    paragraphs = draw(st.lists(st.lists(words, min_size=1, max_size=80), min_size=1, max_size=6))
    marked: list[str] = []
    notes: dict[int, str] = {}
    for paragraph in paragraphs:
        out = []
        for word in paragraph:
            style = draw(st.sampled_from(["", "", "", "italic", "note"]))
            if style == "italic":
                word = f"_{word}_"
            elif style == "note":
                notes[len(notes) + 1] = f"A note on _{word}_ and {draw(words)}."
                word = f"{word}[{len(notes)}]"
            out.append(word)
        marked.append(" ".join(out))
    note_passages = {n: parse_markup(t) for n, t in notes.items()}
    return CleanDocument(tuple(parse_markup(t, note_passages) for t in marked), note_passages)


@settings(max_examples=30, deadline=None)
@given(doc=clean_paragraphs(), seed=st.integers(0, 2**16))
def test_any_clean_text_keeps_a_consistent_truth(doc: CleanDocument, seed: int) -> None:
    sim = simulate(doc, seed, EVERYTHING)
    assert_truth_matches(sim)
    assert [b.text for b in sim.blocks] == [p.text for p in doc.paragraphs]
    assert sorted(n.number for n in sim.notes) == sorted(doc.notes)
    assert simulate(doc, seed, EVERYTHING) == sim


def test_a_ligature_shown_as_a_space_is_undone_by_its_event() -> None:
    doc = CleanDocument(
        (parse_markup("The officials were confident that the significant effort would suffice."),)
    )
    config = replace(PLAIN, ligature_documents=1.0, ligature_space_documents=1.0)
    sim = simulate(doc, 1, config)
    assert "The o cials were con dent that the signi cant e ort would su ce." in sim.pages[0]
    assert_truth_matches(sim)


@pytest.mark.parametrize(
    ("shown_as", "forms"),
    [
        (  # TeX's raw codes, or one accent per ligature
            "ligature_code_documents",
            (
                re.escape("The \x0crst o\x0ecials were con\x0cdent that the e\x0bort would su\x0ece."),
                "The [˘ˇˆ˙˝˛˚˜]rst o[˘ˇˆ˙˝˛˚˜]cials",
            ),
        ),
        (  # the glyph with a space on both sides, or after it only
            "ligature_gap_documents",
            (
                re.escape("The ﬁ rst o ﬃ cials were con ﬁ dent that the e ﬀ ort would su ﬃ ce."),
                re.escape("The ﬁ rst oﬃ cials were conﬁ dent that the eﬀ ort would suﬃ ce."),
            ),
        ),
    ],
)
def test_a_ligature_a_font_shows_otherwise_is_undone_by_its_event(
    shown_as: str, forms: tuple[str, str]
) -> None:
    doc = CleanDocument((parse_markup("The first officials were confident that the effort would suffice."),))
    config = replace(PLAIN, ligature_documents=1.0, ligature_space_documents=0.0, **{shown_as: 1.0})
    shown = [simulate(doc, seed, config).pages[0] for seed in range(8)]
    kinds = [[page for page in shown if re.search(form, page)] for form in forms]
    assert all(kinds) and sum(map(len, kinds)) == len(shown)  # a font shows one of the forms
    for seed in range(8):
        assert_truth_matches(simulate(doc, seed, config))


def _events_of_eight(sentence: str, config: DamageConfig, kind: str) -> list[DamageEvent]:
    """The ``kind`` events of eight simulations of ``sentence``, each checked against its truth."""
    doc = CleanDocument((parse_markup(sentence),))
    found: list[DamageEvent] = []
    for seed in range(8):
        sim = simulate(doc, seed, config)
        assert_truth_matches(sim)  # undoing the events gives the text back
        found.extend(sim.events_of(kind))
    return found


def test_a_tightly_set_document_loses_spaces_between_any_words() -> None:
    """Not after a lost ligature (``o|ff``), whose letters would go back where the space does."""
    config = replace(PLAIN, ligature_documents=1.0, tight_space_documents=1.0, tight_space_loss=0.5)
    sentence = "The officials were confident that the staff off duty would suffice."
    assert len(_events_of_eight(sentence, config, "tight_space")) > 8


def test_stray_spaces_split_long_words_and_their_events_undo_them() -> None:
    config = replace(PLAIN, ligature_documents=0.0, stray_space_documents=1.0, stray_space_rate=0.5)
    sentence = "The government threatened the merchants with a toll on every cargo of timber."
    events = _events_of_eight(sentence, config, "stray_space")
    assert len(events) > 8
    for event in events:
        word = event.clean.strip(".")
        assert len(word) >= 6 and event.damaged.replace(" ", "", 1) == word
    assert _events_of_eight(sentence, PLAIN, "stray_space") == []
