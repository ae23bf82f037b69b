"""Lost ligatures: restored in documents that lost them, never in documents that did not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.model import Page, TrackedText
from emendo.words import REPAIRS, WordsConfig, learn_profile, repair_text
from emendo.words.ligatures import (
    Surroundings,
    capital_evidence,
    context_evidence,
    is_foreign,
    ligatures_lost,
    neighbours,
    prose_zipf,
    surroundings,
)

# Prose written for these tests; the damaged version drops every ligature
# sequence the way a font without ligature mappings does.
CLEAN = (
    "The officials of the ministry found it difficult to keep their confidence in the fleet. "
    "Five officers were sent to the office, and the first reports reflected the influence of the staff. "
    "The conflict filled the newspapers for fifty days; the pacifists were flexible but the admiral "
    "would fight. Foreign affairs suffered, and the chief of staff offered his final figures. "
    "A flat calm settled on the field."
)
LIGATURES = re.compile("ffi|ffl|ff|fi|fl")
DAMAGED = LIGATURES.sub("", CLEAN)


def repaired(text: str, *document: str, config: WordsConfig | None = None) -> str:
    """``text`` after every word repair, in a document of ``document`` pages and ``text``."""
    config = config or WordsConfig()
    pages = [Page(i, page) for i, page in enumerate((*document, text))]
    profile = learn_profile(pages, config)
    content = TrackedText.verbatim(len(document), 0, text)
    return repair_text(content, list(REPAIRS.values()), profile, config, []).text


def test_a_document_without_ligatures_is_found_out_and_restored() -> None:
    profile = learn_profile([Page(0, DAMAGED)], WordsConfig())
    assert profile.lost_ligatures == {"ff", "fi", "fl", "ffi", "ffl"}
    assert repaired(DAMAGED) == CLEAN


@pytest.mark.parametrize(
    ("damaged", "restored"),
    [
        ("with little condence", "with little confidence"),
        ("it was dicult for him", "it was difficult for him"),
        ("the Home Aairs ministry", "the Home Affairs ministry"),
        ("some fty miles", "some fifty miles"),
        ("a more exible policy", "a more flexible policy"),
        ("under the inuence of", "under the influence of"),
        ("the pacists marched", "the pacifists marched"),
        ("a ght broke out", "a fight broke out"),
        ("his letter reected it", "his letter reflected it"),
        ("the hall was lled at once", "the hall was filled at once"),
        ("a long conict over land", "a long conflict over land"),
        ("her own aairs.", "her own affairs."),
        ("the sta’s view", "the staff’s view"),
    ],
)
def test_every_damaged_word_of_the_issue_is_restored(damaged: str, restored: str) -> None:
    assert repaired(damaged, DAMAGED) == restored


def test_a_word_joined_at_a_line_end_is_restored_too() -> None:
    # Layout joins ``testi-`` / ``ed`` into ``testied`` before the word repairs run.
    config = WordsConfig()
    profile = learn_profile([Page(0, DAMAGED), Page(1, "defectors testi-\ned that")], config)
    content = TrackedText.verbatim(1, 0, "defectors testi-\ned that")
    from emendo.model import Edit

    content = content.edit([Edit(15, 17, "", "hyphen-join", "word broken at the line end")])
    out = repair_text(content, list(REPAIRS.values()), profile, config, [])
    assert out.text == "defectors testified that"
    assert out.source() == "defectors testi-\ned that"


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("It was at the time.", "It was at the time."),  # a preposition before an article
        ("They lay on a at surface.", "They lay on a flat surface."),  # no preposition after an article
        ("The guns opened re on the town.", "The guns opened fire on the town."),
        ("the re-election of the mayor", "the re-election of the mayor"),  # a prefix, by the compound
        ("she looked into our aairs.", "she looked into our affairs."),
        ("the our was wet", "the flour was wet"),
        ("they would arm the ships", "they would arm the ships"),
        ("the arguments pro and con", "the arguments pro and con"),
        ("the coat did not t him", "the coat did not fit him"),
        ("the t-test was run", "the t-test was run"),  # a letter hyphenated to a word is a shape
        # names around, but ``the`` is English only:
        (
            "from Hadrian of Corneto to the rst avowed Vitruvians",
            "from Hadrian of Corneto to the first avowed Vitruvians",
        ),
    ],
)
def test_collisions_are_decided_by_their_sentence(damaged: str, expected: str) -> None:
    assert repaired(damaged, DAMAGED) == expected


def test_foreign_words_are_not_taken_for_damaged_english() -> None:
    assert repaired("quod ee nostra vita est", DAMAGED) == "quod ee nostra vita est"


def test_the_documents_capitals_vouch_for_a_candidate() -> None:
    # ``Flag`` cannot lose its ligature (a capital F is none), so it shows the
    # document writes about flags.
    without = learn_profile([Page(0, DAMAGED + " the ag")], WordsConfig()).restoration("ag")
    with_capitals = learn_profile([Page(0, DAMAGED + " the ag. Flag and Flag.")], WordsConfig()).restoration(
        "ag"
    )
    assert without is not None and with_capitals is not None
    assert with_capitals.prior > without.prior


def test_restored_derivatives_vouch_for_a_collision() -> None:
    # ``armation`` is no word but ``affirmation``: the document writes about affirming.
    plain = learn_profile([Page(0, DAMAGED + " they arm it")], WordsConfig()).restoration("arm")
    vouched = learn_profile([Page(0, DAMAGED + " they arm it; the armation")], WordsConfig()).restoration(
        "arm"
    )
    assert plain is None or (vouched is not None and vouched.prior > plain.prior)
    assert vouched is not None and vouched.word == "affirm"


def test_intact_ligature_words_veto_restoration() -> None:
    text = CLEAN + " Their condence was dicult to see."
    assert learn_profile([Page(0, text)], WordsConfig()).lost_ligatures == frozenset()
    assert repaired(text) == text


def test_ligature_code_points_are_written_out() -> None:
    assert repaired("the o\ufb03ce and the \ufb01eld", CLEAN) == "the office and the field"
    apple = "the \uf001eld and the \uf002eet"  # Apple's private-use points
    assert repaired(apple, CLEAN) == "the field and the fleet"


def test_unmapped_glyph_codes_are_read_as_the_ligature_that_makes_a_word() -> None:
    """pdfminer writes ``(cid:N)`` for glyphs without Unicode; fonts differ in which N is which."""
    text = "the di(cid:31)cult o(cid:31)ce, the (cid:40)eet and Sche(cid:11)er"
    assert repaired(text, CLEAN) == "the difficult office, the fleet and Scheffer"


def test_glyph_codes_outside_words_and_unreadable_codes_stay() -> None:
    text = "a symbol (cid:3) alone and Zyx(cid:99)qv"
    assert repaired(text, CLEAN) == text


@pytest.mark.parametrize("code", ["\ufffd", "\x00"])
def test_replacement_characters_inside_words_are_read_as_ligatures_too(code: str) -> None:
    """Extractors write U+FFFD or NUL for a glyph without Unicode; a name keeps it (no reading to prove)."""
    text = "the di@cult o@ce, the @eet, a @ sign, and Zyx@qv".replace("@", code)
    assert repaired(text, CLEAN) == "the difficult office, the fleet, a @ sign, and Zyx@qv".replace("@", code)


OT1_CODES = {"ffi": "\x0e", "ffl": "\x0f", "ff": "\x0b", "fi": "\x0c", "fl": "\x0d"}


def test_tex_glyph_codes_are_read_as_their_ligatures() -> None:
    """A TeX font without ligature mappings leaves OT1 codes: ``e\\x0bect`` is ``effect``, a name too."""
    text = LIGATURES.sub(lambda m: OT1_CODES[m.group()], CLEAN) + " Sche\x0ber"
    assert repaired(text, CLEAN) == CLEAN + " Scheffer"


def test_accents_that_stand_in_for_ligatures_are_learned_from_the_document() -> None:
    """``˛elds``, ``a˚er``, ``˜is``: which accent is which ligature differs by font, so words decide.

    ``˜`` stands for ``th`` mostly and for ``ff`` once; a name takes the document's reading.
    """
    text = "˜e ˛elds were ˛rst divided a˚er the war, and ˜is was ˜e di˜erent ˛nal ˛gure of Vel˛ord."
    expected = (
        "the fields were first divided after the war, and this was the different final figure of Velfiord."
    )
    assert repaired(text) == expected


def test_real_accents_and_line_breaks_are_no_stand_ins() -> None:
    """A tilde nobody reads as a ligature is left to the diacritics repair; a word
    processor's vertical tab before a capital is a line break, not ``ff``."""
    assert repaired("The S˜ao Paulo press and Jo˜ao") == "The São Paulo press and João"
    assert repaired("First line\x0bSecond line") == "First line\x0bSecond line"


