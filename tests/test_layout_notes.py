"""Layout: footnote blocks, their numbers, and the markers that point into them."""

from __future__ import annotations

import pytest

from emendo.layout import CaseHyphenJudge, LayoutConfig, analyse_layout
from emendo.layout.notes import note_start
from emendo.model import Document, Page, rebuild_pages


def _lay_out(*texts: str) -> Document:
    pages = [Page(n, text) for n, text in enumerate(texts)]
    document = analyse_layout(pages, LayoutConfig(), CaseHyphenJudge())
    assert rebuild_pages(document) == list(texts)
    return document


def _notes(document: Document) -> list[tuple[int, str]]:
    return [(note.number, note.text) for note in document.notes]


def _refs(document: Document) -> list[list[int]]:
    return [[ref.number for ref in block.note_refs] for block in document.blocks]


BODY_WITH_SUPERSCRIPTS = (
    "The board kept two sets of accounts in those years, one for the shareholders\n"
    "and one for itself.³⁴ The second set survives only in part, but it shows that\n"
    "the harbour lost money in every year but one, and that the one good year owed\n"
    "everything to a single cargo of Baltic timber bought cheaply in a falling market.³⁵\n"
)


def test_a_continuation_line_that_starts_with_a_number_stays_in_its_note() -> None:
    notes = (
        "34 Harbour Board Accounts, second series, HB/5/9, fols 1–40; the first series is HB/5/8, no.\n"
        "5 (March 1879), 12. The two series were bound together in 1902 and separated again in 1950.\n"
        "35 Timber Register, HB/7/1, entry for 4 June 1877.\n"
    )
    document = _lay_out(BODY_WITH_SUPERSCRIPTS + notes)
    assert [number for number, _ in _notes(document)] == [34, 35]
    first_note = _notes(document)[0][1]
    assert "HB/5/8, no. 5 (March 1879), 12. The two" in first_note and first_note.endswith("again in 1950.")
    assert _refs(document) == [[34, 35]]


def test_superscript_markers_of_several_digits_mix_code_points() -> None:
    document = _lay_out(BODY_WITH_SUPERSCRIPTS + "34 Accounts, HB/5/9.\n35 Register, HB/7/1.\n")
    block = document.blocks[0]
    assert "³" not in block.text and "⁴" not in block.text and "⁵" not in block.text
    first, second = block.note_refs
    assert block.text[: first.offset].endswith("and one for itself.")
    assert block.text[first.offset :].startswith(" The second set")
    assert second.offset == len(block.text)
    assert [r.kind for r in block.content.repairs() if r.kind == "note-marker"] == ["note-marker"] * 2
    assert [r.before for r in block.content.repairs() if r.kind == "note-marker"] == ["³⁴", "³⁵"]


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ("time.2 In", "“finished.”3", "the G7 lock gate"),  # glued on
        ("time. 2 In", "“finished.” 3", "in chapter 4 The Wall"),  # spaced off: the space leaves too
    ],
)
def test_plain_digit_markers_count_when_the_notes_confirm_them(first: str, second: str, kept: str) -> None:
    text = (
        f"The directors met at the {first} the spring they met again, and in the\n"
        f"summer the chairman wrote to the engineer that the wall was {second}\n"
        f"It was not finished, and {kept} says why.\n"
        "2 Minutes, 4 March 1879.\n"
        "3 Letter book, HB/4/1, 88.\n"
    )
    document = _lay_out(text)
    assert _refs(document) == [[2, 3]]
    assert "time. In the spring" in document.blocks[0].text
    assert "“finished.” It was" in document.blocks[0].text
    assert kept in document.blocks[0].text


def test_plain_digits_without_a_note_of_their_number_stay_in_the_text() -> None:
    document = _lay_out(
        "The engineers used a type B4 pump on the site.\nIt failed within the month.9 Nobody knew why.\n"
    )
    assert document.notes == []
    assert _refs(document) == [[]]
    assert "month.9 Nobody" in document.blocks[0].text and "B4 pump" in document.blocks[0].text


def test_the_most_marker_like_plain_digits_win() -> None:
    text = (
        "The accounts were audited in 1879.2 The auditor found the harbour solvent, though\n"
        "he questioned the value put on the dredger in schedule A3 and on the old tug.3\n"
        "2 Audit report, HB/5/10.\n"
        "3 Schedule of plant, HB/5/10, 4.\n"
    )
    document = _lay_out(text)
    assert _refs(document) == [[2, 3]]
    assert "schedule A3 and" in document.blocks[0].text


