"""The reference parser: CSL fields, locators, types and short forms, by model and by rule.

Every reference here is written for these tests (invented works in the seed
pages' forms); the seed pages themselves are read in test_parse_seeds.py.
"""

from __future__ import annotations

import pytest

from emendo.apparatus.parse import ParsedReference, ReferenceParserConfig, parse_reference
from emendo.apparatus.parser.crf import load_tagger
from emendo.errors import InputError

RULES = ReferenceParserConfig(use_model=False)
MODEL = ReferenceParserConfig()
BOTH = pytest.mark.parametrize("config", [MODEL, RULES], ids=["model", "rules"])

BOOK = "Marta Kowal, Northern Frontiers: Diplomacy and War 1920–1939 (Chicago: Lakeside Press, 1984), 317."
TITLE_ONLY_BOOK = "Molotov i Litvinov. Perepiska. 1933–1939 gg. (Moscow: Nauka, 2003), 58."
SHORT_TITLE = "Molotov i Litvinov., 61."
ARTICLE = (
    "Peter Lang, “The Harbin Defectors and Polish Intelligence.” Slavic Review, 58, no. 3 (March 1999), 412."
)
ARCHIVE = "Archiwum Akt Nowych (hereafter AAN), Warsaw, Poland, 2.322.0.7."
NEWSPAPER = "“Kokkyō no kiki.” Ōsaka mainichi shinbun (morning edition) 2 March 1936, 2."
RUSSIAN_JOURNAL = "“Nam nuzhen mir ...” Istoricheskii zhurnal 1994, no. 2, 44–46."


def parse(text: str, config: ReferenceParserConfig) -> ParsedReference:
    reference = parse_reference(text, config)
    assert reference.text == text
    return reference


@BOTH
def test_book_note_gives_author_title_imprint_and_locator(config: ReferenceParserConfig) -> None:
    reference = parse(BOOK, config)
    assert reference.item["type"] == "book"
    assert reference.item["author"] == [{"family": "Kowal", "given": "Marta"}]
    assert reference.item["title"] == "Northern Frontiers: Diplomacy and War 1920–1939"
    assert reference.item["publisher-place"] == "Chicago"
    assert reference.item["publisher"] == "Lakeside Press"
    assert reference.item["issued"] == {"date-parts": [[1984]]}
    assert reference.locator == "317"
    assert not reference.short_form


@BOTH
def test_transliterated_title_without_author_keeps_its_inner_periods(config: ReferenceParserConfig) -> None:
    reference = parse(TITLE_ONLY_BOOK, config)
    assert reference.item["type"] == "book"
    assert "author" not in reference.item
    assert reference.item["title"] == "Molotov i Litvinov. Perepiska. 1933–1939 gg."
    assert (reference.item["publisher-place"], reference.item["publisher"]) == ("Moscow", "Nauka")
    assert reference.item["issued"] == {"date-parts": [[2003]]}
    assert reference.locator == "58"


@BOTH
def test_short_title_with_stray_period_is_a_short_form(config: ReferenceParserConfig) -> None:
    reference = parse(SHORT_TITLE, config)
    assert reference.short_form
    assert reference.item["title"] == "Molotov i Litvinov"
    assert reference.locator == "61"


@BOTH
def test_journal_article_note(config: ReferenceParserConfig) -> None:
    reference = parse(ARTICLE, config)
    item = reference.item
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Lang", "given": "Peter"}]
    assert item["title"] == "The Harbin Defectors and Polish Intelligence"
    assert item["container-title"] == "Slavic Review"
    assert (item["volume"], item["issue"]) == ("58", "3")
    assert item["issued"] == {"date-parts": [[1999, 3]]}
    assert reference.locator == "412"


@BOTH
def test_archival_reference_with_abbreviation_definition(config: ReferenceParserConfig) -> None:
    reference = parse(ARCHIVE, config)
    item = reference.item
    assert item["type"] == "manuscript"
    assert item["archive"] == "Archiwum Akt Nowych"
    assert item["archive-place"] == "Warsaw, Poland"
    assert item["archive_location"] == "2.322.0.7"
    assert reference.hereafter == "AAN"
    assert not reference.short_form


@BOTH
def test_newspaper_with_edition_and_day_date(config: ReferenceParserConfig) -> None:
    reference = parse(NEWSPAPER, config)
    item = reference.item
    assert item["type"] == "article-newspaper"
    assert item["title"] == "Kokkyō no kiki"
    assert item["container-title"] == "Ōsaka mainichi shinbun"
    assert item["edition"] == "morning edition"
    assert item["issued"] == {"date-parts": [[1936, 3, 2]]}
    assert reference.locator == "2"


@BOTH
def test_journal_without_volume_takes_year_issue_and_pages(config: ReferenceParserConfig) -> None:
    reference = parse(RUSSIAN_JOURNAL, config)
    item = reference.item
    assert item["type"] == "article-journal"
    assert item["title"] == "Nam nuzhen mir ..."
    assert item["container-title"] == "Istoricheskii zhurnal"
    assert item["issue"] == "2"
    assert item["issued"] == {"date-parts": [[1994]]}
    assert reference.locator == "44–46"


