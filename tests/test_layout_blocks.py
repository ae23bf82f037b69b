"""Layout: paragraphs, line joins, block quotes, headings and the blank-line style."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from emendo.layout import CaseHyphenJudge, HyphenVerdict, LayoutConfig, analyse_layout
from emendo.layout.joins import HyphenJudge
from emendo.model import BlockType, Document, Page, rebuild_pages

#: Eight full lines of one paragraph, about 78 characters each.
LINES = [
    "The harbour board met on the first Monday of every month in a room above the",
    "custom house, where the clerk kept the minutes in a large green book that still",
    "survives. The meetings were long and often bitter, for the members came from the",
    "two rival towns at either end of the bay and agreed on almost nothing at all, least",
    "of all on the question of who should pay for the dredging of the channel, which",
    "silted up every winter and had to be cleared every spring at great expense to the",
    "board and to the merchants who used it, and who complained about the cost in every",
    "letter they wrote to the newspapers of both towns for more than twenty years.",
]
#: The first line of a new paragraph.
OPENING = "Dredging began again in the spring of 1868, when the board bought a steam dredger"


def _lay_out(*texts: str, judge: HyphenJudge | None = None) -> Document:
    pages = [Page(n, text) for n, text in enumerate(texts)]
    document = analyse_layout(pages, LayoutConfig(), judge or CaseHyphenJudge())
    assert rebuild_pages(document) == list(texts)
    return document


def _types(document: Document) -> list[str]:
    return [block.type.value for block in document.blocks]


def _spaced(lines: list[str], blanks: int = 2) -> str:
    return ("\n" * (blanks + 1)).join(lines)


class _RecordingJudge:
    """Keeps the hyphen before ``Japanese``-like capitals and remembers every question."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.passages: list[tuple[str, str]] = []

    def judge(self, left: str, right: str, before: str = "", after: str = "") -> HyphenVerdict:
        self.asked.append((left, right))
        self.passages.append((before, after))
        if right[:1].isupper():
            return HyphenVerdict(True, 0.9, "a compound of two names")
        return HyphenVerdict(False, 0.8, "one word broken at the line end")


def test_lines_of_a_paragraph_join_with_one_space_each_a_repair() -> None:
    document = _lay_out("\n".join(LINES) + "\n")
    (block,) = document.blocks
    assert block.text == " ".join(LINES)
    joins = [r for r in block.content.repairs() if r.kind == "line-join"]
    assert [(r.before, r.after) for r in joins] == [("\n", " ")] * 7
    assert [r.kind for r in block.content.repairs()][-1] == "layout"


def test_a_short_line_that_ends_a_sentence_ends_the_paragraph() -> None:
    text = "\n".join([*LINES[:3], "the two towns.", OPENING, *LINES[3:]])
    document = _lay_out(text)
    assert _types(document) == ["paragraph", "paragraph"]
    assert document.blocks[0].text.endswith("the two towns.")
    assert document.blocks[1].text.startswith("Dredging began")


def test_a_full_line_that_ends_a_sentence_does_not_end_the_paragraph() -> None:
    lines = [
        *LINES[:2],
        "survives. The meetings were long and often bitter, and nobody enjoyed them much.",
        *LINES[3:],
    ]
    document = _lay_out("\n".join(lines))
    assert len(document.blocks) == 1


def test_a_short_line_before_a_lowercase_line_does_not_end_the_paragraph() -> None:
    text = "\n".join([*LINES[:3], "the two towns, as usual.", "and so on, " + LINES[3], *LINES[4:]])
    document = _lay_out(text)
    assert len(document.blocks) == 1


