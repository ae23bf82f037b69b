"""Character-level damage: mojibake, ligature code points and unmapped glyph codes.

All are rare and each is found by one compiled pattern, so clean text pays
one scan and nothing more.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from emendo.layout.lines import GLYPH_STAND_INS
from emendo.model import Edit
from emendo.words.changes import Changes, TextContext, edited
from emendo.words.lexicon import Lexicon, english, lookup_key
from emendo.words.ligatures import LIGATURE_GLYPH_RE, LIGATURE_GLYPHS
from emendo.words.tokens import LETTER, LIGATURE_SEQUENCES, LOWER

# UTF-8 read as Windows-1252 turns every accented letter into a lead byte
# (Â..ß before one continuation byte, à..ï before two, ð..ô before three)
# followed by continuation bytes, 0x80..0xBF, shown as Latin-1 or as the
# punctuation Windows-1252 puts there.  Nothing else is handed to ftfy, so
# typographic text (``Café’s``) never pays for it.
_CONTINUATION = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_MOJIBAKE_HINT = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)
#: Any lead byte: one character class scans far faster than the alternation above.
_LEAD = re.compile("[\u00c2-\u00f4]")
_CHUNK = re.compile(r"\S+")


#: Characters that take no room on the page and carry no letter, with the
#: reason for taking each out.  PDF extractors copy them from the text layer,
#: and there they split words for search, spelling and the repairs after this
#: one.  Zero-width joiners (U+200C, U+200D) stay: they shape letters in
#: Persian and Indic scripts.
INVISIBLES = {
    "\u00ad": "a soft hyphen inside a line is not drawn",
    "\u200b": "a zero-width space is not drawn",
    "\u2060": "a word joiner is not drawn",
    "\ufeff": "a zero-width no-break space (byte-order mark) is not drawn",
}
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLES) + "]")


def remove_invisibles(text: str, context: TextContext | None = None) -> Changes:
    """Take out characters that are not drawn (soft hyphens, zero-width spaces), each one recorded.

    >>> [(e.start, e.after) for e in remove_invisibles("eco\u00adnomic report\u200b was").edits]
    [(3, ''), (16, '')]
    >>> remove_invisibles("a plain line").edits
    ()
    """
    return Changes(
        tuple(
            Edit(m.start(), m.end(), "", "invisible", INVISIBLES[m.group()])
            for m in _INVISIBLE_RE.finditer(text)
        )
    )


def fix_mojibake(text: str, context: TextContext | None = None) -> Changes:
    """Undo text that was UTF-8 decoded as Windows-1252 or Latin-1 (``Ã©`` → ``é``), word by word.

    Only words that carry the telltale byte pairs go to ``ftfy.fix_encoding``,
    which then decides; typographic quotes and dashes that are meant stay.

    >>> [(e.start, e.end, e.after) for e in fix_mojibake("the Ã©migrÃ© press").edits]
    [(4, 12, 'émigré')]
    >>> fix_mojibake("the émigré press, Café’s").edits
    ()
    >>> [e.after for e in fix_mojibake("donâ€™t").edits]
    ['don’t']
    """
    lead = _LEAD.search(text)
    if lead is None or not _MOJIBAKE_HINT.search(text, lead.start()):
        return Changes()
    import ftfy

    edits = []
    for chunk in _CHUNK.finditer(text):
        word = chunk.group()
        if _MOJIBAKE_HINT.search(word):
            fixed = ftfy.fix_encoding(word)
            if fixed != word:
                edits.append(
                    Edit(
                        chunk.start(),
                        chunk.end(),
                        fixed,
                        "mojibake",
                        "UTF-8 text decoded as Windows-1252",
                        0.95,
                    )
                )
    return Changes(tuple(edits))


# Text set in a Mac Roman font whose PDF says Windows-1252 comes out with its
# punctuation swapped for accented capitals: ’ as Õ, “ ” as Ò Ó, ‘ as Ô, – as Ð,
# — as Ñ, … as É.  Those capitals are real letters elsewhere (Ó in Catalan, Ñ in
# Spanish, É in French), so each is read back only where no language puts it:
# a capital glued to lowercase letters on both sides, between digits, or
# closing a word.  The pairs of quotation marks are read back as pairs.
_MAC_ROMAN_SIGNS = (
    (re.compile(r"(?<=[a-z])Õ(?=(?:s|t|ll|re|ve|d|m)\b)|(?<=[a-z]s)Õ(?=\s)"), "’", "apostrophe"),
    (re.compile(r"(?<![^\s(\[—–])Ò(?=[^\s])"), "“", "opening quotation mark"),
    (re.compile(r"(?<=[a-z0-9.,;:!?’])Ó(?=[\s,.;:!?)\]—–]|$)"), "”", "closing quotation mark"),
    (re.compile(r"(?<![^\s(\[—–“])Ô(?=[^\s])"), "‘", "opening quotation mark"),
    (re.compile(r"(?<=[^\s])Õ(?=[\s,.;:!?)\]—–”]|$)"), "’", "closing quotation mark"),
    (re.compile(r"(?<=\d)Ð(?=\d)"), "–", "en dash"),
    (re.compile(r"(?<=[a-z])Ñ(?=[a-z])|(?<= )Ñ(?= )"), "—", "em dash"),
    (re.compile(r"(?<=[a-z.!?])É(?=\s|$|[”Ó])"), "…", "ellipsis"),
)
_MAC_ROMAN_CHAR = re.compile("[ÒÓÔÕÐÑÉ]")
#: A text shows the swap only where Õ stands for an apostrophe (``donÕt``,
#: ``worldÕs``) or Ò and Ó stand as a pair of quotation marks around words.
_MAC_ROMAN_EVIDENCE = re.compile(r"[a-z]Õ(?:s|t|ll|re|ve|d|m)\b|(?<![^\s(\[])Ò\w[^ÒÓ\n]{0,400}?[a-z.,!?]Ó")


def shows_mac_roman(text: str) -> bool:
    """Whether ``text`` shows Mac Roman punctuation read as Windows-1252 beyond doubt.

    >>> shows_mac_roman("the worldÕs end"), shows_mac_roman("ÓSCAR and 1815Ð60")
    (True, False)
    """
    return _MAC_ROMAN_EVIDENCE.search(text) is not None


def fix_mac_roman(text: str, context: TextContext | None = None) -> Changes:
    """Read back Mac Roman punctuation shown as Windows-1252 capitals (``donÕt`` → ``don’t``).

    Nothing changes unless the document (``context.profile.mac_roman``) or
    the text itself shows the swap beyond doubt (an apostrophe, or a pair of
    quotation marks), so Catalan ``Ó`` and Spanish ``Ñ`` in a clean text stay
    as they are.

    >>> [e.after for e in fix_mac_roman("ÒWe donÕt know,Ó he said; 1815Ð1860 warÑand peaceÉ").edits]
    ['“', '’', '”', '–', '—', '…']
    >>> fix_mac_roman("ÓSCAR and ESPAÑA and the École").edits, fix_mac_roman("ÒSCAR i MARIÓ").edits
    ((), ())
    """
    if _MAC_ROMAN_CHAR.search(text) is None:
        return Changes()  # the common case, told by one scan for a character class
    if not (context is not None and context.profile.mac_roman) and not shows_mac_roman(text):
        return Changes()
    found: dict[int, Edit] = {}
    for pattern, sign, name in _MAC_ROMAN_SIGNS:
        for match in pattern.finditer(text):
            reason = f"Mac Roman {name} read as Windows-1252 '{match.group()}'"
            found.setdefault(match.start(), Edit(match.start(), match.end(), sign, "mojibake", reason, 0.9))
    return Changes(tuple(found[at] for at in sorted(found)))


def expand_ligature_glyphs(text: str, context: TextContext | None = None) -> Changes:
    """Write ligature glyphs out as letters (``ﬁ`` → ``fi``, ``con(cid:12)dence`` → ``confidence``).

    Ligature code points have one reading.  ``(cid:N)`` is what pdfminer and
    pdfplumber write for a glyph the font gives no Unicode for, and ``�``
    (U+FFFD) what other extractors write; in book fonts such a glyph inside a
    word is mostly a ligature: see :func:`read_glyph_codes`.  Others write
    the glyph's raw code, a control character or a spacing accent
    (``di˙erent``): see :func:`read_stand_ins`.

    >>> [(e.start, e.after) for e in expand_ligature_glyphs("o\\ufb03cial").edits]
    [(1, 'ffi')]
    >>> [(e.start, e.after) for e in expand_ligature_glyphs("the ˛elds were ˛rst o\\x0ecial").edits]
    [(4, 'fi'), (15, 'fi'), (21, 'ffi')]
    """
    edits = [
        Edit(m.start(), m.end(), LIGATURE_GLYPHS[m.group()], "ligature", "ligature code point written out")
        for m in LIGATURE_GLYPH_RE.finditer(text)
    ]
    codes = "(cid:" in text or _REPLACEMENT in text or "\x00" in text
    stand_ins = STAND_IN_RE.search(text) is not None
    if codes or stand_ins:
        lexicon = context.profile.lexicon if context is not None else english()
        if codes:
            edits.extend(read_glyph_codes(text, lexicon))
        if stand_ins:
            learned = context.profile.stand_ins if context is not None else learn_stand_ins([text], lexicon)
            edits.extend(read_stand_ins(text, lexicon, learned))
        edits.sort(key=lambda e: e.start)
    return Changes(tuple(edits))


_REPLACEMENT = "\ufffd"
#: An unmapped glyph: pdfminer's ``(cid:N)``, with its number, U+FFFD, or the NUL some extractors write.
_GLYPH_CODE = re.compile(r"\(cid:(\d+)\)|[\ufffd\x00]")
_CODE = f"(?:{_GLYPH_CODE.pattern})"
#: A word with codes in it: letters on at least one side of every run of codes.
_WORD_WITH_CODES = re.compile(rf"(?<![^\W\d_])(?=[^\W\d_]|{_CODE}[^\W\d_])[^\W\d_]*(?:{_CODE}[^\W\d_]*)+")
#: TeX's OT1 font encoding, the one standard layout of unmapped ligature glyphs:
#: the reading of a code when the word it sits in is not in the lexicon.
OT1_LIGATURES = {11: "ff", 12: "fi", 13: "fl", 14: "ffi", 15: "ffl"}
_KNOWN_READING = "unmapped glyph read as the ligature that makes a word"
_OT1_READING = "unmapped glyph read as its ligature in TeX's OT1 encoding"
#: Words with more codes than this are not tried letter by letter (5**3 readings).
_MAX_CODES_PER_WORD = 3
#: The least Zipf of a word the lexicon lists (it keeps two decimals).
_LISTED = 0.01


def read_glyph_codes(text: str, lexicon: Lexicon) -> list[Edit]:
    """Replace each ``(cid:N)`` or ``�`` inside a word by the ligature that makes the word a known word.

    The lexicon decides per word; a word it does not know (a name) takes the
    OT1 reading of its ``(cid:N)`` codes, with less confidence; a code outside
    words, or one neither way can read (a ``�`` in a name), stays as it is.

    >>> from emendo.words.lexicon import encode_index
    >>> lexicon = Lexicon(encode_index([("difficult", 4.5), ("office", 5.0)]))
    >>> [(e.start, e.after) for e in read_glyph_codes("a di(cid:14)cult o(cid:14)ce", lexicon)]
    [(4, 'ffi'), (18, 'ffi')]
    >>> [(e.after, e.confidence) for e in read_glyph_codes("Sche(cid:11)er", lexicon)]
    [('ff', 0.6)]
    >>> [(e.start, e.after) for e in read_glyph_codes("a di\ufffdcult Sche\ufffder", lexicon)]
    [(4, 'ffi')]
    """
    edits: list[Edit] = []
    for word in _WORD_WITH_CODES.finditer(text):
        codes = list(_GLYPH_CODE.finditer(word.group()))
        reading = _known_reading(word.group(), codes, lexicon)
        if reading is not None:
            readings, confidence, reason = reading, 0.95, _KNOWN_READING
        elif all(code.group(1) and int(code.group(1)) in OT1_LIGATURES for code in codes):
            readings = tuple(OT1_LIGATURES[int(code.group(1))] for code in codes)
            confidence, reason = 0.6, _OT1_READING
        else:
            continue
        at = word.start()
        edits.extend(
            Edit(at + code.start(), at + code.end(), letters, "ligature", reason, confidence)
            for code, letters in zip(codes, readings, strict=True)
        )
    return edits


def _known_reading(word: str, codes: list[re.Match[str]], lexicon: Lexicon) -> tuple[str, ...] | None:
    """The ligatures, one per code, that turn ``word`` into its most frequent known reading."""
    if len(codes) > _MAX_CODES_PER_WORD:
        return None
    letters = _GLYPH_CODE.split(word)[::2]  # the letters around the codes (split also yields the numbers)
    best = _commonest_reading(letters, [LIGATURE_SEQUENCES] * len(codes), lexicon, _LISTED)
    return best[1] if best else None


def _commonest_reading(
    letters: Sequence[str], choices: Sequence[Sequence[str]], lexicon: Lexicon, least: float
) -> tuple[float, tuple[str, ...]] | None:
    """``(zipf, readings)`` of the commonest English word, at least ``least`` common, that the
    codes between ``letters`` spell, each read as one of its ``choices``.

    >>> _commonest_reading(["di", "cult"], [LIGATURE_SEQUENCES], english(), _LISTED)[1]
    ('ffi',)
    """
    best: tuple[float, tuple[str, ...]] | None = None
    for readings in itertools.product(*choices):
        zipf = lexicon.zipf(lookup_key(_spelled(letters, readings)))
        if zipf >= least and (best is None or zipf > best[0]):
            best = (zipf, readings)
    return best


def _spelled(letters: Sequence[str], readings: Sequence[str]) -> str:
    """The word ``letters`` make with ``readings`` put between them, in order."""
    return letters[0] + "".join(reading + after for reading, after in zip(readings, letters[1:], strict=True))


# A font that maps its ligature glyphs to no letters leaves the extractor its
# raw glyph codes.  TeX fonts put ff, fi, fl, ffi, ffl at 11-15 (OT1) or 27-31
# (T1), which come out as control characters; PDFDocEncoding shows 24-31 as the
# spacing accents ˘ ˇ ˆ ˙ ˝ ˛ ˚ ˜, so other extractors write ``di˙erent``.
# Which accent stands for which ligature differs from font to font (``˛elds``,
# ``a˚er``, ``˜is`` in one book), so the document's own words tell: a stand-in
# is read as the ligature that makes the words it sits in English words.
TEX_LIGATURES = {chr(code + shift): letters for shift in (0, 16) for code, letters in OT1_LIGATURES.items()}
STAND_INS = GLYPH_STAND_INS  # TeX's codes, then the accents
assert set(TEX_LIGATURES) <= set(STAND_INS)
#: What a stand-in may be read as: the f-ligatures and ``ft``, which book fonts
#: commonly have, and the rarer ones of fonts that have more ...
COMMON_READINGS = (*LIGATURE_SEQUENCES, "ft")
STAND_IN_READINGS = (*COMMON_READINGS, "th", "st", "ct")
_STAND_IN = f"[{STAND_INS}]"
STAND_IN_RE = re.compile(_STAND_IN)
#: A word with stand-ins in it: each stand-in has a letter before it or a
#: lowercase letter after it (``o\x0b``, ``˛elds``), so a code between spaces
#: or before a capital (a word processor's line break) is none.
_WORD_WITH_STAND_INS = re.compile(
    rf"(?<!{LETTER})(?:{LETTER}|{_STAND_IN}(?={LOWER}))(?:{LETTER}|(?<={LETTER}){_STAND_IN}|{_STAND_IN}(?={LOWER}))*"
)
_LETTER_BEFORE = re.compile(rf"(?:{LETTER}|{_STAND_IN})+$")
#: How far back from a stand-in the start of its word is looked for.
_LONGEST_WORD = 40


def _words_with_stand_ins(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` that hold a stand-in, found from the stand-ins, which are rare.

    >>> [m.group() for m in _words_with_stand_ins("the ˛elds of S˜ao and o\\x0b ˜ A\\x0bB")]
    ['˛elds', 'S˜ao', 'o\\x0b', 'A\\x0bB']
    """
    end = 0
    for code in STAND_IN_RE.finditer(text):
        if code.start() < end:
            continue  # a later stand-in of a word already found
        before = _LETTER_BEFORE.search(text, max(end, code.start() - _LONGEST_WORD), code.start())
        word = _WORD_WITH_STAND_INS.match(text, before.start() if before else code.start())
        if word is not None and word.end() > code.start():
            end = word.end()
            yield word