def test_tex_codes_survive_page_and_line_splitting() -> None:
    """``\\f`` is fi and ``\\r`` is fl inside words; a form feed at a line start still breaks the page."""
    from emendo.pipeline import repair_text as repair_document

    text = "The \x0crst e\x0bect of the o\x0ece was a \x0dood of re\x0dection.\r\n\fThe next page\x0cnds it."
    document = repair_document(text)
    assert [block.text for block in document.blocks] == [
        "The first effect of the office was a flood of reflection. The next pagefinds it."
    ]
    assert len(document.pages) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Sta. Lucia, Sta. Lucia and Sta. Lucia again",  # an abbreviation the document keeps using
        "the 2nd edition and the (o) label",  # letters glued to numbers, a label
        "at five o’clock",  # a contraction
        "Lines 12ff. and p. 4",
    ],
)
def test_abbreviations_labels_and_contractions_stay(text: str) -> None:
    assert repaired(text, DAMAGED) == text


def test_single_capitals_are_initials_not_damage() -> None:
    assert repaired("O Lord, said T. Smith", DAMAGED) == "O Lord, said T. Smith"


def test_ligatures_lost_needs_evidence_and_no_intact_words() -> None:
    assert ligatures_lost({}, {"fi": 1}, 3, 0.0) == frozenset()
    assert ligatures_lost({"fi": 1}, {"fi": 5, "fl": 5}, 3, 0.01) == frozenset()
    assert ligatures_lost({"ff": 3}, {"fl": 9}, 3, 0.01) == frozenset()  # never without fi
    assert ligatures_lost({"ff": 3}, {"fi": 5, "fl": 5}, 3, 0.01) == {"fi", "fl", "ffi", "ffl"}
    assert "ff" in ligatures_lost({}, {"fi": 5}, 3, 0.0)