def test_plain_digits_out_of_sequence_are_not_markers() -> None:
    text = (
        "The dredger was bought in 1871.3 It was sold again within the year at a loss.2\n"
        "2 Audit report, HB/5/10.\n"
        "3 Schedule of plant, HB/5/10, 4.\n"
    )
    document = _lay_out(text)
    assert _refs(document) == [[3]]
    assert document.blocks[0].text.endswith("at a loss.2")


def test_a_body_line_beginning_with_a_number_is_not_a_note_without_markers() -> None:
    text = (
        "The board counted the ships that used the new basin in its first season, and\n"
        "12 Colliers, four timber ships and a single steamer were entered in the book.\n"
    )
    document = _lay_out(text)
    assert document.notes == []
    assert len(document.blocks) == 1


def test_note_start_shapes() -> None:
    assert note_start("35 See Hiroaki") == (35, 3)
    assert note_start("2Louis Fischer") == (2, 1)
    assert note_start("12. Ibid., 4.") == (12, 4)
    assert note_start("³² See the report") == (32, 3)
    assert note_start("2nd edition, 1901") is None
    assert note_start("1932, the board") is None
    assert note_start("6.2 The Inner Basin") is None


def test_a_note_runs_on_to_the_next_page_in_plain_text() -> None:
    first = (
        "Head of the Harbour | 14\n"
        "the accounts for the year were presented to the shareholders, who approved\n"
        "them without debate and voted the directors a dinner at the company’s cost, a\n"
        "custom that lasted until 1914.⁷\n"
        "7 Report of the Annual Meeting, 1878, HB/1/3, 2–5. The dinner is recorded in the steward’s book\n"
    )
    second = (
        "15 | Head of the Harbour\n"
        "The next year was harder. The dredger broke down in March and the basin silted\n"
        "up so quickly that the larger colliers could not enter it until the autumn.⁸\n"
        "for that year, which gives the menu and the names of all the guests who attended the dinner.\n"
        "8 Dredging Log, HB/6/2, entries for March to October 1879.\n"
    )
    document = _lay_out(first, second)
    assert [(note.number, note.pages) for note in document.notes] == [(7, (0, 1)), (8, (1,))]
    assert "recorded in the steward’s book for that year, which" in document.notes[0].text
    assert document.notes[0].text.endswith("who attended the dinner.")
    assert [block.text.split()[0] for block in document.blocks] == ["the", "The"]
    join = [r for r in document.notes[0].content.repairs() if r.kind == "line-join"]
    assert join[-1].page == 0 and join[-1].after == " "


def test_a_finished_note_does_not_take_body_lines_from_the_next_page() -> None:
    first = (
        "Head of the Harbour | 14\nthe accounts were approved.⁷\n7 Report of the Annual Meeting, 1878, 2–5.\n"
    )
    second = (
        "15 | Head of the Harbour\n"
        "The next year was harder. The dredger broke down in March and the basin silted\n"
        "up so quickly that the larger colliers could not enter it until the autumn, and the harbour.\n"
    )
    document = _lay_out(first, second)
    assert [note.pages for note in document.notes] == [(0,)]
    assert document.blocks[-1].text.endswith("and the harbour.")


def test_note_numbers_leave_the_note_text_through_a_repair() -> None:
    document = _lay_out(BODY_WITH_SUPERSCRIPTS + "34 Accounts, HB/5/9.\n35 Register, HB/7/1.")
    numbers = [r for note in document.notes for r in note.content.repairs() if r.kind == "note-number"]
    assert [(r.before, r.after) for r in numbers] == [("34 ", ""), ("35 ", "")]
    assert _notes(document) == [(34, "Accounts, HB/5/9."), (35, "Register, HB/7/1.")]


def test_a_run_of_notes_may_skip_a_number_the_markers_confirm() -> None:
    text = (
        "The harbour board first met in 1801.⁴⁶⁴ The second board, chosen in 1830, was larger and\n"
        "met more often, and its minutes are the fuller for it.⁴⁶⁶\n"
        "464 Minutes, vol. 1.\n"
        "466 Minutes, vols 2–4.\n"
    )
    document = _lay_out(text)
    assert _notes(document) == [(464, "Minutes, vol. 1."), (466, "Minutes, vols 2–4.")]
    assert _refs(document) == [[464, 466]]