@BOTH
@pytest.mark.parametrize(
    ("text", "csl_type"),
    [
        (
            "Anna Brodsky, “The Grain Levy of 1928,” in Peasants and Power, ed. Mark Dunn "
            "(Ithaca, NY: Cornell University Press, 2004), 91.",
            "chapter",
        ),
        (
            "Ruth Ames, “Kolkhoz Life in the Urals, 1930–1934” (PhD diss., University of Iowa, 1991), 40.",
            "thesis",
        ),
        ("“Moscow Trade Talks Stall,” New York Times, April 9, 1936, 7.", "article-newspaper"),
        ("Paul Wirth, “Letters from Kharbin,” Harper’s Magazine, June 1931, 88.", "article-magazine"),
        ("Archive of the Kraków Diocese, Kraków, box 14, folder 2.", "manuscript"),
        (
            "Elena Popova, “Soviet Posters Online,” Poster Archive Blog, accessed May 2, 2021, "
            "https://example.org/posters/12.",
            "webpage",
        ),
        ("Stanisław Wrona, interview by the author, Gdańsk, 3 July 2004.", "interview"),
    ],
)
def test_each_csl_type(config: ReferenceParserConfig, text: str, csl_type: str) -> None:
    assert parse(text, config).item["type"] == csl_type


@BOTH
@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("Molotov i Litvinov., 12, 140–41, 145.", "12, 140–41, 145"),
        ("Kowal, Northern Frontiers, 230.", "230"),
        ("Ibid., 45.", "45"),
        ("Ibid.", None),
    ],
)
def test_locator_is_the_cited_pages(config: ReferenceParserConfig, text: str, locator: str | None) -> None:
    assert parse(text, config).locator == locator


@BOTH
def test_volume_and_page_locator_split_at_colon(config: ReferenceParserConfig) -> None:
    reference = parse("Ivan Sokolov, The Eastern Fleet, 3 vols. (London: Hale, 1961), 2:145.", config)
    assert reference.item["volume"] == "2"
    assert reference.item["number-of-volumes"] == "3"
    assert reference.locator == "145"


@BOTH
@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Ibid., 45.", True),
        ("Idem.", True),
        ("Kowal, op. cit., 230.", True),
        ("Kowal, Northern Frontiers, 230.", True),
        (BOOK, False),
        (ARTICLE, False),
        (ARCHIVE, False),
    ],
)
def test_short_form_detection(config: ReferenceParserConfig, text: str, short: bool) -> None:
    assert parse(text, config).short_form is short


@BOTH
def test_author_short_title_short_form_keeps_both(config: ReferenceParserConfig) -> None:
    reference = parse("Kowal, Northern Frontiers, 230.", config)
    assert reference.item["author"] == [{"family": "Kowal"}]
    assert reference.item["title"] == "Northern Frontiers"


@BOTH
def test_translator_and_editors(config: ReferenceParserConfig) -> None:
    reference = parse(
        "Olga Sedova, The Quiet Border, trans. John Miles (Boston: Beacon Press, 1995), 12.", config
    )
    assert reference.item["translator"] == [{"family": "Miles", "given": "John"}]
    edited = parse("Jan Nowak and Ewa Lis, eds., Poland in the East (Warsaw: PWN, 2002), 5.", config)
    assert edited.item["editor"] == [{"family": "Nowak", "given": "Jan"}, {"family": "Lis", "given": "Ewa"}]
    assert "author" not in edited.item


@BOTH
def test_spans_cover_field_text(config: ReferenceParserConfig) -> None:
    reference = parse(BOOK, config)
    spans = {label: BOOK[start:end] for label, start, end in reference.spans}
    assert spans["author"] == "Marta Kowal"
    assert spans["publisher"] == "Lakeside Press"
    assert spans["locator"] == "317"
    assert [start for _, start, _ in reference.spans] == sorted(start for _, start, _ in reference.spans)


def test_empty_reference_gives_a_typed_empty_item() -> None:
    reference = parse_reference("")
    assert reference.item == {"type": "article"}
    assert reference.spans == ()
    assert reference.locator is None


def test_non_text_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="must be text"):
        parse_reference(123)  # type: ignore[arg-type]


def test_rules_stand_in_when_crfsuite_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-crfsuite the parser falls back to rules and raises nothing."""
    import sys

    load_tagger.cache_clear()
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)
    try:
        assert load_tagger() is None
        reference = parse_reference(BOOK)
        assert reference.item["publisher"] == "Lakeside Press"
        assert reference == parse_reference(BOOK, RULES)
    finally:
        load_tagger.cache_clear()


def test_missing_model_file_falls_back_to_rules(tmp_path: pytest.TempPathFactory) -> None:
    config = ReferenceParserConfig(model_path=tmp_path / "absent.crfsuite")  # type: ignore[operator]
    assert parse_reference(ARTICLE, config) == parse_reference(ARTICLE, RULES)