def test_short_fragments_count_for_less_than_wordfreq_says() -> None:
    assert prose_zipf("re", 5.23) < 4.0
    assert prose_zipf("at", 6.7) == 6.7
    assert prose_zipf("flexible", 4.3) == 4.3


def test_capital_evidence_is_bounded() -> None:
    assert capital_evidence(1000, 0) == 1.5
    assert capital_evidence(0, 1000) == -1.5


def test_context_is_grammar_not_frequency() -> None:
    zipfs = {"was": 6.5, "a": 7.4, "surface": 4.6, "the": 7.7, "time": 6.1}

    def zipf(word: str) -> float:
        return zipfs.get(word, 0.0)

    after_article = Surroundings("a", "surface", ("was", "a", "surface"))
    before_article = Surroundings("was", "the", ("was", "the", "time"))
    assert context_evidence(after_article, "at", "flat", zipf) > 5
    assert context_evidence(before_article, "at", "flat", zipf) < 0
    assert is_foreign(Surroundings("quod", "nostra", ("quod", "nostra", "vita")), zipf)
    assert not is_foreign(before_article, zipf)


def test_held_back_below_min_confidence() -> None:
    config = WordsConfig(min_confidence=0.9995)
    # ``sta`` → ``staff`` is a collision decided at lower confidence (0.999) than ``condence`` (1.0).
    assert repaired("the sta and their condence", DAMAGED, config=config) == "the sta and their confidence"


def test_a_font_that_maps_ff_but_not_fi_loses_only_fi_and_fl() -> None:
    """Intact ``staff`` must not veto ``condence``: each sequence is judged on its own."""
    kept_ff = "The staff suffered, and the chief of staff offered his effort in the affair. "
    damaged = kept_ff + re.compile("ffi|ffl|fi|fl").sub("", CLEAN.replace("ff", "FF")).replace("FF", "ff")
    assert repaired(damaged, damaged) == kept_ff + CLEAN


