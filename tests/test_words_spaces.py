"""Lost spaces: restored at italic boundaries and markers; real words are never split."""

from __future__ import annotations

import pytest

from emendo.model import Mark, Page, TrackedText
from emendo.words import REPAIRS, WordsConfig, learn_profile, repair_text

PLAIN = "A plain page of English prose about the state, its army and its newspapers."


def repaired(text: str, *document: str, marks: tuple[Mark, ...] = ()) -> tuple[str, list[str]]:
    """``text`` after every word repair, and the spans it marks italic."""
    config = WordsConfig()
    pages = [Page(i, page) for i, page in enumerate((*(document or (PLAIN,)), text))]
    profile = learn_profile(pages, config)
    content = TrackedText.verbatim(len(pages) - 1, 0, text).with_marks(marks)
    out = repair_text(content, list(REPAIRS.values()), profile, config, [])
    return out.text, [out.text[m.start : m.end] for m in out.marks_of("italic")]


@pytest.mark.parametrize(
    ("glued", "spaced", "italics"),
    [
        ("the weekly newspaperPravdato praise", "the weekly newspaper Pravda to praise", ["Pravda"]),
        ("he asked thatPravdadenounce them", "he asked that Pravda denounce them", ["Pravda"]),
        (
            "Ann Smith,Europe’s Long Winter: Diplomacy and War 1919–1939(London: Faber, 1970)",
            "Ann Smith, Europe’s Long Winter: Diplomacy and War 1919–1939 (London: Faber, 1970)",
            ["Europe’s Long Winter: Diplomacy and War 1919–1939"],
        ),
        (
            "Dnevniki. 1920–1925 gg.(Leningrad: Nauka, 1990), 12.",
            "Dnevniki. 1920–1925 gg. (Leningrad: Nauka, 1990), 12.",
            [],
        ),
        (
            "“Empire and the Northern Frontier.”Slavic Review, 41, no. 2",
            "“Empire and the Northern Frontier.” Slavic Review, 41, no. 2",
            ["Slavic Review"],
        ),
        (
            "“Pis’ma iz Moskvy.”Voprosy istorii 1999, no. 4",
            "“Pis’ma iz Moskvy.” Voprosy istorii 1999, no. 4",
            ["Voprosy istorii"],
        ),
        (
            "“Kaigun no shōrai.” Ōsaka asahi shinbun(morning edition) 2 May",
            "“Kaigun no shōrai.” Ōsaka asahi shinbun (morning edition) 2 May",
            ["Ōsaka asahi shinbun"],
        ),
        ("Stor.iii. 12 and Biogr.ii. 196", "Stor. iii. 12 and Biogr. ii. 196", []),
        ("‘Pace!he said", "‘Pace! he said", []),
        (
            "two works: (1)Die Florentiner and (2)Lorenzo",
            "two works: (1) Die Florentiner and (2) Lorenzo",
            [],
        ),
        (  # a title of two words glued at both ends: the close is on the second word
            "a week later the newspaperBaltische Zeitungreported that",
            "a week later the newspaper Baltische Zeitung reported that",
            ["Baltische Zeitung"],
        ),
        (  # a name only the lexicon knows (``Cron``) does not cut a title before a rare word (``aca``)
            "as told in theCronaca di Cremona, vol. 2",
            "as told in the Cronaca di Cremona, vol. 2",
            ["Cronaca"],
        ),
        (  # a short title glued to its author runs to the comma
            "Fischer,Russia’s Road, 230; Petrarca,Epistolæ Seniles, lib. xiv.",
            "Fischer, Russia’s Road, 230; Petrarca, Epistolæ Seniles, lib. xiv.",
            ["Russia’s Road", "Epistolæ Seniles"],
        ),
        (  # a foreign title whose last word only looks glued stays whole
            "published in theArchivio Storico Lombardo, vol. 2",
            "published in the Archivio Storico Lombardo, vol. 2",
            ["Archivio Storico Lombardo"],  # a title cited runs to the comma
        ),
        (  # a rare English word of six letters or more can have a title glued to it
            "the charming and instructiveVita Jannoctii Manetti",
            "the charming and instructive Vita Jannoctii Manetti",
            [],  # the glue shows where the italics open, not where they close: no part is marked
        ),
        (
            "andwhen the tacticalprecedentsto follow",
            "and when the tactical precedents to follow",
            ["precedents"],
        ),
        (  # a title glued to its author runs to the full stop before the imprint ...
            "Baumann,Staatslehre des Thomas von Aquino. Leipzig, 1873, p. 4.",
            "Baumann, Staatslehre des Thomas von Aquino. Leipzig, 1873, p. 4.",
            ["Staatslehre des Thomas von Aquino"],
        ),
        (  # ... past the full stops of its abbreviations, to the comma
            "Sismondi,Hist. de Rép. Italiennes, iv. p. 420",
            "Sismondi, Hist. de Rép. Italiennes, iv. p. 420",
            ["Hist. de Rép. Italiennes"],
        ),
        (  # a space lost at its end too shows where it ends
            "and Poggio,Hist. Florent.iv. in Murat. xx. col. 290",
            "and Poggio, Hist. Florent. iv. in Murat. xx. col. 290",
            ["Hist. Florent."],
        ),
        (  # a title glued after an abbreviation's full stop; after a sentence's, nothing is marked
            "E.g.Discorsi, i. 10; Comp.Diario Ferrarese, in Murat.",
            "E.g. Discorsi, i. 10; Comp. Diario Ferrarese, in Murat.",
            ["Discorsi", "Diario Ferrarese"],
        ),
        ("it fell in 1914.The war began, and the", "it fell in 1914. The war began, and the", []),
        ("they came home.The war, he said, was over", "they came home. The war, he said, was over", []),
    ],
)
def test_glued_forms_are_spaced_and_their_italics_marked(glued: str, spaced: str, italics: list[str]) -> None:
    assert repaired(glued) == (spaced, italics)