#: A reading must make a word at least this common to count: to teach the
#: document a stand-in's reading, or to read one other than the document's
#: (``a˚er``, ``ba˜ed``, or an accent the document never showed standing in).
_OTHER_READING_ZIPF = 3.0
#: A stand-in is learned for a document once this many distinct words agree on its reading.
_STAND_IN_AGREEMENT = 2
#: Words with more stand-ins than this are read by the document's readings alone.
_MAX_STAND_INS_TRIED = 2


def learn_stand_ins(texts: Iterable[str], lexicon: Lexicon) -> dict[str, str]:
    """The reading of each stand-in that the document's words agree on (``{'˛': 'fi'}``).

    A stand-in's reading in one word is the one that makes the most common
    English word of it (a TeX code has only its encoding's); two distinct
    words at least must agree, and more than half of those that decide.  A
    real tilde (``S˜ao``) makes no English word.

    >>> from emendo.words.lexicon import encode_index
    >>> lexicon = Lexicon(encode_index([("fields", 4.8), ("first", 6.0), ("the", 7.7), ("different", 5.6)]))
    >>> learn_stand_ins(["the ˛elds and the ˛rst", "˜e di˜erent S˜ao"], lexicon)
    {'˛': 'fi'}
    """
    votes: dict[str, Counter[str]] = {}
    seen: set[str] = set()
    for text in texts:
        for word in _words_with_stand_ins(text):
            found = word.group()
            codes = STAND_IN_RE.findall(found)
            if len(codes) != 1 or found in seen:
                continue
            seen.add(found)
            best = _best_reading(found, STAND_IN_READINGS, lexicon)
            if best is not None:
                votes.setdefault(codes[0], Counter())[best[1][0]] += 1
    learned = {}
    for code, readings in votes.items():
        reading, count = readings.most_common(1)[0]
        if count >= _STAND_IN_AGREEMENT and count * 2 > readings.total():
            learned[code] = reading
    return learned