def test_ligatures_an_extractor_wrote_as_spaces_are_closed_up() -> None:
    spaced = "The of cials found it dif cult; the con ict was signi cant and well de ned; pro ts small."
    whole = "The officials found it difficult; the conflict was significant and well defined; profits small."
    assert repaired(spaced, DAMAGED) == whole


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # ``conned`` is a word, a little less common than ``confined``: only ``confined to`` tips it.
        ("the prisoners were conned to their cells", "the prisoners were confined to their cells"),
        ("the birds built a nest of twigs", "the birds built a nest of twigs"),
        ("the wind blew o-shore", "the wind blew off-shore"),  # ``offshore`` is a word
        ("the far-o hills", "the far-off hills"),  # ``far off`` is a pair books use
        # a damaged neighbour is English for what it was: ``ght`` is ``fight``, no foreign word
        ("after the sea ght o Beachy Head", "after the sea fight off Beachy Head"),
        ("the t-test and the T-shirt", "the t-test and the T-shirt"),
    ],
)
def test_collisions_are_decided_by_the_word_pairs_books_use(damaged: str, expected: str) -> None:
    assert repaired(damaged, DAMAGED) == expected


def test_a_collision_says_its_sentence_decided_it() -> None:
    config = WordsConfig()
    text = "the prisoners were conned to their cells, and their condence fell"
    profile = learn_profile([Page(0, DAMAGED), Page(1, text)], config)
    out = repair_text(TrackedText.verbatim(1, 0, text), [REPAIRS["ligatures"]], profile, config, [])
    conned, condence = (repair.reason for repair in out.repairs())
    assert "'conned' was 'confined'" in conned and "the words around it decided" in conned
    assert "'condence' was 'confidence'" in condence and "decided" not in condence  # the lexicon alone


@pytest.mark.parametrize(
    ("spaced", "whole"),
    [
        ("The light was di used through the room.", "The light was diffused through the room."),
        ("It stood on a rm basis.", "It stood on a firm basis."),  # ``a firm`` is likelier than ``affirm``
        # Italian, made whole by the foreign lexicon:
        ("Lorenzo Magni co was the ruler.", "Lorenzo Magnifico was the ruler."),
    ],
)
def test_spaced_losses_weigh_the_two_words_against_the_one(spaced: str, whole: str) -> None:
    assert repaired(spaced, DAMAGED, "The of cials were signi cant.") == whole


def test_foreign_words_lose_their_ligatures_too() -> None:
    assert repaired("the Pontece blessed the crowd", DAMAGED) == "the Pontefice blessed the crowd"
    names = "Maolo and Pierlippo came"  # names no lexicon knows: left as they are
    assert repaired(names, DAMAGED) == names


def test_a_one_letter_word_never_lost_a_ligature() -> None:
    """Regression: after an article, context once made ``a`` into ``afl``."""
    assert "afl" not in repaired("The a air ended badly.", DAMAGED)


@pytest.mark.parametrize("text", ["a con game", "the de facto ruler", "of ten men", "a reflex of sorts"])
def test_two_real_words_are_not_closed_up(text: str) -> None:
    assert repaired(text, DAMAGED) == text


def test_a_line_broken_inside_ffi_or_ffl_is_restored_with_the_sequence_it_lost() -> None:
    # ``of-``/``ficers``: no ligature joins across the break, so only the ``fi`` after it is lost.
    config = WordsConfig()
    text = "the of-\ncers were af-\nicted"
    profile = learn_profile([Page(0, DAMAGED), Page(1, text)], config)
    from emendo.model import Edit

    content = TrackedText.verbatim(1, 0, text).edit(
        [Edit(6, 8, "", "hyphen-join", "word broken"), Edit(20, 22, "", "hyphen-join", "word broken")]
    )
    out = repair_text(content, list(REPAIRS.values()), profile, config, [])
    assert out.text == "the officers were afflicted"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab’'- \n\t.1é", max_size=16))
def test_neighbours_agree_with_the_full_surroundings(text: str) -> None:
    """The fast reading of a token's neighbours finds what the full one does, on any text."""
    for token in re.finditer(r"[^\W\d_]+", text):
        near = neighbours(text, token.start(), token.end())
        full = surroundings(text, token.start(), token.end())
        assert (near.previous, near.following, near.joined_before, near.joined_after) == (
            full.previous,
            full.following,
            full.joined_before,
            full.joined_after,
        )