def test_a_space_lost_where_a_marker_was_taken_out_is_no_italic() -> None:
    text = "it was more flexible.Five weeks later, he said.”Likewise she"
    five, likewise = text.index("Five"), text.index("Likewise")
    marks = (Mark(five, five, "note_ref", 3), Mark(likewise, likewise, "note_ref", 4))
    assert repaired(text, marks=marks) == (
        "it was more flexible. Five weeks later, he said.” Likewise she",
        [],
    )


def test_a_name_seen_only_glued_twice_is_learned_and_cut_out() -> None:
    document = "let the paperIzvestiiado it; an essay inIzvestiiacritical of him"
    assert repaired("let the paperIzvestiiado it", document) == (
        "let the paper Izvestiia do it",
        ["Izvestiia"],
    )
    assert repaired("an essay inIzvestiiacritical of", document)[0] == "an essay in Izvestiia critical of"


def test_an_unknown_title_seen_once_is_not_cut_into_syllables() -> None:
    # ``Tratta`` + ``to`` would be two words; nothing vouches for a name ``Tratta``.
    assert (
        repaired("a remarkableTrattato circa il regimento")[0] == "a remarkable Trattato circa il regimento"
    )


def test_a_name_seen_only_glued_is_learned_from_its_glued_forms() -> None:
    document = "let the paperIzvestiiado it; an essay inIzvestiiacritical of him"
    profile = learn_profile([Page(0, document)], WordsConfig())
    assert profile.name_support["Izvestiia"] >= 2
    assert profile.name_support.get("Izvestii", 0) < 2


@pytest.mark.parametrize(
    "text",
    [
        "McDonald sold an iPhone in the U.S. and the U.K.",
        "e.g. 1.5 per cent, i.e. the S.9.4.5 file and I.303.4.2015 there",
        "Ivan M. Petrov and Olga E. Ivanova",
        "see www.Example.com/Page and mail@Example.org",
        "the word(s) in Section 5(a) and f(x)",
        "the points (x.y) and (a.b) of the plane",
        "the claimant(s)Who signed and f(x)Then",
        "1,000 men at 10:30, Dnevnik i pis’ma., 116.",
        "he wrote severly and inexpediency and urbanis",
        "ut in urbanis legibus scriptum est",  # glue-like, in a Latin quotation
        "Ph.D. and a.m. and op. cit.",
    ],
)
def test_real_words_abbreviations_numbers_and_addresses_are_never_split(text: str) -> None:
    assert repaired(text) == (text, [])