def test_hyphen_at_the_line_end_asks_the_judge() -> None:
    judge = _RecordingJudge()
    text = "\n".join(
        [
            "The board wanted the new wall built in the Anglo-",
            "Dutch manner, with a core of rubble and a face of dressed gran-",
            "ite, and it wanted the work finished before the winter storms.",
        ]
    )
    document = _lay_out(text, judge=judge)
    assert judge.asked == [("Anglo", "Dutch"), ("gran", "ite")]
    assert judge.passages[1] == (
        "Dutch manner, with a core of rubble and a face of dressed ",
        ", and it wanted the work finished before the winter storms.",
    )  # the rest of both lines, for the judge to tell the passage's language
    (block,) = document.blocks
    assert "Anglo-Dutch manner" in block.text and "dressed granite, and" in block.text
    kept, dropped = [r for r in block.content.repairs() if "hyphen" in r.kind]
    assert (kept.kind, kept.before, kept.after, kept.confidence, kept.reason) == (
        "compound-hyphen",
        "\n",
        "",
        0.9,
        "a compound of two names",
    )
    assert (dropped.kind, dropped.before, dropped.after, dropped.confidence) == (
        "hyphen-join",
        "-\n",
        "",
        0.8,
    )


def test_a_dash_at_the_line_end_joins_without_a_space() -> None:
    text = "The wall was finished—\nor so the board said—at the end of the summer, in time for the storms.\n"
    document = _lay_out(text)
    assert (
        document.blocks[0].text
        == "The wall was finished—or so the board said—at the end of the summer, in time for the storms."
    )


def test_a_spaced_dash_at_the_line_end_keeps_its_space() -> None:
    document = _lay_out("The wall was finished –\nor so the board said.\n")
    assert document.blocks[0].text == "The wall was finished – or so the board said."


def test_the_page_top_fragment_and_the_page_foot_fragment() -> None:
    document = _lay_out("\n".join(["ing the channel clear cost more every year.", *LINES[:4]]))
    assert (document.blocks[0].fragment_start, document.blocks[0].fragment_end) == (True, False)
    assert (document.blocks[-1].fragment_start, document.blocks[-1].fragment_end) == (False, True)


def test_a_paragraph_runs_on_across_the_page_break_with_a_hyphen() -> None:
    first = "Harbour Works Ë 211\n" + "\n".join(LINES[:4]) + "\nof all on the price of the dredg-\n"
    second = "212 | Harbour Works\ning, which the board never settled. The clerk gave up recording it.\n"
    document = _lay_out(first, second)
    (block,) = document.blocks
    assert block.pages == (0, 1)
    assert "the price of the dredging, which" in block.text
    join = next(r for r in block.content.repairs() if r.kind == "hyphen-join")
    assert (join.page, join.before) == (0, "-\n")
    assert block.lines[-1] == (1, 1)


def test_a_new_paragraph_at_the_top_of_the_next_page_stands_alone() -> None:
    first = "Harbour Works Ë 211\n" + "\n".join(LINES[:4]) + "\nall.\n"
    second = "212 | Harbour Works\nThe clerk gave up recording the quarrel after 1871.\n"
    document = _lay_out(first, second)
    assert [block.pages for block in document.blocks] == [(0,), (1,)]


def test_block_quote_is_set_longer_than_the_body() -> None:
    quote = [
        "We have dredged this channel every spring for thirty years and every winter it fills again, so",
        "that the board pays for the same mud twice in each year and the merchants pay the board for it.",
        "No harbour in the kingdom is so badly served.",
    ]
    text = "\n".join([*LINES[:3], "The clerk wrote in the margin:", *quote, *LINES[3:]])
    document = _lay_out(text)
    assert _types(document) == ["paragraph", "quote", "paragraph"]
    assert document.blocks[1].text == " ".join(quote)


def test_numbered_headings_take_their_level_from_the_number() -> None:
    text = "\n".join(
        [
            *LINES[:3],
            "the two towns.",
            "3 The Channel",
            *LINES[:2],
            "the dredger.",
            "3.1.2 Dredging the Bar",
            OPENING,
            *LINES[3:],
        ]
    )
    document = _lay_out(text)
    headings = [(block.text, block.level) for block in document.blocks if block.type is BlockType.HEADING]
    assert headings == [("3 The Channel", 1), ("3.1.2 Dredging the Bar", 3)]


