"""Abbreviation definitions, sigla and short-form recognition, one string at a time."""

from __future__ import annotations

import pytest

from emendo.apparatus.abbreviations import find_definitions, find_sigla, find_uses
from emendo.apparatus.shortforms import (
    CitationForm,
    detect_form,
    looks_complete,
    title_score,
    trailing_locator,
)


@pytest.mark.parametrize(
    ("text", "abbreviation", "expansion", "work"),
    [
        ("Archiwum Akt Nowych (hereafter AAN), Warsaw, 2/11/0/4.", "AAN", "Archiwum Akt Nowych", False),
        ("State Archive of the Region [hereafter SAR], f. 4.", "SAR", "State Archive of the Region", False),
        ("Papers of the Harbour Board (henceforth PHB), box 2.", "PHB", "Papers of the Harbour Board", False),
        (
            "Kongelige Bibliotek, Copenhagen (hereinafter: KB), ms. 4.",
            "KB",
            "Kongelige Bibliotek, Copenhagen",
            False,
        ),
        (
            "Ann Lee, Rivers of Iron (Oxford: Clio, 1990), 12 (hereafter cited as “Rivers”).",
            "Rivers",
            "Ann Lee, Rivers of Iron (Oxford: Clio, 1990), 12",
            True,
        ),
        (
            "Dokumenty vneshnei torgovli, vol. 3 (Moscow: Nauka, 1970), 5 (hereafter DVT).",
            "DVT",
            "Dokumenty vneshnei torgovli, vol. 3 (Moscow: Nauka, 1970), 5",
            True,
        ),
    ],
)
def test_definitions(text: str, abbreviation: str, expansion: str, work: bool) -> None:
    (found,) = find_definitions(text)
    assert (found.abbreviation, found.expansion, found.stands_for_work) == (abbreviation, expansion, work)
    assert text[found.expansion_start : found.expansion_end] == expansion
    assert "(" in text[found.start : found.end] or "[" in text[found.start : found.end]


def test_a_definition_is_not_a_use() -> None:
    assert find_definitions("Ann Lee said so (see below).") == []
    assert (
        find_definitions("As shown (hereafter in much more detail than here, and with all the sources).")
        == []
    )
    assert find_uses("AAN; AANX; XAAN; (AAN)", {"AAN"}) == [("AAN", 0, 3), ("AAN", 18, 21)]


@pytest.mark.parametrize(
    ("text", "sigla"),
    [
        ("XYZA, S.9.4.5.", ["XYZA"]),
        ("RGX, f. 558, op. 11, d. 1, l. 4.", ["RGX"]),
        ("Letter of 4 May 1932, QRST, fond 7, opis 2.", ["QRST"]),
        ("Ann Lee, Rivers (Oxford: CLIO, 1990), 4.", []),  # a publisher in parentheses
        ("II, 45.", []),  # a volume in roman numerals
        ("USSR, Ministry of Foreign Affairs, Papers of the Years, 4.", []),  # a corporate author
        ("NATO, 1990.", []),  # a bare year is no shelf mark
    ],
)
def test_sigla(text: str, sigla: list[str]) -> None:
    assert [s for s, _, _ in find_sigla(text)] == sigla


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Ibid., 45.", CitationForm.IBID),
        ("Ibid.", CitationForm.IBID),
        ("ibid. 45.", CitationForm.IBID),
        ("Ibidem, 3.", CitationForm.IBID),
        ("Idem, Hills (Oxford: Clio, 1992), 3.", CitationForm.IDEM),
        ("Eadem, Hills, 3.", CitationForm.IDEM),
        ("Lee, op. cit., 230.", CitationForm.OP_CIT),
        ("Lee, loc. cit.", CitationForm.OP_CIT),
    ],
)
def test_latin_short_forms(text: str, form: CitationForm) -> None:
    found = detect_form(text)
    assert found is not None and found.form is form


@pytest.mark.parametrize(
    "text", ["Ibidem Press Catalogue (Oxford: Clio, 1990).", "Idempotent Maps, 4.", "Lee, Hills, 4."]
)
def test_titles_that_only_look_latin(text: str) -> None:
    assert detect_form(text) is None


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        ("Lee, Rivers, 4.", "4"),
        ("Lee, Rivers, pp. 4–9.", "pp. 4–9"),
        ("Lee, Rivers, 32, 119–20, 122.", "32, 119–20, 122"),
        ("Lee, Rivers, xii–xiv.", "xii–xiv"),
        ("Lee, Rivers, 14:230.", "14:230"),
        ("Lee, Rivers, 45 n. 3.", "45 n. 3"),
        ("Roe, “Ships,” 112.", "112"),
        ("Ann Roe, “Ships,” Review 4 (1990): 1–19, at 7.", "7"),
        ("Lee, Civil Rivers.", None),
    ],
)
def test_trailing_locators(text: str, locator: str | None) -> None:
    span = trailing_locator(text)
    assert (text[span[0] : span[1]] if span else None) == locator


def test_complete_and_short() -> None:
    assert looks_complete("Lee, Rivers (Oxford: Clio), 4.")
    assert looks_complete("Gazette, 4 May 1901, 2.")
    assert not looks_complete("Lee, Rivers, 4.")


def test_title_scores() -> None:
    full = "Rivers of Iron: Trade and Empire in the North"
    assert title_score("Rivers of Iron", full) == 100
    assert title_score("Trade and Empire", full) == 95
    assert title_score("Rivres of Iron", full) >= 88  # damaged short title
    assert title_score("Mountains of Gold", full) < 70