# pdftotext's reading of a font whose ligature glyphs are narrower than their advance:
# the glyph kept, a space put beside it wherever a letter stands on that side.
GLYPHS = {"ffi": "\ufb03", "ffl": "\ufb04", "ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02"}
GAPPED = LIGATURES.sub(
    lambda m: " " * m.string[m.start() - 1].isalpha() + GLYPHS[m.group()] + " " * m.string[m.end()].isalpha(),
    CLEAN,
)


def test_spaces_an_extractor_put_beside_ligature_glyphs_are_closed() -> None:
    """``ﬁ rst`` is not a word that lost its ``fi``: the letters are there, the space is too many."""
    profile = learn_profile([Page(0, GAPPED)], WordsConfig())
    assert profile.ligature_gaps and not profile.lost_ligatures
    assert repaired(GAPPED) == CLEAN


def test_a_gap_beside_expanded_letters_is_closed_where_the_word_is_known() -> None:
    text = "the fi rst time, the of fi ce, de fi ne, a fi ne day, chiefl y, the off ice and Titian, fl. 1510"
    expected = "the first time, the office, define, a fine day, chiefly, the off ice and Titian, fl. 1510"
    assert repaired(text) == expected


def test_a_gap_closes_a_word_of_a_foreign_quotation_too() -> None:
    assert repaired("il Ponte ﬁ ce e il ﬁ glio", GAPPED) == "il Pontefice e il figlio"


def test_the_hyphen_judge_reads_a_gapped_word_whole() -> None:
    """``re ﬂ ect-``/``ing`` is ``reflecting``; ``ﬁ re-``/``ship`` a compound of ``fire``."""
    from emendo.pipeline import repair_text as repair_document

    text = GAPPED + "\nThey were re ﬂ ect-\ning on the ﬁ re-\nship and on sixty-\nﬁ ve guns."
    [block] = repair_document(text).blocks
    assert block.text.endswith("They were reflecting on the fire-ship and on sixty-five guns.")


def test_two_damaged_words_are_evidence_enough_in_a_short_excerpt() -> None:
    """An excerpt of a few lines may hold only two; no clean excerpt shows two."""
    text = "The ocials of the ministry feared a conict with the army."
    assert repaired(text) == "The officials of the ministry feared a conflict with the army."
    assert (
        repaired("The ocials of the ministry feared the army.")
        == "The ocials of the ministry feared the army."
    )


def test_two_words_glued_show_no_intact_ligature() -> None:
    """``ifit`` (if it) holds ``fi`` but is no word a reader knows, though wordfreq lists it."""
    profile = learn_profile([Page(0, DAMAGED + " and ifit was so, ofits kind")], WordsConfig())
    assert profile.lost_ligatures == {"ff", "fi", "fl", "ffi", "ffl"}


def test_a_word_that_lost_a_ligature_is_cut_from_the_word_glued_to_it() -> None:
    """``theocers``: the space and the ``ffi`` both lost; ``ocers`` reads as ``officers``."""
    profile = learn_profile([Page(0, DAMAGED + " and theocers were sent")], WordsConfig())
    assert profile.segmentation("theocers") == (3,)
    assert repaired("and theocers were sent", DAMAGED) == "and the officers were sent"


@pytest.mark.parametrize(
    ("damaged", "whole"),
    [
        ("His style was unarticial and plain.", "His style was unartificial and plain."),
        ("They spoke of the unocial talks.", "They spoke of the unofficial talks."),  # listed itself
        ("The Ungerland estate was sold.", "The Ungerland estate was sold."),  # a name: no stem
    ],
)
def test_a_derived_word_no_lexicon_lists_is_restored_through_its_stem(damaged: str, whole: str) -> None:
    assert repaired(damaged, DAMAGED) == whole


def test_a_word_before_a_closing_quote_or_a_plural_possessive_is_restored() -> None:
    """``’`` after a word is an apostrophe only where a letter follows (``at’s``)."""
    damaged = "his ‘overowing’ learning and the ocers’ mess"
    assert repaired(damaged, DAMAGED) == "his ‘overflowing’ learning and the officers’ mess"
