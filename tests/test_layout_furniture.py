"""Layout: running heads, page numbers, watermarks and title lines leave the text."""

from __future__ import annotations

import pytest

from emendo.layout import CaseHyphenJudge, LayoutConfig, analyse_layout
from emendo.layout.furniture import parse_running_head, repeat_key
from emendo.model import Document, Page, rebuild_pages

BODY = (
    "the harbour board met again in the spring and agreed, after a long and bitter\n"
    "debate about the cost of stone, that the outer wall should be rebuilt on the\n"
    "line the engineers had drawn ten years before. The vote was close, and the\n"
    "minority entered a protest in the minutes that was read aloud at the next\n"
    "meeting of the shareholders, who received it in silence and went home.\n"
)


#: Further body text, so that the pages of a document differ.
MORE = (
    "the engineers had argued for a curved wall since the first survey, and they\n"
    "said so again in every report they wrote, with drawings that nobody on the\n"
    "board had the patience to read to the end. The chairman called them poets.\n"
    "the quarry at Penhallow supplied most of the stone, though the contractor\n"
    "complained that it split badly in frost and could not be dressed in winter,\n"
    "so that the masons stood idle for weeks while the accounts went on growing.\n"
    "the storm of that November drove three ships onto the rocks below the old\n"
    "quay, and the town blamed the board for every one of them, loudly and often,\n"
    "until the board agreed to light the end of the pier through the whole night.\n"
    "a lamp was ordered from Birmingham and arrived broken, which surprised nobody.\n"
    "the second lamp burned for eleven years and was then sold to a museum in York.\n"
    "rates on coal were raised twice in the decade, each time after a long quarrel\n"
    "with the colliery owners, who threatened to send their coal by the railway.\n"
    "the railway came in the end, as everyone had known it would, and took it all.\n"
    "the quay was let to a timber merchant who used it to season his oak planks.\n"
)


def _body(page: int) -> str:
    """Body text whose first and last lines differ from page to page."""
    own = MORE.splitlines(keepends=True)[5 * (page % 3) : 5 * (page % 3) + 5]
    return "".join(own[:3]) + BODY + "".join(own[3:])


def _lay_out(*texts: str) -> Document:
    pages = [Page(n, text) for n, text in enumerate(texts)]
    document = analyse_layout(pages, LayoutConfig(), CaseHyphenJudge())
    assert rebuild_pages(document) == list(texts)
    return document


def _removed(document: Document, page: int = 0) -> list[tuple[str, str]]:
    return [(r.text, r.reason) for r in document.pages[page].removed]


@pytest.mark.parametrize("separator", [" Ë ", " | ", " • ", " · ", "\u2003", " ‖ ", "   ", " ¦ ", " ✦ "])
def test_running_head_title_then_number_with_any_odd_separator(separator: str) -> None:
    document = _lay_out(f"Harbour Works{separator}211\n" + BODY)
    page = document.pages[0]
    assert (page.number, page.running_head) == (211, "Harbour Works")
    assert _removed(document) == [(f"Harbour Works{separator}211", "running-head")]
    assert document.blocks[0].text.startswith("the harbour board")


@pytest.mark.parametrize("separator", [" | ", " Ë ", "\u2003", " • "])
def test_running_head_number_then_title(separator: str) -> None:
    document = _lay_out(f"128{separator}Chapter 6 The Harbour Works\n" + BODY)
    assert (document.pages[0].number, document.pages[0].running_head) == (128, "Chapter 6 The Harbour Works")


def test_plain_space_head_needs_a_title() -> None:
    assert parse_running_head("The Harbour Works 211") == parse_running_head("The Harbour Works | 211")
    assert parse_running_head("the war of 1904") is None
    assert parse_running_head("Chapter 12") is None
    assert parse_running_head("and in 1932 the board") is None


@pytest.mark.parametrize("text", ["129", "- 129 -", "[129]", "— 129 —"])
def test_bare_page_number_at_the_top(text: str) -> None:
    document = _lay_out(f"{text}\n" + BODY)
    assert (document.pages[0].number, document.pages[0].running_head) == (129, None)
    assert _removed(document) == [(text, "page-number")]


def test_bare_page_number_at_the_foot() -> None:
    document = _lay_out(BODY + "\n77\n")
    assert document.pages[0].number == 77
    assert _removed(document) == [("77", "page-number")]
    assert document.blocks[-1].text.endswith("went home.")


def test_running_head_at_the_foot_needs_a_separator() -> None:
    document = _lay_out(BODY + "Harbour Works | 12\n")
    assert (document.pages[0].number, document.pages[0].running_head) == (12, "Harbour Works")