def test_an_unnumbered_title_between_paragraphs_is_a_heading() -> None:
    text = "\n".join([*LINES[:3], "the two towns.", "The Question of the Channel", OPENING, *LINES[3:]])
    document = _lay_out(text)
    assert _types(document) == ["paragraph", "heading", "paragraph"]
    assert document.blocks[1].level == LayoutConfig().unnumbered_heading_level


@pytest.mark.parametrize(
    "opening",
    ["CHAPTER THREE", "Chapter the Second", "Part Twenty-One", "C H A P T E R  T H R E E"],
)
def test_chapter_openings_spelled_out_or_letter_spaced_are_headings(opening: str) -> None:
    document = _lay_out("\n".join([opening, OPENING, *LINES[3:]]))
    assert (document.blocks[0].type, document.blocks[0].level) == (BlockType.HEADING, 1)


@pytest.mark.parametrize(
    "line",
    [
        "Kliment E. Voroshilov",  # a short line inside a sentence
        "the board said so",  # not title case
        "Dredging the Channel.",  # ends a sentence
        "1.5 per cent of the cost",  # a number, not a section
    ],
)
def test_lines_that_are_not_headings(line: str) -> None:
    text = "\n".join([*LINES[:3], "the two towns and", line, "which " + LINES[3], *LINES[4:]])
    document = _lay_out(text)
    assert BlockType.HEADING not in [block.type for block in document.blocks]


def test_a_title_case_line_that_continues_a_sentence_is_not_a_heading() -> None:
    text = "\n".join(
        [*LINES[:3], "the two towns. Then came", "The Great Storm of Eighteen Seventy", "which " + LINES[3]]
    )
    document = _lay_out(text)
    assert BlockType.HEADING not in [block.type for block in document.blocks]


def test_blank_line_style_recovers_paragraphs_quotes_and_notes() -> None:
    quote = [
        "We have dredged this channel every spring for thirty years and every winter it fills again, so",
        "that the board pays for the same mud twice in each year and the merchants pay the board for it.³",
    ]
    text = (
        _spaced([*LINES[:4], "the two towns.", OPENING, "and wrote:"])
        + "\n\n\n"
        + "\n".join(quote)
        + "\n\n"
        + _spaced(["The " + LINES[5], *LINES[6:]])
        + "\n\n\n3 Letter book, HB/4/1, 12.\n"
    )
    document = _lay_out(text)
    assert _types(document) == ["paragraph", "paragraph", "quote", "paragraph"]
    assert document.blocks[0].text == " ".join([*LINES[:4], "the two towns."])
    assert document.blocks[2].text == " ".join(quote)[:-1]
    assert [note.number for note in document.notes] == [3]
    join = next(r for r in document.blocks[0].content.repairs() if r.kind == "line-join")
    assert (join.before, join.after) == ("\n\n\n", " ")


def test_paragraphs_separated_by_blank_lines_are_not_the_spaced_style() -> None:
    paragraphs = ["\n".join(LINES[:3]) + " It ended.", "\n".join(LINES[3:5]) + " Done.", "\n".join(LINES[5:])]
    document = _lay_out("\n\n".join(paragraphs))
    assert len(document.blocks) == 3
    assert document.blocks[0].text == " ".join(LINES[:3]) + " It ended."


def test_whitespace_between_and_around_blocks_is_accounted_for() -> None:
    text = "\n\n  " + "  \n".join(LINES[:3]) + "  \r\n\r\n\r\nAll.\t\n\n"
    document = _lay_out(text)
    assert [block.text for block in document.blocks] == [" ".join(LINES[:3]), "All."]
    assert document.blocks[0].content.repairs()[0].before == "\n\n  "
    assert document.blocks[-1].content.repairs()[-1].before == "\t\n\n"


def test_a_sentence_end_with_room_for_the_next_word_ends_the_paragraph() -> None:
    # lines here end when the next word does not fit (the document shows how full that
    # is); the 69-character sentence end is too long to count as short, but the next
    # word, "Dredging", would have fit after it: the paragraph ended there
    ending = "they sent to the newspapers of both towns, and the board hated them."
    text = "\n".join([*LINES[:7], ending, OPENING, *LINES[3:7], *LINES[:7], *LINES[:7]])
    document = _lay_out(text)
    assert [block.text.split()[0] for block in document.blocks] == ["The", "Dredging"]
    assert document.blocks[0].text.endswith("hated them.")


