"""How much damage the simulator does, and why these amounts.

Every default below was read off the real damaged pages in
``../shared/seeds`` (two pages of one monograph, as a PDF text layer gives
them); the comment on each field says what was seen there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class DamageConfig:
    """Rates and shapes of simulated PDF-extraction damage.

    Probabilities are in ``[0, 1]``.  A *document* rate is drawn once per
    simulated document (a font either has ligature glyphs or not), a *page*
    rate once per page, anything else once per occasion.  Ranges are drawn
    uniformly, once per document.

    ``line_width``: characters per line.  The seed lines run 78 to 91
    characters; a range around that keeps the breaks from repeating.

    ``lines_per_page``: body and note lines a page holds (the seed page
    has 43 under its running head).

    ``hyphenation``: the chance that a word that does not fit at the end of a
    line is broken at one of pyphen's (``en_US``) hyphenation points when
    one fits.  Justified book text breaks whenever it can: about a quarter
    to a third of the seed lines end in a hyphen.

    ``break_at_hyphens``: lines may also end after the hyphen of a real
    compound (``Russo-`` / ``Japanese``) or after an em dash; the hyphen
    stays, which is what the repair must recognise.

    ``ligature_documents``: the chance that the document's font lost its
    ligature glyphs.  Where it did, every ``ffi ffl ff fi fl`` inside a word
    is gone (the seeds lose all of them: ``condence``, ``dicult``,
    ``aairs``), and a break between the two letters of a pair keeps both,
    since no ligature forms across a line end.
    ``ligature_space_documents``: of those, the chance that the extractor
    leaves a space where a ligature stood between two letters
    (``signi cant``, ``of cials``), as ``pdftotext`` does with some fonts.
    ``ligature_code_documents``: of those that do not, the chance that the
    extractor writes each ligature glyph's raw code instead: TeX's control
    codes (``e\\x0bect``) or the spacing accents PDFDocEncoding shows for
    them (``di˙erent``, ``˛rst``), one accent per ligature, drawn per font.
    The seeds show none, so it is off unless asked for.
    ``ligature_gap_documents``: of those that show neither, the chance that
    the extractor writes each ligature glyph as its code point with a space
    beside it: after it, before a letter (``ﬁ rst``), and in half the fonts
    before it too, after a letter (``signi ﬁ cant``), as ``pdftotext`` does
    with fonts whose glyph widths disagree with their advances.  Off unless
    asked for, like codes.

    ``italic_glue``: the chance that a space next to an italic span is
    lost, on either side (all eight such spaces on the seed pages are gone:
    ``newspaperPravdato``); this also loses the space after a comma or
    period before an italic title (``Fischer,Russia's``).

    ``plain_marker_documents``: the chance that footnote markers come out
    as plain digits (``the time.2 In``) rather than Unicode superscripts.

    ``marker_space_loss``: the chance that the space after a superscript
    marker is lost (``flexible.³Five``: every mid-line marker of the
    seeds).  Plain-digit markers keep their space, or nothing would tell
    a marker from a number.

    ``tight_space_documents``: the chance that the extractor reads the
    document's lines so tightly set that it loses ordinary spaces between
    words (``ofthe``, ``governmenthad``), as pdfminer does with narrow word
    spacing; in such a document each space is lost with the chance
    ``tight_space_loss``.  The seeds show none, so it is off unless asked for.

    ``stray_space_documents``: the chance that the extractor reads wide gaps
    inside words (justified lines, kerning) as word breaks (``gov ernment``);
    in such a document each word of six letters or more, shown whole,
    gets a space at a random place inside with the chance
    ``stray_space_rate``.  The seeds show none, so it is off unless asked for.

    ``accent_documents``: the chance that the font builds accented letters
    from a base letter and a combining mark, which extraction then puts in
    the wrong place (``Zenm ̄o``, ``Toky ̄ ̄o``, ``supaimo.” ̄``).
    ``accent_marks`` are the combining marks treated so.

    ``blank_line_pages``: the chance that a page comes out with two blank
    lines between body lines and single newlines inside its notes (seed
    page 135).

    ``watermark_pages``: the chance that a page carries the download site's
    lines: the book's title and ``watermark_top`` above the running head,
    ``watermark_bottom`` at the foot (seed page 135).

    ``bare_number_pages``: the chance that a page has no running head, only
    its number on the last line (chapter openings).

    ``separators``: what stands between a running head and its page number
    (``Ë`` is the mis-decoded rule of the seeds).
    """

    line_width: tuple[int, int] = (72, 92)
    lines_per_page: tuple[int, int] = (36, 44)
    hyphenation: float = 1.0
    break_at_hyphens: bool = True
    ligature_documents: float = 0.8
    ligature_space_documents: float = 0.2
    ligature_code_documents: float = 0.0
    ligature_gap_documents: float = 0.0
    italic_glue: float = 0.95
    plain_marker_documents: float = 0.15
    marker_space_loss: float = 0.9
    tight_space_documents: float = 0.0
    tight_space_loss: float = 0.05
    stray_space_documents: float = 0.0
    stray_space_rate: float = 0.03
    accent_documents: float = 0.3
    accent_marks: str = "\u0300\u0301\u0302\u0304\u0308"
    blank_line_pages: float = 0.25
    watermark_pages: float = 0.15
    bare_number_pages: float = 0.03
    separators: tuple[str, ...] = ("Ë",)
    watermark_top: tuple[str, ...] = ("(WallPaper) #1",)
    watermark_bottom: tuple[str, ...] = ("Free download pdf",)

    def __post_init__(self) -> None:
        rates = {
            "hyphenation": self.hyphenation,
            "ligature_documents": self.ligature_documents,
            "ligature_space_documents": self.ligature_space_documents,
            "ligature_code_documents": self.ligature_code_documents,
            "ligature_gap_documents": self.ligature_gap_documents,
            "italic_glue": self.italic_glue,
            "plain_marker_documents": self.plain_marker_documents,
            "marker_space_loss": self.marker_space_loss,
            "tight_space_documents": self.tight_space_documents,
            "tight_space_loss": self.tight_space_loss,
            "stray_space_documents": self.stray_space_documents,
            "stray_space_rate": self.stray_space_rate,
            "accent_documents": self.accent_documents,
            "blank_line_pages": self.blank_line_pages,
            "watermark_pages": self.watermark_pages,
            "bare_number_pages": self.bare_number_pages,
        }
        for name, rate in rates.items():
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"DamageConfig.{name} must be between 0 and 1, not {rate}")
        for name, (low, high) in {
            "line_width": self.line_width,
            "lines_per_page": self.lines_per_page,
        }.items():
            if not 0 < low <= high:
                raise ValueError(f"DamageConfig.{name} must be a range (low, high) with 0 < low <= high")
        if not self.separators:
            raise ValueError("DamageConfig.separators needs at least one separator")

    def undamaged(self) -> DamageConfig:
        """The same pages with no word damage: for measuring that repair does no harm.

        Lines still wrap (at spaces only), pages keep their furniture, notes
        and blank-line style, and markers stay superscripts; but no word is
        broken, no ligature, space or accent is lost.

        >>> DamageConfig().undamaged().ligature_documents
        0.0
        """
        return replace(
            self,
            hyphenation=0.0,
            break_at_hyphens=False,
            ligature_documents=0.0,
            italic_glue=0.0,
            marker_space_loss=0.0,
            tight_space_documents=0.0,
            stray_space_documents=0.0,
            plain_marker_documents=0.0,
            accent_documents=0.0,
        )