def test_lines_above_the_running_head_are_the_site_title_and_watermarks() -> None:
    text = (
        "Ports of the Inland Sea, 1850-1914\n\n(WallPaper) #7\n\nHarbour Works Ë 211\n"
        + BODY
        + "\nFree download pdf"
    )
    document = _lay_out(text)
    assert _removed(document) == [
        ("Ports of the Inland Sea, 1850-1914", "title-line"),
        ("(WallPaper) #7", "watermark"),
        ("Harbour Works Ë 211", "running-head"),
        ("Free download pdf", "watermark"),
    ]
    assert len(document.blocks) == 1


def test_a_watermark_goes_wherever_it_stands() -> None:
    lines = BODY.splitlines(keepends=True)
    document = _lay_out("".join([*lines[:2], "Free Download PDF\n", *lines[2:]]))
    assert _removed(document) == [("Free Download PDF", "watermark")]
    assert len(document.blocks) == 1
    assert "debate about the cost of stone, that the outer wall" in document.blocks[0].text


def test_a_long_body_line_above_a_number_keeps_the_page_whole() -> None:
    text = BODY.splitlines()[0] + "\nHarbour Works | 12\n" + BODY
    document = _lay_out(text)
    assert document.pages[0].number is None
    assert document.pages[0].removed == []


def test_lines_repeating_at_the_top_or_foot_of_many_pages_are_learned() -> None:
    pages = [
        f"Scanned for the Tidewater Collection ({n})\n{_body(n)}Page {n} of the scan\n" for n in (3, 4, 5)
    ]
    document = _lay_out(*pages)
    for index in range(3):
        assert [reason for _, reason in _removed(document, index)] == ["repeated-line", "repeated-line"]
    assert all("Scanned" not in block.text and "scan" not in block.text for block in document.blocks)
    assert sum(len(block.lines) for block in document.blocks) == 3 * 10


def test_a_running_head_without_a_separator_is_learned_from_repetition() -> None:
    pages = [f"Harbour Works {n}\n{_body(n)}" for n in (211, 212, 213)]
    document = _lay_out(*pages)
    assert [(p.number, p.running_head) for p in document.pages] == [
        (n, "Harbour Works") for n in (211, 212, 213)
    ]


def test_a_single_page_learns_nothing_from_repetition() -> None:
    document = _lay_out(f"scanned for the tidewater collection\n{BODY}")
    assert document.pages[0].removed == []


def test_footnotes_that_look_alike_are_not_learned_as_furniture() -> None:
    assert repeat_key("12 Ibid., 45.") is None
    pages = [f"{_body(n)[:-1]}{n}\n{n} Ibid., {n * 3}.\n" for n in (4, 5, 6)]
    document = _lay_out(*pages)
    assert all(page.removed == [] for page in document.pages)
    assert [note.number for note in document.notes] == [4, 5, 6]


def test_a_blank_page_is_kept_as_removed_blank_space() -> None:
    document = _lay_out(BODY, "\n\n  \n")
    assert _removed(document, 1) == [("", "blank-page")]
    assert document.pages[1].removed[0].source == "\n\n  \n"


def test_the_site_title_above_a_watermark_goes_without_a_running_head() -> None:
    document = _lay_out("Ports of the Inland Sea\n(WallPaper) #1\n" + BODY + "212\n")
    assert _removed(document) == [
        ("Ports of the Inland Sea", "title-line"),
        ("(WallPaper) #1", "watermark"),
        ("212", "page-number"),
    ]


def test_a_short_page_still_knows_its_running_head() -> None:
    pages = [f"Harbour Works Ë {n}\n{_body(n)}" for n in (211, 212)]
    pages.append("Ports of the Inland Sea\n(WallPaper) #1\nChapter 12 Ë 213\nthe quay.\nFree download pdf")
    document = _lay_out(*pages)
    assert (document.pages[2].number, document.pages[2].running_head) == (213, "Chapter 12")


def test_a_footnote_is_not_a_running_head_without_a_separator() -> None:
    assert parse_running_head("2 Minutes, 4 March 1879.") is None
    assert parse_running_head("2 Minutes of the Board") is not None


def test_a_chapter_title_ending_in_a_year_is_no_running_head_when_the_folio_stands_at_the_foot() -> None:
    title = "CHAPTER 4\nThe Grain Trade and the Crisis of 1846\n"
    opening = f"{title}When the board met, the wall was old.\n{_body(0)}88\n"
    document = _lay_out(opening, f"Harbour Works Ë 89\n{_body(1)}", f"90 Ë Harbour Works\n{_body(2)}")
    assert [page.number for page in document.pages] == [88, 89, 90]
    assert _removed(document) == [("88", "page-number")]
    assert document.pages[0].running_head is None
    assert [b.text for b in document.blocks[:2]] == ["CHAPTER 4", "The Grain Trade and the Crisis of 1846"]