def test_a_colon_and_dash_announce_a_new_block() -> None:
    text = "\n".join([*LINES[:3], "the minutes say:—", "The wall is to be curved. " + LINES[3], *LINES[4:]])
    assert len(_lay_out(text).blocks) == 2


def test_a_blank_line_inside_a_sentence_breaks_nothing() -> None:
    text = "\n".join(LINES[:3]) + "\n\n" + "\n".join(LINES[3:])
    assert len(_lay_out(text).blocks) == 1


def test_spaced_style_is_found_above_a_long_note_block() -> None:
    body = [line + "¹²³⁴"[n] if n < 4 else line for n, line in enumerate(LINES)]
    note_lines = []
    for n in range(1, 5):
        note_lines += [
            f"{n} Letter book, HB/4/{n}, fols {n}–{n + 4}, with the replies",
            "of the clerk",
            "in the",
            "margin.",
        ]
    document = _lay_out(_spaced(body) + "\n\n\n" + "\n".join(note_lines))
    assert len(document.blocks) == 1
    assert [note.number for note in document.notes] == [1, 2, 3, 4]
    assert document.notes[0].text.endswith("with the replies of the clerk in the margin.")


def _justified(line: str, width: int = 86) -> str:
    """``line`` padded to ``width`` with spaces between words, as ``pdftotext -layout`` sets it."""
    words = line.split(" ")
    padding = width - len(line)
    for k in range(padding):
        words[k % (len(words) - 1)] += " "
    return " ".join(words)


def test_column_preserving_text_keeps_paragraphs_and_makes_space_runs_one() -> None:
    """``pdftotext -layout``: justified lines padded with spaces, paragraphs opened by an indent."""
    page = "\n".join(
        [
            "xii                         THE HARBOUR BOARD",
            "",
            *("    " + _justified(line) if k == 0 else _justified(line) for k, line in enumerate(LINES[:-1])),
            LINES[-1],
            "    " + _justified(OPENING),
            *(_justified(line) for line in LINES[3:6]),
        ]
    )
    document = _lay_out(page)
    assert document.pages[0].running_head == "THE HARBOUR BOARD"
    assert _types(document) == ["paragraph", "paragraph"]
    first, second = (block.text for block in document.blocks)
    assert first == " ".join(LINES)
    assert second.startswith(OPENING + " " + LINES[3])
    assert {r.kind for r in document.blocks[0].content.repairs()} >= {"spacing", "line-join"}


def test_lines_set_in_from_the_margin_are_a_block_quote() -> None:
    page = (
        "The harvest failed in the autumn, and the merchants of the port were already\n"
        "deep in debt to their creditors in London, who had lost confidence in trade\n"
        "with the Baltic and would lend nothing more against the next year's grain.\n"
        "The response of the government was slow, and the ministers were blamed for\n"
        "it in every newspaper of the province. As one observer wrote at the time:\n"
        "    the ministers met, deliberated, and adjourned, while the\n"
        "    warehouses emptied and the bakers raised their prices\n"
        "    week by week.\n"
        "The petition of the town council was refused in the same month, for reasons\n"
        "that remain hard to establish from the papers that survive in the archive,\n"
        "and the council did not petition again until the harvest of the next year.\n"
    )
    document = _lay_out(page)
    assert _types(document) == ["paragraph", "quote", "paragraph"]
    assert document.blocks[1].text.startswith("the ministers met") and document.blocks[1].text.endswith(
        "week."
    )


def test_two_one_line_paragraphs_opened_by_an_indent_are_no_quote() -> None:
    page = (
        "The response of the government was slow, and the ministers were blamed for\n"
        "it in every newspaper of the province, as they had been blamed before.\n"
        "    Nothing was done.\n"
        "    Nothing could be done.\n"
        "The petition of the town council was refused in the same month, for reasons\n"
        "that remain hard to establish from the papers that survive.\n"
    )
    assert "quote" not in _types(_lay_out(page))


