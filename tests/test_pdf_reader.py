"""The PDF reader: page text, markers, italics and labels from a real PDF.

The PDFs are drawn with reportlab by ``tests/fixtures/make_pdf.py`` into a
temporary folder, from text written for these tests; the expected page text is
derived from the same data the PDF is drawn from.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emendo.errors import InputError, MissingExtraError
from emendo.readers import ReaderConfig, iter_pages
from emendo.readers.pdf import PageRange, PdfConfig, TextRun, group_lines, page_text, read_pdf
from emendo.readers.text import decode

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")
make_pdf = pytest.importorskip("fixtures.make_pdf")  # draws with reportlab


SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    make_pdf.main([str(folder)])
    return folder


@pytest.fixture(scope="module")
def book(pdfs: Path) -> Path:
    return pdfs / "book.pdf"


def expected_lines(number: int, page: make_pdf.BookPage) -> list[str]:
    """The lines a perfect reader gives for one page of the test book."""
    head = f"{number}  {make_pdf.BOOK_TITLE}" if number % 2 == 0 else f"{make_pdf.CHAPTER_TITLE}  {number}"
    lines = [head]
    for line in (*page.body, *page.notes):
        text = ""
        for run, style in line:
            if style == "gap":
                text += " "
            elif style == make_pdf.MARKER:
                text += run if not text else run.translate(SUPERSCRIPTS)  # a note's own number stays plain
            else:
                text += run
        lines.append(text)
    return lines


# -- the test book --------------------------------------------------------


def test_every_line_reads_as_printed(book: Path) -> None:
    pages = read_pdf(str(book))
    assert len(pages) == len(make_pdf.PAGES)
    for n, (page, printed) in enumerate(zip(pages, make_pdf.PAGES, strict=True)):
        assert page.original.split("\n") == expected_lines(make_pdf.FIRST_LABEL + n, printed)


def test_raised_small_digits_become_superscripts(book: Path) -> None:
    first, second, _ = read_pdf(str(book))
    assert "observed.³ Neither" in first.original
    assert "as dim.⁴ The" in first.original
    assert "amused.⁵ He" in second.original
    assert "observed.3" not in first.original


def test_raised_note_numbers_at_a_line_start_stay_plain(book: Path) -> None:
    second = read_pdf(str(book))[1]
    assert "\n5 Pell," in second.original
    assert "\n6 Keepers’ Manual (Edinburgh" in second.original


def test_italic_titles_are_recorded_with_their_spaces(book: Path) -> None:
    pages = read_pdf(str(book))
    italic = [[page.original[start:end] for start, end in page.italics] for page in pages]
    assert italic == [
        ["Maritime Gazette", "Notes on Lighthouse Optics", "Reports from the Northern Stations"],
        ["Keepers’ Manual", "Reports", "Keepers’ Manual"],
        [],
    ]
    assert "for the Maritime Gazette and in" in pages[0].original


def test_page_labels_become_labels_and_number_hints(book: Path) -> None:
    pages = read_pdf(str(book))
    assert [p.label for p in pages] == list(make_pdf.LABELS)
    assert [p.number for p in pages] == [int(label) for label in make_pdf.LABELS]
    assert [p.index for p in pages] == [0, 1, 2]
    assert pages[1].origin == f"{book}#2"


def test_roman_labels_are_labels_but_no_number(pdfs: Path) -> None:
    pages = read_pdf(str(pdfs / "preface.pdf"))
    assert [(p.label, p.number, p.original) for p in pages] == [
        ("xi", None, "Preface"),
        ("xii", None, "This book began as a ledger."),
    ]


def test_line_end_hyphens_are_kept_for_the_word_layer(book: Path) -> None:
    first = read_pdf(str(book))[0]
    assert "coun-\ntersigned" in first.original
    assert "\ufffe" not in first.original and "\x02" not in first.original


# -- page selection -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count", "indexes"),
    [
        ("120-140", 200, list(range(119, 140))),
        ("5", 9, [4]),
        ("1-3,7,10-", 11, [0, 1, 2, 6, 9, 10]),
        (" 2 – 3 ", 3, [1, 2]),
        ("3,1,2-3", 3, [0, 1, 2]),
    ],
)
def test_page_range_selects_pages_in_document_order(text: str, count: int, indexes: list[int]) -> None:
    assert PageRange.parse(text).indexes(count, "book.pdf") == indexes


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "cannot read ''"),
        ("a-b", "cannot read 'a-b'"),
        ("3-", None),
        ("0-4", "count from 1"),
        ("9-3", "3-9"),
        ("1,,2", "cannot read ''"),
        ("-4", "cannot read '-4'"),
    ],
)
def test_a_bad_page_range_says_how_to_write_one(text: str, says: str | None) -> None:
    if says is None:
        assert PageRange.parse(text).spans == ((3, None),)
        return
    with pytest.raises(InputError, match=says):
        PageRange.parse(text)


def test_a_range_beyond_the_document_is_refused(book: Path) -> None:
    with pytest.raises(InputError, match="page 140 was selected but the PDF has only 3 pages"):
        read_pdf(str(book), PageRange.parse("120-140"))
    with pytest.raises(InputError, match="page 4 was selected"):
        read_pdf(str(book), PageRange.parse("4-"))


def test_selected_pages_keep_their_labels(book: Path) -> None:
    pages = read_pdf(str(book), PageRange.parse("2-"))
    assert [(p.index, p.label, p.origin) for p in pages] == [(0, "13", f"{book}#2"), (1, "14", f"{book}#3")]


def test_iter_pages_hands_pdfs_to_the_pdf_reader(book: Path, tmp_path: Path) -> None:
    text_page = tmp_path / "a-first.txt"
    text_page.write_text("A page of text before the book.", encoding="utf-8")
    renamed = tmp_path / "b-book"  # no .pdf suffix: recognised by its header
    renamed.write_bytes(book.read_bytes())
    pages = list(iter_pages([str(text_page), str(renamed)], ReaderConfig(pages="1,3")))
    assert [(p.index, p.label) for p in pages] == [(0, None), (1, "12"), (2, "14")]
    assert pages[1].original.startswith("12  The Lamp and the Ledger\n")


def test_iter_pages_checks_the_range_before_reading(book: Path) -> None:
    with pytest.raises(InputError, match="cannot read 'x'"):
        list(iter_pages([str(book)], ReaderConfig(pages="x")))


# -- PDFs that cannot be read -----------------------------------------------


def test_an_encrypted_pdf_says_to_decrypt_it(pdfs: Path) -> None:
    locked = str(pdfs / "book-encrypted.pdf")
    with pytest.raises(InputError, match="encrypted with a password; decrypt it first"):
        read_pdf(locked)
    with pytest.raises(InputError, match="password given does not open"):
        read_pdf(locked, config=PdfConfig(password="wrong"))
    assert read_pdf(locked, config=PdfConfig(password="secret"))[0].label == "12"


def test_a_truncated_pdf_says_it_is_damaged(book: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    data = book.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"not a readable PDF .* damaged or cut short"):
        read_pdf(str(cut))


def test_text_named_pdf_says_it_is_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_text("just some text", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.pdf: not a readable PDF"):
        list(iter_pages([str(fake)]))


def test_a_pdf_on_standard_input_asks_for_the_file(book: Path) -> None:
    with pytest.raises(InputError, match="this is a PDF, not page text; give emendo the PDF file by name"):
        decode(book.read_bytes(), "standard input", ReaderConfig())


def test_an_image_only_pdf_says_to_run_ocr(pdfs: Path) -> None:
    scan = str(pdfs / "scan.pdf")
    with pytest.raises(InputError, match=r"no text layer .* run OCR on it first, for example: ocrmypdf"):
        read_pdf(scan)
    with pytest.raises(InputError, match="the selected pages have no text layer"):
        read_pdf(scan, PageRange.parse("2"))


def test_missing_pypdfium2_names_the_extra(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'emendo\[pdf\]'"):
        read_pdf(str(book))


# -- glyph geometry, without PDFium -------------------------------------------

HEIGHT = 11.0


def run(text: str, x: float = 0.0, y: float = 0.0, italic: bool = False) -> TextRun:
    """A run of ``text`` from ``x``, each character 5 units wide."""
    return TextRun(text, x, x + 5 * len(text), y, y + HEIGHT, italic)


def word_runs(words: list[str], y: float = 0.0, space: float = 2.6, by_letter: bool = False) -> list[TextRun]:
    """Words set ``space`` apart on one line with no space characters, as PDFs often do.

    ``by_letter`` draws every letter as a run of its own, as some PDFs do.
    """
    runs: list[TextRun] = []
    x = 0.0
    for word in words:
        parts = list(word) if by_letter else [word]
        for part in parts:
            runs.append(run(part, x, y))
            x = runs[-1].right
        x += space
    return runs


def marker(digits: str, x: float) -> TextRun:
    """A footnote marker: 3 units wide a digit, 7 high, raised 4.5 above the baseline."""
    return TextRun(digits, x, x + 3 * len(digits), 4.5, 11.5)


def test_word_spaces_come_back_from_the_gaps() -> None:
    assert page_text(word_runs(["newspaper", "Pravda", "to"]))[0] == "newspaper Pravda to"


def test_kerned_letters_stay_one_word() -> None:
    assert page_text(word_runs(["ab", "cd"], space=0.8))[0] == "abcd"


def test_spaces_are_not_doubled() -> None:
    generated = TextRun(" ", 0, 0, 0, 0, generated=True)
    runs = [run("one"), generated, run(" two", x=15), generated, run("three ", x=37.6), run("four", x=70)]
    assert page_text(runs)[0] == "one two three four"


def test_small_digits_on_the_baseline_are_not_markers() -> None:
    runs = [run("in"), TextRun("2", 12.6, 16, 0.5, 7.5)]
    assert page_text(runs)[0] == "in 2"


def test_raised_digits_after_a_word_are_markers() -> None:
    assert page_text([run("time."), marker("12", 25), run("In", x=33.6)])[0] == "time.¹² In"


def test_raised_letters_are_left_alone() -> None:
    assert page_text([run("Mme"), marker("ab", 15)])[0] == "Mmeab"


def test_raised_digits_opening_a_line_number_a_note() -> None:
    assert page_text([marker("7", 0), run("See", x=3)])[0] == "7 See"


def test_pdfium_hyphen_markers_become_hyphens() -> None:
    assert page_text([run("coun\x02"), run("ter", y=-13.5), run("a\ufffe", y=-27)])[0] == "coun-\nter\na-"


def test_a_raised_marker_keeps_its_line_and_the_next_line_is_new() -> None:
    runs = [run("end."), marker("7", 20), run("next", y=-12.0)]
    assert [len(line) for line in group_lines(runs)] == [2, 1]


def test_spaces_drawn_apart_make_no_blank_line() -> None:
    runs = [run("one"), TextRun("  ", 0, 10, -7, 4), run("two", y=-13.5)]
    assert page_text(runs)[0] == "one\ntwo"


def test_a_jump_back_to_the_left_margin_starts_a_line() -> None:
    runs = [run("left column"), run("right", x=200), run("next")]
    assert page_text(runs)[0] == "left column  right\nnext"


def test_a_wide_gap_is_kept_as_two_spaces() -> None:
    assert page_text([run("12"), run("Harbour Lights", x=40)])[0] == "12  Harbour Lights"
    assert page_text([run("12"), run("Harbour Lights", x=20)])[0] == "12 Harbour Lights"


def test_italics_join_across_a_line_break() -> None:
    runs = [
        run("in"),
        run("The", x=12.6, italic=True),
        run("Sea", y=-13.5, italic=True),
        run("Log,", y=-27.0),
    ]
    text, italics = page_text(runs)
    assert text == "in The\nSea\nLog,"
    assert [text[a:b] for a, b in italics] == ["The\nSea"]


def test_a_space_between_roman_and_italic_is_not_italic() -> None:
    text, italics = page_text([run("in "), run("Sea", x=15, italic=True), run(",", x=30)])
    assert (text, italics) == ("in Sea,", [(3, 6)])


def test_an_italic_run_with_spaces_around_is_trimmed() -> None:
    text, italics = page_text([run("in"), run(" Sea Log ", x=10, italic=True), run("of", x=55)])
    assert (text, [text[a:b] for a, b in italics]) == ("in Sea Log of", ["Sea Log"])


@pytest.mark.parametrize(
    ("font", "italic"),
    [
        ("Times-Italic", True),
        ("ABCDEF+MinionPro-It", True),
        ("MinionPro-BoldIt", True),
        ("Arial,Oblique", True),
        ("CMTI10", True),
        ("Times-Roman", False),
        ("ABCDEF+Gothic-Bold", False),
        ("Helvetica", False),
        ("MinionPro-Regular", False),
        ("CMR10", False),
    ],
)
def test_italic_font_names(font: str, italic: bool) -> None:
    from emendo.readers.pdf import _ITALIC_NAME

    assert bool(_ITALIC_NAME.search(font)) is italic


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@given(
    st.lists(st.lists(words, min_size=1, max_size=6), min_size=1, max_size=5),
    st.floats(1.6, 4.0),
    st.booleans(),
)
def test_lines_and_spaces_come_back_from_positions_alone(
    lines: list[list[str]], space: float, by_letter: bool
) -> None:
    runs = [r for n, line in enumerate(lines) for r in word_runs(line, -13.5 * n, space, by_letter)]
    assert page_text(runs) == ("\n".join(" ".join(line) for line in lines), [])