def test_a_raised_marker_glued_to_a_year_is_still_a_marker() -> None:
    document = _lay_out("The letter of November 1545³⁹⁵is the last we have.\n395 Letter book, fol. 3.\n")
    assert _refs(document) == [[395]]
    assert "November 1545is the last" in document.blocks[0].text


def test_a_number_ending_a_note_is_not_the_page_number() -> None:
    text = "Harbour Works Ë 211\nThe board met.⁴\n4 Minutes of the board, printed at Hull in\n1876.\n"
    document = _lay_out(text)
    assert document.pages[0].number == 211
    assert document.notes[0].text == "Minutes of the board, printed at Hull in 1876."


def test_notes_marked_with_reference_marks_under_a_drawn_rule() -> None:
    """Older books mark a page's notes *, †, ‡ ...; a rule (``______``) stands above them."""
    first = (
        "The board kept two sets of accounts in those years, one for the shareholders\n"
        "and one for itself.* The second set survives only in part, but it shows that\n"
        "the harbour lost money in every year, and most in the year of the flood.†\n"
        "____________\n"
        "* Harbour Board Accounts, second series, HB/5/9.\n"
        "† Timber Register, HB/7/1, entry for 4 June 1877.\n"
    )
    second = (
        "A new dredger was bought in the spring of the next year from a yard on the\n"
        "Clyde* and it worked for forty years without a serious breakdown of any kind.\n"
        "* Letter book, HB/4/1, 88.\n"
    )
    document = _lay_out(first, second)
    assert _notes(document) == [
        (1, "Harbour Board Accounts, second series, HB/5/9."),
        (2, "Timber Register, HB/7/1, entry for 4 June 1877."),
        (1, "Letter book, HB/4/1, 88."),
    ]
    assert [number for refs in _refs(document) for number in refs] == [1, 2, 1]
    assert "itself. The second" in document.blocks[0].text and "Clyde and it" in document.blocks[-1].text
    assert [line.reason for line in document.pages[0].removed] == ["rule-line"]


def test_an_asterisk_on_a_page_of_numbered_notes_is_no_marker() -> None:
    text = (
        "The yield was significant (p* in the table) and the board noted it at the time.1\n"
        "1 Minutes, 4 March 1879.\n"
    )
    document = _lay_out(text)
    assert _refs(document) == [[1]]
    assert "(p* in the table)" in document.blocks[0].text


def test_a_starred_line_without_a_starred_word_is_no_note() -> None:
    text = "The list had three parts.\n* Harbour dues, paid by every ship.\n* * *\n"
    document = _lay_out(text)
    assert document.notes == []
    assert "Harbour dues" in document.blocks[-1].text


ENDNOTES = (
    "Notes to Chapter 4" + " " * 40 + "301\n"
    "NOTES\n"
    "1. Harold Whitcombe, The Baltic Grain Trade, 1815–1860 (London: Macmillan,\n"
    "1931), 212–14.\n"
    "2. Board of Trade, Annual Statement of Trade (London, 1847), 45.\n"
    "3. Whitcombe, Baltic Grain Trade, 230.\n"
    "4. Ibid., 231.\n"
)


def test_a_page_of_endnotes_is_notes_and_the_next_page_goes_on_from_it() -> None:
    following = (
        "302" + " " * 40 + "Notes to Chapter 4\n5. Ibid., 240.\n6. Whitcombe, Baltic Grain Trade, 12.\n"
    )
    document = _lay_out(ENDNOTES, following)
    assert [note.number for note in document.notes] == [1, 2, 3, 4, 5, 6]
    assert document.notes[0].text.strip().endswith("(London: Macmillan, 1931), 212–14.")
    assert [b.text for b in document.blocks] == ["NOTES"]
    assert [(page.number, page.running_head) for page in document.pages] == [
        (301, "Notes to Chapter 4"),
        (302, "Notes to Chapter 4"),
    ]