def test_a_name_that_stands_whole_elsewhere_is_not_cut() -> None:
    # ``Canto`` is a name of the document; ``Can`` + ``to`` would make words too.
    assert (
        repaired("the Canto stands; theCanto again", "The Canto opens.")[0]
        == "the Canto stands; the Canto again"
    )


def test_camel_case_names_that_recur_whole_are_left_alone() -> None:
    text = "FitzGerald wrote, FitzGerald answered, FitzGerald left."
    assert repaired(text)[0] == text


def test_an_abbreviation_glued_after_a_word_is_not_cut_into_name_and_word() -> None:
    assert repaired("in theAllgem. Deutsche Biogr.")[0] == "in the Allgem. Deutsche Biogr."


def test_spaces_are_recorded_as_repairs_with_reasons() -> None:
    config = WordsConfig()
    profile = learn_profile([Page(0, PLAIN)], config)
    content = TrackedText.verbatim(0, 0, "Fischer,Russia’s Road")
    out = repair_text(content, [REPAIRS["spaces"]], profile, config, [])
    (repair,) = out.repairs()
    assert (repair.kind, repair.before, repair.after, repair.start) == ("space", "", " ", 8)
    assert "','" in repair.reason


@pytest.mark.parametrize(
    ("opening", "closed"),
    [
        ("T he harbour board met in the spring.", "The harbour board met in the spring."),
        ("T\nhe harbour board met in the spring.", "The harbour board met in the spring."),
        ("T HE HARBOUR board met in the spring.", "THE HARBOUR board met in the spring."),
        ("A fter the spring the board met.", "After the spring the board met."),
        ("A new board met in the spring.", "A new board met in the spring."),
        ("I am told the board met.", "I am told the board met."),
        ("T cells were counted.", "T cells were counted."),
    ],
)
def test_a_drop_capital_opening_a_chapter_joins_its_word(opening: str, closed: str) -> None:
    assert repaired(opening)[0] == closed


def test_a_capital_standing_apart_inside_a_text_is_no_drop_capital() -> None:
    assert repaired("the letter T he wrote was lost")[0] == "the letter T he wrote was lost"


@pytest.mark.parametrize(
    ("split", "joined"),
    [
        ("a report to the T REASURY on 5 May", "a report to the TREASURY on 5 May"),
        ("see M OSCOW VERSUS T OKYO, chapter 4", "see MOSCOW VERSUS TOKYO, chapter 4"),
        ("the M oscow line and the A merican one", "the Moscow line and the American one"),
        ("a letter from K AGANOVICH to the party", "a letter from KAGANOVICH to the party"),
        ("vitamin C levels, the T cells and plan B", "vitamin C levels, the T cells and plan B"),
        ("King George V ERA and the U.S. A RMY", "King George V ERA and the U.S. ARMY"),
        ("col. 741. A di erent account", "col. 741. A di erent account"),
    ],
)
def test_small_capitals_set_apart_from_their_capital_are_joined(split: str, joined: str) -> None:
    """Extractors see a gap between a capital and the smaller capitals after it; a name the
    document writes whole elsewhere counts as a word, and a letter before a word stays."""
    assert repaired(split, "Kaganovich wrote to Stalin.")[0] == joined


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        # a full stop glued to a number or a lowercase word after an abbreviation
        (
            "see Epist.112 and the Acciajuoli.Ib.192: there",
            "see Epist. 112 and the Acciajuoli. Ib. 192: there",
        ),
        (
            "Stor.iii. and ii.passim. and Temp.speaking of it",
            "Stor. iii. and ii. passim. and Temp. speaking of it",
        ),
        ("the lips, i.e.mouths, of the river", "the lips, i.e. mouths, of the river"),
        # an italic letter after a roman numeral; a parenthesis after an initial's full stop
        ("Murat. xxix.b) and xxxviii.b), there", "Murat. xxix. b) and xxxviii. b), there"),
        ("Villani, V.(Murat. xiii.) and X.(l. c.) say", "Villani, V. (Murat. xiii.) and X. (l. c.) say"),
        # an italic word English does not know, glued to English words on both sides
        ("he used the word ofdona for it", "he used the word of dona for it"),
        ("mingled withscelleratezza and pride", "mingled with scelleratezza and pride"),
        ("the modernfeuilletonisteturns away", "the modern feuilletoniste turns away"),
        ("the greatestdilettantewho ever lived", "the greatest dilettante who ever lived"),
        # English words glued at an italic boundary
        ("the coursedirected by the admiral", "the course directed by the admiral"),
        ("he wished toshow it", "he wished to show it"),
        ("Thesubjectiveside of the matter", "The subjective side of the matter"),
        ("after it she wasthesea power of Europe", "after it she was the sea power of Europe"),  # not these|a
        # a name the document shows whole, glued to the word after it
        ("the Cremonain the north", "the Cremona in the north"),
        # a foreign title's last word glued to English that goes on: not a Latin quotation
        ("anonymi Galli Calumniasof the year 1367", "anonymi Galli Calumnias of the year 1367"),
        # ``mondo`` is English slang too, but a thousand times commoner in Italian
        ("the Cronaco del Mondoof the city", "the Cronaco del Mondo of the city"),
    ],
)
def test_glue_without_a_camel_case_seam_is_cut(glued: str, spaced: str) -> None:
    assert repaired(glued, PLAIN, "Cremona was taken.")[0] == spaced