def read_stand_ins(text: str, lexicon: Lexicon, learned: Mapping[str, str]) -> list[Edit]:
    """Edits that write each stand-in of ``text`` as the ligature it stands for.

    A word takes the document's reading of its stand-ins (``learned``; a TeX
    code's is its encoding's) if that makes an English word, else another
    reading that makes a common one (``˜`` is ``th`` in ``˜e`` but ``ff``
    in ``di˜erent``), else, as a name, the document's reading with less
    confidence (a TeX code only where the document shows TeX codes at all).
    An accent the document never showed standing in is read only where one
    of :data:`COMMON_READINGS` makes a common word of it; otherwise it stays, for
    :mod:`emendo.words.diacritics` to put back on its letter.

    >>> from emendo.words.lexicon import encode_index
    >>> zipfs = [("effect", 5.0), ("the", 7.7), ("flank", 3.3), ("thank", 5.0), ("different", 5.6)]
    >>> lexicon = Lexicon(encode_index(zipfs))
    >>> text = "the e\\x0bect of ˜e di˜erent Sche\\x0ber ˛ank"
    >>> learned = {"˜": "th", "\\x0b": "ff", "˛": "fl"}
    >>> [(e.start, e.after, e.confidence) for e in read_stand_ins(text, lexicon, learned)]
    [(5, 'ff', 0.95), (13, 'th', 0.95), (18, 'ff', 0.9), (29, 'ff', 0.6), (33, 'fl', 0.95)]
    >>> read_stand_ins("Sche\\x0ber and Ma˜o", lexicon, {})
    []
    """
    tex_document = any(code in TEX_LIGATURES for code in learned)
    edits: list[Edit] = []
    for word in _words_with_stand_ins(text):
        found = word.group()
        stand_ins = list(STAND_IN_RE.finditer(found))
        if not stand_ins:
            continue
        own = tuple(TEX_LIGATURES.get(m.group()) or learned.get(m.group(), "") for m in stand_ins)
        if all(own) and lexicon.zipf(lookup_key(_spelled(STAND_IN_RE.split(found), own))) > 0:
            readings, confidence, reason = own, 0.95, _KNOWN_STAND_IN
        elif other := _best_reading(found, STAND_IN_READINGS if all(own) else COMMON_READINGS, lexicon):
            readings, confidence, reason = other[1], 0.9, _KNOWN_STAND_IN
        elif all(own) and (tex_document or stand_ins[0].group() not in TEX_LIGATURES):
            tex = stand_ins[0].group() in TEX_LIGATURES
            readings, confidence, reason = (
                own,
                0.6 if tex else 0.7,
                _TEX_STAND_IN if tex else _LEARNED_STAND_IN,
            )
        else:
            continue
        at = word.start()
        edits.extend(
            Edit(at + m.start(), at + m.end(), letters, "ligature", reason.format(m.group()), confidence)
            for m, letters in zip(stand_ins, readings, strict=True)
        )
    return edits