def test_neighbouring_pages_choose_between_two_numbers_a_page_offers() -> None:
    from emendo.layout.furniture import sequence_numbers

    assert sequence_numbers([frozenset({1846, 88}), frozenset({89}), frozenset({90})]) == [88, 89, 90]
    assert sequence_numbers([frozenset({12}), frozenset({13, 1900}), frozenset()]) == [12, 13, None]
    assert sequence_numbers([frozenset({7})]) == [None]


def test_a_title_ending_in_a_year_on_a_page_alone_gives_no_page_number() -> None:
    """Above a line that goes on in mid-sentence, it is the head, and its page number is elsewhere."""
    document = _lay_out(f"The Crisis of 1846\n{_body(0)}")
    page = document.pages[0]
    assert (page.number, page.running_head) == (None, "The Crisis of 1846")
    assert not document.blocks[0].text.startswith("The Crisis")


@pytest.mark.parametrize(
    ("head", "number", "label", "title"),
    [
        ("14 PREFACE", 14, None, "PREFACE"),
        ("PREFACE 15", 15, None, "PREFACE"),
        ("xiv PREFACE", None, "xiv", "PREFACE"),
        ("INTRODUCTION xxiii", None, "xxiii", "INTRODUCTION"),
        ("The Harbour Works 211", 211, None, "The Harbour Works"),
    ],
)
def test_a_page_number_a_plain_space_sets_beside_a_head_above_mid_sentence_is_the_pages(
    head: str, number: int | None, label: str | None, title: str
) -> None:
    """Read alone, a short head over a line that goes on mid-sentence is the head; the number beside
    it, arabic or the roman of front matter, is the page's, not part of its title."""
    page = _lay_out(f"{head}\n{_body(0)}").pages[0]
    assert (page.number, page.label, page.running_head) == (number, label, title)


def test_a_roman_page_number_alone_is_the_pages_label() -> None:
    document = _lay_out(f"{_body(0)}\nxv\n")
    assert (document.pages[0].number, document.pages[0].label) == (None, "xv")
    assert ("xv", "page-number") in _removed(document)


def test_a_label_the_reader_declared_is_kept() -> None:
    pages = [Page(0, f"{_body(0)}\nxv\n", label="15")]
    document = analyse_layout(pages, LayoutConfig(), CaseHyphenJudge())
    assert document.pages[0].label == "15"


@pytest.mark.parametrize(
    ("first", "is_head"),
    [
        ("THE HARBOUR AND THE TOWN", True),
        ("The Harbour and the Town", True),
        ("Alexander Gibb and Thomas Telford and John Rennie of the", False),  # as long as a line
        ("The Harbour and the Town.", False),
        ("Chapter Four", False),
    ],
)
def test_a_head_whose_number_stands_at_the_foot(first: str, is_head: bool) -> None:
    document = _lay_out(f"{first}\n{BODY}\n57\n")
    page = document.pages[0]
    assert page.number == 57
    assert (page.running_head == first) is is_head
    assert document.blocks[0].text.startswith(first) is not is_head


NOTES_BELOW_BODY = (
    "cost, threatened to withdraw its offer.14 The basin was opened in June.15\n"
    "14 Minutes of the Harbour Trust, 3 March 1879, 1/694/2.\n"
    "15 Admiralty to Harbour Trust, 12 November 1879, 1/694/5.\n"
)


def test_a_head_written_after_the_notes_of_a_page_read_alone_is_a_head() -> None:
    document = _lay_out(BODY + NOTES_BELOW_BODY + "58 The Harbour and the Town\n")
    page = document.pages[0]
    assert (page.number, page.running_head) == (58, "The Harbour and the Town")
    assert [note.number for note in document.notes] == [14, 15]
    assert document.notes[-1].text.endswith("1/694/5.")


@pytest.mark.parametrize(
    "last",
    [
        "16 Western Daily Mercury",  # counts on from note 15
        "Bristol and the Trade of the West 58",  # carries on a note that did not end
    ],
)
def test_a_note_line_at_the_foot_is_no_head_written_last(last: str) -> None:
    notes = NOTES_BELOW_BODY if last[0].isdigit() else NOTES_BELOW_BODY.replace("1/694/5.\n", "see\n")
    document = _lay_out(BODY + notes + last + "\n")
    assert document.pages[0].number is None
    assert document.notes[-1].text.endswith(last.removeprefix("16 "))


@pytest.mark.parametrize(
    ("title", "is_head"),
    [
        ("THE HARBOUR AND THE TOWN", True),
        ("The Harbour and the Town", True),  # the body goes on below it in mid-sentence
        ("CHAPTER FOUR", False),  # a chapter opens below its page number
    ],
)
def test_a_title_on_the_line_below_a_page_number_is_the_running_head(title: str, is_head: bool) -> None:
    document = _lay_out(f"57\n{title}\n" + BODY)
    page = document.pages[0]
    assert page.number == 57
    assert (page.running_head == title) is is_head
    assert document.blocks[0].text.startswith(title) is not is_head