@pytest.mark.parametrize(
    "text",
    [
        # one foreign word, known to its own language
        "the rostra ringhiera was built",
        # foreign words whose endings look like English words
        "succoring reinforcements, canonising the dead, the proletariate, in favoribus suis",
        # a name no one glued, and a Latin word after a determiner-like start
        "Hispani generis hominem and Thesaur. ant. and Campanus wrote",
        # rare English words and compounds
        "the spuriousness and thanklessness of privateersmen at the mainyard",
        # identifiers and single letters
        "import os.path.join and x.y and fol. 50a",
    ],
)
def test_foreign_words_names_and_rare_compounds_are_not_cut(text: str) -> None:
    assert repaired(text)[0] == text


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("he wrote ofthe war andthe peace tothe king", "he wrote of the war and the peace to the king"),
        ("Inthe spring, ofa sudden", "In the spring, of a sudden"),
        ("onto the heron, into it, within reach", "onto the heron, into it, within reach"),
    ],
)
def test_two_function_words_glued_are_cut_though_wordfreq_lists_them(glued: str, spaced: str) -> None:
    """wordfreq lists ``ofthe`` (Zipf 3.3) from web text that lost its spaces; ``onto`` is a word."""
    assert repaired(glued)[0] == spaced


# A page as pdfminer reads tightly set lines: one space in twenty lost, between any words.
TIGHT = (
    "The ministers met in the spring, and nowto the surprise of the court they agreed that thewriter "
    "of the report should be heard. He spoke forsupremacy of the crown, and the council was shakenit "
    "seemed by his words. The king himself compelledhim to finish, and at leastin the eyes of the "
    "court the state as it stood was saved. Thewriter left the hall, and thewriter was never seen "
    "again; aview of the river from the window was all that remained. The minister wrote tothe "
    "ambassador that he feared forsupremacy at sea, and that the fleet was poweredby coal. The clerk "
    "wrote tothe bishop andthe dean, saying thatthe council hadno money and wasnot of one mind."
)


def test_a_document_that_lost_spaces_between_any_words_is_cut_more_loosely() -> None:
    """Italics alone glue a function word to a word; a page that glues ``now|to`` and
    ``shaken|it`` has lost spaces anywhere, and a word seen twice glued is glue still."""
    text = repaired(TIGHT)[0]
    for spaced in (
        "now to",
        "the writer",
        "for supremacy",
        "shaken it",
        "compelled him",
        "least in",
        "a view",
    ):
        assert spaced in text
    assert repaired("his nowto was lost")[0] == "his nowto was lost"  # in a page that lost no other spaces