def test_a_short_numbered_list_in_the_body_is_no_endnotes() -> None:
    page = (
        "The board gave two reasons for the delay, and both were false.\n"
        "1. The stone had not come.\n"
        "2. The engineers were ill.\n"
        "Neither was true, as the minutes of the next meeting show.\n"
    )
    assert _lay_out(page).notes == []


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("(", ")")])
def test_markers_and_notes_in_brackets_or_parentheses(opening: str, closing: str) -> None:
    page = (
        "The board met in the spring[1] and the engineers spoke first. Their report was\n"
        "long,[2] and nobody read it to the end; see the list [a] of members (2 of 9).\n"
        "[1] Minutes of the Board, 4 March 1878.\n"
        "[2] Report of the Engineers (Plymouth, 1878), 3.\n"
    )
    page = page.replace("[1]", f"{opening}1{closing}").replace("[2]", f"{opening}2{closing}")
    document = _lay_out(page)
    assert _notes(document) == [
        (1, "Minutes of the Board, 4 March 1878."),
        (2, "Report of the Engineers (Plymouth, 1878), 3."),
    ]
    assert _refs(document) == [[1, 2]]
    assert f"{opening}1{closing}" not in document.blocks[0].text
    assert "list [a] of members (2 of 9)." in document.blocks[0].text


def test_a_page_of_a_book_with_endnotes_keeps_its_markers_as_references() -> None:
    raised = (
        "The board met in the spring,¹² and the engineers spoke first. The chairman called them poets.¹³\n"
    )
    plain = (
        "The board met in the spring,12 and the engineers spoke first. Their report was long13 and dull.\n"
    )
    for page in (raised, plain):
        document = _lay_out(page)
        assert _refs(document) == [[12, 13]] and document.notes == []
        assert "12" not in document.blocks[0].text and "13" not in document.blocks[0].text


def test_digits_that_confirm_nothing_stay_on_a_page_without_notes() -> None:
    page = "Boxes A3 and A4 were opened in 1879.2 It took 10³ men and 5 m² of floor.\n"
    document = _lay_out(page)
    assert _refs(document) == [[]]
    assert document.blocks[0].text == page.strip()


def test_a_numbered_list_opening_a_page_is_no_page_of_endnotes() -> None:
    page = (
        "1. The first cause was the harvest, which failed in the autumn and left the port\n"
        "without grain to send abroad.\n"
        "2. The second was the debt of the merchants to their creditors in London.\n"
        "3. The third was the slowness of the government to act at all.\n"
        "Each of these would have been enough alone; together they were fatal to the trade.\n"
    )
    assert _lay_out(page).notes == []


ENDNOTES_IN_SECTIONS = (
    "7. Harbour Trust, Minutes, 12 May 1881.\n"
    "8. Ibid., 19 May 1881.\n"
    "\n"
    "Chapter 5. The Dredgers\n"
    "\n"
    "1. Whitcombe, Baltic Grain Trade, 88.\n"
    "2. The engineers' report of 1883 is lost; its figures are quoted in\n"
    "vol. 2 of the Trust's printed accounts (Plymouth, 1884), 17.\n"
    "3. Ibid., 21.\n"
)


def test_a_page_of_endnotes_whose_count_starts_again_under_each_heading() -> None:
    document = _lay_out(ENDNOTES_IN_SECTIONS)
    assert [note.number for note in document.notes] == [7, 8, 1, 2, 3]
    assert document.notes[3].text.endswith("(Plymouth, 1884), 17.")
    assert [(b.type.value, b.text) for b in document.blocks] == [("heading", "Chapter 5. The Dredgers")]
    assert _refs(document) == [[]]  # ``vol. 2`` is no marker


def test_a_heading_and_a_numbered_list_in_the_body_are_no_endnote_sections() -> None:
    page = (
        "The board gave its reasons for the delay in the autumn of 1881.\n"
        "Reasons Given\n"
        "1. The stone had not come from the quarry at Dartmoor by 1 May.\n"
        "2. The engineers were ill for 3 weeks.\n"
        "3. The money voted in 1880 was spent.\n"
    )
    assert _lay_out(page).notes == []


def test_the_chapters_of_a_contents_page_are_no_endnotes() -> None:
    page = "CONTENTS\n1 The Harbour 1\n2 The Dredgers 33\n3 The Trust 57\n4 The Strike 91\n"
    document = _lay_out(page)
    assert document.notes == [] and document.pages[0].number is None
    assert [b.text for b in document.blocks][1:] == page.splitlines()[1:]