def test_an_extractor_that_writes_a_paragraph_to_a_line_gets_a_paragraph_per_line() -> None:
    paragraphs = [
        "The board met in the spring, and the engineers spoke first. Their report was long and nobody "
        "read it to the end; the chairman called them poets, and the quarry supplied the stone.",
        "The masons stood idle for weeks, and the accounts went on growing until the shareholders "
        "asked for an inquiry in 1879, which sat for a year and heard every one of the engineers",
        "once more. Nothing came of it.",
    ]
    document = _lay_out("\n".join(paragraphs) + "\n")
    assert _types(document) == ["paragraph", "paragraph"]
    assert document.blocks[1].text == f"{paragraphs[1]} {paragraphs[2]}"


COLUMN_QUOTE = (
    "    The carriers answered with a cut in their rates and a petition to the\n"
    "justices. The petition, which survives in the county record office, ran\n"
    "to four pages and ended:\n"
    "      We therefore pray that the said Company be made to keep the towing\n"
    "      path open to all comers without let or hindrance, and that the tolls\n"
    "      upon the said navigation be fixed by this Court and not by the\n"
    "      directors of the said Company, who are the judges of their own cause.\n"
    "The justices sent it on to the county, and the county did nothing.\n"
    "    In the spring the company raised its tolls again.\n"
)


def test_a_long_indented_run_is_a_quote_not_a_hanging_indent() -> None:
    document = _lay_out(COLUMN_QUOTE)
    assert _types(document) == ["paragraph", "quote", "paragraph", "paragraph"]


def test_a_hanging_indent_makes_each_line_at_the_margin_an_entry() -> None:
    page = (
        "Bang, Nina. Tables of Shipping through the Sound, 1497–1660. 2 vols.\n"
        "    Copenhagen: Gyldendal, 1906–22.\n"
        "Holt, Mary. The Canal Interest: Carriers, Boats and Tolls in the Age of\n"
        "    the Navigations. Leeds: Wharf Press, 1931.\n"
        "Reed, Thomas. Letters to His Brother. Edited by Anne Reed. London:\n"
        "    Macmillan, 1899.\n"
    )
    document = _lay_out(page)
    assert [b.text[:10] for b in document.blocks] == ["Bang, Nina", "Holt, Mary", "Reed, Thom"]
    assert _types(document) == ["paragraph"] * 3


def test_a_line_that_lost_letters_is_measured_as_printed() -> None:
    """A line that ends a sentence with room for the next word ends its paragraph; but where
    the extractor dropped letters (lost ligatures), the room is the damage's, not the printer's."""
    damaged = "letters they wrote, and the cost was met by the merchants of both towns."
    page = "\n".join([*LINES[:7], damaged, "It was paid for twenty years.", *LINES[:7]])
    config = LayoutConfig(fit_min_lines=5)

    def paragraphs(printed_length: Callable[[str], int]) -> list[str]:
        document = analyse_layout([Page(0, page)], config, CaseHyphenJudge(), printed_length)
        return [block.text[:11] for block in document.blocks]

    assert paragraphs(len) == ["The harbour", "It was paid", "The harbour"]
    assert paragraphs(lambda text: len(text) + 8 * (text == damaged)) == ["The harbour", "The harbour"]


def test_a_page_with_a_poem_is_measured_by_its_prose() -> None:
    """Four short lines of verse among nine are no measure of a full line: the prose stays
    paragraphs, and the verse, set in, is the quote."""
    page = (
        "the poet had learned his trade in the taverns of the port, and his\n"
        "verses kept the rhythm of the capstan songs he heard there as a boy.\n"
        "In the best known of them he wrote:\n\n"
        "      The tide runs out by Plymouth Hoe,\n"
        "      The ships go down to sea,\n"
        "      And every man that sails the foam\n"
        "      Leaves half his heart with me.\n\n"
        "The lines were set to music in 1851 and sung in every music hall in\n"
        "the country for a generation, though few who sang them knew his name.\n"
    )
    assert _types(_lay_out(page)) == ["paragraph", "quote", "paragraph"]