_KNOWN_STAND_IN = "{!r} stands for the ligature that makes the word an English word"
_LEARNED_STAND_IN = "{!r} stands for this ligature throughout the document"
_TEX_STAND_IN = "{!r} is this ligature's code in TeX's font encoding"


def _best_reading(
    word: str, readings: Sequence[str], lexicon: Lexicon
) -> tuple[float, tuple[str, ...]] | None:
    """``(zipf, readings)``: the stand-ins of ``word`` read so as to make the most common English
    word, at least :data:`_OTHER_READING_ZIPF`; a TeX code is read only as its encoding's ligature.
    """
    codes = STAND_IN_RE.findall(word)
    if len(codes) > _MAX_STAND_INS_TRIED:
        return None
    choices = [(TEX_LIGATURES[code],) if code in TEX_LIGATURES else readings for code in codes]
    return _commonest_reading(STAND_IN_RE.split(word), choices, lexicon, _OTHER_READING_ZIPF)


def stand_ins_read(text: str, lexicon: Lexicon, learned: Mapping[str, str]) -> str:
    """``text`` with its stand-ins read as :func:`read_stand_ins` reads them: the words a profile counts.

    >>> stand_ins_read("an e\\x0bect", english(), {})
    'an effect'
    """
    return edited(text, read_stand_ins(text, lexicon, learned))
