"""Lost spaces: ``newspaperPravdato`` → ``newspaper Pravda to``, ``Fischer,Russia’s`` → ``Fischer, Russia’s``.

PDF text extraction loses the space where the font changes, so an italic
title is glued to its neighbours, and where a footnote marker stood
(``flexible.³Five`` becomes ``flexible.Five`` once the marker is taken out).
Such a *seam* shows as a lowercase letter meeting a capital, or punctuation
meeting a letter, with no space between.

Each seam is judged on its own words, never on a list of known glued forms:

- a lowercase word glued to a capitalised run (``thatPravdadenounce``): the
  run is cut into a name and the lowercase word that follows it, the name
  chosen by what the document says of it (it stands whole elsewhere, or
  several glued runs agree on it: ``Pravdato`` and ``Pravdadenounce`` both
  begin with ``Pravda`` followed by a word) and then by the lexicon;
- punctuation glued to the next word: ``,Russia’s``, ``.”Europe``,
  ``1941(New``, ``gg.(Moscow``, ``(2)Lorenzo``, ``.Five`` after a marker,
  ``Stor.iii.``, ``Epist.112``, ``i.e.mouths``;
- words glued with no capital to show the seam (``andwhen``, ``amêléea``,
  ``coursedirected``, ``withscelleratezza``, a name the document shows
  whole glued to the word after it: ``Cremonain``), cut where the cut is
  far likelier than the token (:mod:`emendo.words.segment`).

Real words are never split: a camel-cased word English knows (``iPhone``,
``McDonald``), a word whose left part is not a word (``McX``), initials and
abbreviations (``U.S.``, ``e.g.``, ``Ph.D``), numbers (``1.5``, ``S.9.4.5``),
web addresses.

Where a span lost its spaces at both ends (``newspaper|Pravda|to``,
``Fischer,|Russia’s Road ... 1941|(New York``) it was set in italics, and is
marked so.  A title that lost a space at one end only is marked when the
other end is clear from citation form: after a closing quote (an article's
title) up to the comma, number or parenthesis that follows a journal's name;
after its author's comma or an abbreviation (``Baumann,Staatslehre``,
``E.g.Discorsi``) up to the comma, parenthesis, number or imprint that ends
a cited title, or the next lost space.  An extractor that glues ordinary
words together shows no italics that way, and none are marked.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from emendo.model import Edit
from emendo.words.changes import Changes, TextContext
from emendo.words.lexicon import lookup_key
from emendo.words.ligatures import FUNCTION_WORDS, is_foreign, neighbours, prose_zipf, surroundings
from emendo.words.segment import NAME_GLUE
from emendo.words.splits import is_split_half
from emendo.words.tokens import LETTER, LOWER, UPPER, occurrences, split_camel, word_set

if TYPE_CHECKING:
    from emendo.words.profile import DocumentProfile

# Patterns that start with the character they look for scan fast (one
# pattern each: an alternation of them scans ten times slower); the seam is at
# the end of a punctuation match and just before a parenthesis.
_CAMEL_SEAM = re.compile(rf"{LOWER}{UPPER}")
_WORD_AROUND = re.compile(rf"(?:{LETTER}|['’](?={LETTER}))*")
_PUNCTUATION_SEAMS = (
    ("quote", re.compile(rf"[”’](?:(?<=”)|(?<=[,.;:!?]’))(?={LETTER})")),
    ("stop", re.compile(rf"[.!?][’\")\]]?(?=[“\"‘]?{UPPER})")),
    ("exclamation", re.compile(rf"[!?](?={LOWER})")),
    ("abbreviation", re.compile(rf"\.(?={LOWER}{{1,5}}[.,;:)]|{LOWER}{{2,}}|p\s|\d)")),
    ("comma", re.compile(r"[,;:](?![\u00b2\u00b3\u00b9\u2070-\u2079])(?=[“‘]?[^\W_])")),  # ,¹² is a marker
    ("paren", re.compile(r"\((?![^\W_]{1,3}\))(?=[^\W_])")),
    ("close_paren", re.compile(rf"\)(?={UPPER}{LOWER})")),
)
_NO_SPACE_BEFORE_PARENTHESIS = frozenset(" \t\n([{/-–—")
#: Name particles that a capital follows inside one name.
NAME_PARTICLES = word_set("mc mac de di da du la le van von der den del della st fitz al el ben ibn")
_COMMON_WORD_ZIPF = 4.5
#: A lowercase word this long is a word a name can be glued to from this Zipf
#: on, below the reader's ``known_zipf``: no name or fragment is that long and listed.
_LONG_WORD, _LONG_WORD_ZIPF = 6, 2.5
#: A camel-case token seen this often is a name (``FitzGerald``), not glue.
_NAME_REPEATS = 3
_ROMAN = re.compile(r"[IVXLC]+")
_URL = re.compile(r"://|www\.|@|\.(?:com|org|net|edu|gov|int|info|io)\b", re.IGNORECASE)
_URL_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "doi", "urn", "isbn", "issn", "file"})
_CONTRACTIONS = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})
_SENTENCE_END = re.compile(r"[.!?][”’\"]?\s")
_TITLE_END = re.compile(r",\s*\d|\s*\(|\s\d")
#: Where a title glued to its author's name ends (``Fischer,Russia’s Road, 230``):
#: at a comma, a parenthesis, a number (``Biogr. ii. 196``), or the full stop
#: before an imprint's place and year (``Baumann,Staatslehre. Leipzig, 1873``).
_CITED_TITLE_END = re.compile(
    r",|\s*\(|\)|\s\d|\s[ivxlc]+\.|\.(?=\s+[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)?,? 1[4-9]\d\d\b)"
)
#: A sentence ends inside a cited title where a lowercase word's full stop is
#: followed by a capital; a capitalised word's full stop closes an abbreviation
#: (``Hist. de Rép. Italiennes``, ``Archiv. Stor.``, ``Patav. Antiqu.``).
_TITLE_SENTENCE_END = re.compile(r"(?<![^\W\d_])[a-z]{2,}[.!?][”’\"]?\s+(?=[“\"‘]?[A-Z])")
#: A full stop glued to a capital after an abbreviation opens an italic title
#: (``E.g.Discorsi``, ``Comp.Diario Ferrarese``, ``Sylv.Comment.``): a capital
#: and at most four letters more, or a chain of single letters.
_ABBREVIATION_BEFORE = re.compile(r"(?<![^\W\d_])(?:[A-Z][^\W\d_]{0,4}|(?:[^\W\d_]\.)+[^\W\d_])\.$")
#: A name glued after a lowercase word that goes on as a title: an abbreviation or another capitalised word.
_TITLE_GOES_ON = re.compile(r"\.? [A-Z]")
_MAX_TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Seam:
    """A place where a space was lost: insert one at ``at``.

    ``italic`` says what the seam shows of italics: ``"open"`` (an italic
    span starts here), ``"close"`` (one ends here) or ``""``.
    """

    at: int
    confidence: float
    reason: str
    italic: str = ""


def restore_spaces(text: str, context: TextContext) -> Changes:
    """Insert the spaces lost at seams and mark the italic spans they reveal.

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> profile = learn_profile([Page(0, "the newspaperPravdato and thatPravdadenounce")], WordsConfig())
    >>> text = "the party newspaperPravdato condemn"
    >>> changes = restore_spaces(text, TextContext(profile))
    >>> [e.start for e in changes.edits], [text[a:b] for a, b in changes.italics]
    ([19, 25], ['Pravda'])
    """
    seams: dict[int, Seam] = {}
    names: list[tuple[int, int]] = []
    for at in context.note_refs:
        seam = marker_seam(text, at)
        if seam is not None:
            seams[at] = seam
    token_end = 0
    for camel in _CAMEL_SEAM.finditer(text):
        if camel.start() < token_end:
            continue  # a later seam of a token already judged
        start, token_end = _token_bounds(text, camel.start() + 1)
        if _in_address(text, start):
            continue
        found, spans = camel_seams(text[start:token_end], context.profile, text.startswith(".", token_end))
        for seam in found:
            seams.setdefault(start + seam.at, _moved(seam, start))
        names.extend((start + a, start + b) for a, b in spans)
        if spans and spans[-1][1] == token_end - start and found[-1].italic == "open":
            closing = title_close(text, token_end, context.profile)
            if closing is not None:
                seams.setdefault(closing.at, closing)
                names[-1] = (names[-1][0], closing.at)
    for token, cuts in context.profile.segmentations_in(text).items():
        bounds = (0, *cuts, len(token))
        words = [token[a:b] for a, b in itertools.pairwise(bounds)]
        for start in occurrences(text, token):
            end = start + len(token)
            if is_split_half(text, start, end, context.profile):
                continue  # ``hon ourable``: a stray space split it, nothing glued it (``our|able``)
            if is_foreign(surroundings(text, start, end), context.profile.zipf) and not _english_goes_on(
                text, start, end, words[-1], context.profile
            ):
                continue  # ``urbanis`` in a Latin quotation is one word
            for cut in cuts:
                reason = f"space lost between glued words: '{' '.join(words)}'"
                seams.setdefault(start + cut, Seam(start + cut, 0.8, reason))
            if len(cuts) == 2:
                names.append((start + cuts[0], start + cuts[1]))
                seams[start + cuts[0]] = Seam(start + cuts[0], 0.8, seams[start + cuts[0]].reason, "open")
                seams[start + cuts[1]] = Seam(start + cuts[1], 0.8, seams[start + cuts[1]].reason, "close")
    for kind, pattern in _PUNCTUATION_SEAMS:
        for match in pattern.finditer(text):
            at = match.start() if kind == "paren" else match.end()
            if at in seams or _in_address(text, at):
                continue
            if kind == "paren" and (at == 0 or text[at - 1] in _NO_SPACE_BEFORE_PARENTHESIS):
                continue
            seam = punctuation_seam(text, at, kind)
            if seam is not None and seam.italic and context.profile.tight_lines:
                seam = replace(seam, italic="")  # an extractor that glues any words shows no italics
            if seam is not None:
                seams[at] = seam
    ordered = sorted(seams.values(), key=lambda s: s.at)
    if "(cid:" in text:
        ordered = [seam for seam in ordered if not _at_glyph_code(text, seam.at)]
    edits = tuple(Edit(s.at, s.at, " ", "space", s.reason, s.confidence) for s in ordered)
    return Changes(edits, tuple(italic_spans(text, ordered, names)))


def _english_goes_on(text: str, start: int, end: int, last: str, profile: DocumentProfile) -> bool:
    """Whether a cut's last word is English glue and English goes on after the token.

    Then the foreign words before it were a title or a name, and the glued
    token its end: ``anonymi Galli Calumnias|of the year``, ``Cronaca di Cremona|in the``.
    """
    if lookup_key(last) not in NAME_GLUE:
        return False
    word = neighbours(text, start, end).following
    return word is not None and (word in FUNCTION_WORDS or profile.zipf(word) >= _COMMON_WORD_ZIPF)


def _token_bounds(text: str, seam: int) -> tuple[int, int]:
    """Start and end of the word (letters and inner apostrophes) around a camel-case seam."""
    start = seam
    while start > 0 and (
        text[start - 1].isalpha() or (text[start - 1] in "'’" and text[start - 2 : start - 1].isalpha())
    ):
        start -= 1
    found = _WORD_AROUND.match(text, seam)
    return start, found.end() if found else seam


def _moved(seam: Seam, offset: int) -> Seam:
    return Seam(seam.at + offset, seam.confidence, seam.reason, seam.italic)


def marker_seam(text: str, at: int) -> Seam | None:
    """The space lost where a footnote marker was taken out (``flexible.|Five``), if one was.

    >>> marker_seam("more flexible.Five days", 14).reason
    'space lost where a footnote marker was taken out'
    >>> marker_seam("the time. In", 9) is None
    True
    """
    if not 0 < at < len(text) or text[at - 1].isspace():
        return None
    following = text[at]
    if following.isalnum() or following in '“‘("':
        return Seam(at, 0.95, "space lost where a footnote marker was taken out")
    return None


def camel_seams(
    token: str, profile: DocumentProfile, abbreviated: bool = False
) -> tuple[list[Seam], list[tuple[int, int]]]:
    """The seams inside one letter run with a lowercase letter before a capital, and its names.

    Returns the seams (offsets in ``token``) and the spans of the capitalised
    names that were glued in.  ``abbreviated`` says a full stop follows the
    token: its last run is then an abbreviation (``theAllgem.``), never cut.

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> profile = learn_profile([Page(0, "inIzvestiiacritical, newspaperIzvestiiado")], WordsConfig())
    >>> seams, names = camel_seams("inIzvestiiacritical", profile)
    >>> [s.at for s in seams], names
    ([2, 11], [(2, 11)])
    >>> camel_seams("McDonald", profile), camel_seams("iPhone", profile)
    (([], []), ([], []))
    """
    if profile.zipf(token) >= profile.config.known_zipf or profile.count(token):
        return [], []
    if token[0].isupper() and profile.vocabulary.camel[token] >= _NAME_REPEATS:
        return [], []  # a name written in camel case (glue after a lowercase word may recur too)
    parts = split_camel(token)
    seams: list[Seam] = []
    names: list[tuple[int, int]] = []
    offset = len(parts[0])
    left = parts[0]
    for index, part in enumerate(parts[1:], start=1):
        if not _glued_left(left, profile):
            offset += len(part)
            left = part
            continue
        seams.append(Seam(offset, 0.9, f"space lost between '{left}' and the capitalised '{part}'", "open"))
        last = index == len(parts) - 1
        cut = None if last and abbreviated else name_cut(part, profile, last)
        if cut is None:
            names.append((offset, offset + len(part)))
            left = part
        else:
            name, rest = part[:cut], part[cut:]
            confidence = 0.9 if _name_is_known(name, profile) else 0.7
            seams.append(
                Seam(offset + cut, confidence, f"space lost between the name '{name}' and '{rest}'", "close")
            )
            names.append((offset, offset + cut))
            left = rest
        offset += len(part)
    return seams, names


#: The words after a title's first word: capitalised, or small words of a title.
_TITLE_WORD = re.compile(
    r"\s+(?:(?P<word>[A-Z][^\W\d_]*)|(?:of|the|and|for|in|de|der|die|des|la|le|di|del)\b)"
)
#: How many words on a glued title may run before its end is glued to a word.
_TITLE_REACH = 4
#: The fewest letters on either side of a cut in a title's last word.
_MIN_TITLE_PART = 4


def title_close(text: str, at: int, profile: DocumentProfile) -> Seam | None:
    """The seam that ends an italic title that glue opened and ``at`` leaves open.

    ``newspaperBaltische Zeitungreported``: the title's later words follow;
    the first that is no word on its own is cut, as :func:`name_cut` cuts a
    glued run, into a name the document or lexicon vouches for and an
    English word.

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> profile = learn_profile([Page(0, "the newspaperBaltische Zeitungreported it")], WordsConfig())
    >>> text = "newspaperBaltische Zeitungreported it"
    >>> text[title_close(text, 18, profile).at:]
    'reported it'
    """
    position = at
    for _ in range(_TITLE_REACH):
        word = _TITLE_WORD.match(text, position)
        if word is None:
            return None
        position = word.end()
        name = word.group("word")
        if name is None or profile.count(name) > 1 or profile.zipf(name) >= profile.config.known_zipf:
            continue  # a small word, or a word the document or English knows whole
        cut = _title_word_cut(name, profile)
        if cut is not None:
            reason = f"space lost between the title word '{name[:cut]}' and '{name[cut:]}'"
            return Seam(word.start("word") + cut, 0.7, reason, "close")
        if not text[position : position + 1].isspace():
            return None
    return None


def _title_word_cut(word: str, profile: DocumentProfile) -> int | None:
    """Where a title's last word meets the common English word glued to it (``Zeitung|reported``).

    Foreign titles end in English-looking syllables all the time
    (``Sto|rico``, ``Com|media``, ``Illust|res``), so both sides must be
    long and the English word common; the name must be one the document or
    lexicon vouches for.

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> profile = learn_profile([Page(0, "the Zeitungreported and the Storico")], WordsConfig())
    >>> _title_word_cut("Zeitungreported", profile), _title_word_cut("Storico", profile)
    (7, None)
    """
    best: tuple[float, int] | None = None
    for cut in range(_MIN_TITLE_PART, len(word) - _MIN_TITLE_PART + 1):
        rest = word[cut:]
        zipf = profile.zipf(rest)
        if rest.islower() and zipf >= _COMMON_WORD_ZIPF and (best is None or zipf > best[0]):
            best = (zipf, cut)
    if best is None or not _name_is_known(word[: best[1]], profile):
        return None
    return best[1]


def _glued_left(left: str, profile: DocumentProfile) -> bool:
    """Whether ``left`` is a word that a capitalised name can have been glued to.

    A lowercase word English knows (``newspaper``, ``in``; a long one even if
    rare, ``instructive``), or a
    capitalised one of four letters or more (``MacchiavelliVirtù``) or a
    common word (``SeeHistory``), but never a name particle (``McDonald``,
    ``DeVries``) nor a single letter (``iPhone``).  Names that are written in camel case recur whole
    in the document and are left alone before this is asked.
    """
    if len(left) < 2:
        return False
    if left[0].islower():
        rare_but_long = len(left) >= _LONG_WORD and profile.zipf(left) >= _LONG_WORD_ZIPF  # instructive
        return left.isalpha() and (profile.is_english(left) or rare_but_long or profile.count(left) > 0)
    if not left[1:].islower() or left.lower() in NAME_PARTICLES:
        return False
    return len(left) >= 4 or profile.zipf(left) >= _COMMON_WORD_ZIPF


def _name_is_known(name: str, profile: DocumentProfile) -> bool:
    """Whether the document or the lexicon vouch for ``name`` as a word of its own."""
    return _vouchers(name, profile)[1]


#: A foreign word (German, Spanish, French, Italian) at least this common, and
#: this long, vouches for itself as the name of an italic title (``Coltivazione``).
_FOREIGN_NAME_ZIPF, _FOREIGN_NAME_LENGTH = 2.0, 4


def _vouchers(name: str, profile: DocumentProfile) -> tuple[bool, bool, int]:
    """Who vouches for ``name``: the document (it stands whole, or glued runs agree on it), the
    document or a lexicon, and how many glued runs agree on it."""
    whole, support, zipf = profile.name_evidence(name)
    seen = whole > 0 or support >= profile.config.min_name_support
    known = seen or zipf >= 1.5
    if not known and len(name) >= _FOREIGN_NAME_LENGTH:
        known = profile.foreign_zipf(name) >= _FOREIGN_NAME_ZIPF
    return seen, known, support


#: A word of this many letters or fewer after a name only the lexicon knows is
#: more often a foreign word's ending than an English word (``aca``, ``ico``).
_SHORT_REST = 3


def name_cut(part: str, profile: DocumentProfile, last: bool) -> int | None:
    """Where a capitalised run glued to its right neighbour splits into name and word.

    ``Pravdato`` → 6 (``Pravda`` | ``to``); None when the run is a name as it
    stands (``Russia’s``) or no cut leaves a word after it.  Among the cuts
    that leave an English word, the name the document or lexicon vouches for
    wins, then the name more glued runs agree on, then the commoner word.
    A run that ends the token (``last``) is cut only after a name so vouched
    for: an unknown foreign title ends in English-looking syllables too often
    (``Tratta|to``, ``Historisc|her``); where only the lexicon vouches for the
    name, a short word after it must be a common one (``Cron|aca`` stays ``Cronaca``).
    """
    if last and (_name_is_known(part, profile) or profile.is_english(part)):
        return None
    best: tuple[tuple[bool, int, float], int] | None = None
    for cut in range(2, len(part) - 1):
        name, rest = part[:cut], part[cut:]
        if not (rest.isalpha() and rest.islower()):
            continue
        rest_zipf = prose_zipf(rest.lower(), profile.english_zipf(rest))
        if rest_zipf < profile.config.known_zipf:
            continue
        seen, known, support = _vouchers(name, profile)
        sturdy = rest_zipf >= _COMMON_WORD_ZIPF or len(rest) > _SHORT_REST
        if last and not (known and (sturdy or seen)):
            continue
        key = (known, support, rest_zipf)
        if best is None or key > best[0]:
            best = (key, cut)
    return best[1] if best else None


def punctuation_seam(text: str, at: int, kind: str) -> Seam | None:
    """Judge a space lost after punctuation (``kind`` from the seam pattern's group names).

    >>> punctuation_seam("Fischer,Russia’s", 8, "comma").italic
    'open'
    >>> punctuation_seam("U.S.Army and U.S", 4, "stop").reason
    'space lost after a full stop'
    >>> [punctuation_seam(t, a, "stop") for t, a in [("Ph.D", 3), ("U.S", 2)]]
    [None, None]
    >>> [punctuation_seam(t, a, "stop").italic for t, a in [("E.g.Discorsi", 4), ("time.The war", 5)]]
    ['open', '']
    >>> punctuation_seam("1941(New York", 4, "paren").italic
    'close'
    >>> punctuation_seam("Villani, V.(Murat. xiii)", 11, "paren").reason
    'space lost before a parenthesis'
    >>> punctuation_seam("Stor.iii. 12", 5, "abbreviation").reason
    'space lost after an abbreviation'
    >>> punctuation_seam("e.g. 12", 2, "abbreviation") is None
    True
    >>> punctuation_seam("(2)Lorenzo", 3, "close_paren").reason
    'space lost after a closing parenthesis'
    >>> punctuation_seam("f(x)Then", 4, "close_paren") is None
    True
    """
    before, after = _word_before(text, at), _word_after(text, at)
    if kind == "stop":
        if len(after) < 2 and text[at + len(after) : at + len(after) + 1] in (".", ""):
            return None  # U.S, Ph.D: one more letter of an abbreviation
        opens = "open" if _ABBREVIATION_BEFORE.search(text, max(0, at - 8), at) else ""
        return Seam(at, 0.9, "space lost after a full stop", opens)
    if kind == "exclamation":
        return Seam(at, 0.85, f"space lost after '{text[at - 1]}'") if len(before) >= 2 else None
    if kind == "abbreviation":
        return _abbreviation_seam(text, at, before, after)
    if kind == "quote":
        if text[at - 2 : at - 1].isdigit() or after.lower() in _CONTRACTIONS:
            return None
        return Seam(at, 0.9, "space lost after a closing quote", "open")
    if kind == "comma":
        if text[at - 1] == ":" and (before.lower() in _URL_SCHEMES or not before):
            return None
        if len(before) <= 1 and len(after) <= 1:
            return None  # x,y
        if text[at - 2 : at - 1].isdigit() and text[at : at + 1].isdigit():
            return None  # 1,000
        return Seam(at, 0.85, f"space lost after '{text[at - 1]}'", "open" if text[at - 1] == "," else "")
    if kind == "paren":
        if len(before) == 1 and before.isalpha() and text[at - 1] == before:
            return None  # f(x); but not ``V.(Murat.``, an abbreviation's full stop
        return Seam(at, 0.85, "space lost before a parenthesis", "close")
    if kind == "close_paren":
        opening = text.rfind("(", max(0, at - 40), at)
        if opening > 0 and text[opening - 1].isalnum():
            return None  # f(x)Then, Smith(s)Who: notation, not a lost space
        return Seam(at, 0.85, "space lost after a closing parenthesis")
    return None


#: An abbreviation of single letters (``e.g.``, ``i.e.``) and the lowercase word glued after it.
_LETTER_CHAIN = re.compile(rf"(?<![^\W\d_])(?:{LETTER}\.)+$")
#: A name that goes on past the word after the full stop: a module, a file, an address.
_IDENTIFIER_GOES_ON = re.compile(r"[./_@\\][^\W_]")


def _abbreviation_seam(text: str, at: int, before: str, after: str) -> Seam | None:
    """Judge a full stop glued to a lowercase word or a number: ``Stor.iii.``, ``Epist.112``, ``i.e.mouths``.

    The word before must be two letters or more (``ibid``, ``ii``), or end a
    chain of single letters (``e.g.``); a lone letter before (``S.9``,
    ``a.m``), a number before (``1.5``) or a word that goes on past another
    dot or slash (``os.path.join``, ``index.html/``) is no lost space.

    >>> [_abbreviation_seam(t, a, b, c) is not None for t, a, b, c in [
    ...     ("Epist.112", 6, "Epist", ""), ("i.e.mouths", 4, "e", "mouths"),
    ...     ("S.9.4", 2, "S", ""), ("1.5", 2, "1", ""), ("os.path.join", 3, "os", "path"),
    ...     ("Acciajuoli.Ib.192", 14, "Ib", ""), ("U.S.Ib.9", 7, "Ib", ""),
    ...     ("os.path.join", 8, "path", "join")]]
    [True, True, False, False, False, True, False, False]
    """
    if _IDENTIFIER_GOES_ON.match(text, at + len(after)) and after:
        return None
    start = at - 1 - len(before)  # where the word before the full stop begins
    if text[at : at + 1].isdigit():
        if len(before) < 2 or not before.isalpha() or _LETTER_CHAIN.search(text, max(0, start - 4), start):
            return None  # 1.5, S.9, U.S.9: numbers and chains of letters
        return Seam(at, 0.8, "space lost after an abbreviation")
    if len(after) < 2 and text[at + 1 : at + 2] not in (".", ",", ";", ":", ")"):
        return None
    dotted = text[start - 1 : start] == "." and text[start - 2 : start - 1].islower()
    if len(before) > 1 and before.islower() and dotted:
        return None  # os.path.join: a lowercase name in parts (``Pii II.Comment.i.`` is a citation)
    roman = _ROMAN.fullmatch(before) is not None
    letters = _LETTER_CHAIN.search(text, max(0, at - 12), at) if len(before) == 1 else None
    chain = letters is not None and len(letters.group()) >= 4 and len(after) >= 2  # e.g.in, not x.in
    if not (roman or chain) and (len(before) < 2 or not before.isalpha()):
        return None  # a.m., x.y: single letters
    return Seam(at, 0.8, "space lost after an abbreviation")


_GLYPH_CODE = re.compile(r"\(cid:\d+\)")


def _at_glyph_code(text: str, at: int) -> bool:
    """Whether ``at`` is at or inside an unmapped glyph (``con(cid:12)dence``), which is part of its word.

    >>> [_at_glyph_code("con(cid:12)dence", at) for at in (3, 11, 12)], _at_glyph_code("a (b)", 2)
    ([True, True, False], False)
    """
    codes = _GLYPH_CODE.finditer(text, max(0, at - 12), at + 12)
    return any(code.start() <= at <= code.end() for code in codes)


def _word_before(text: str, at: int) -> str:
    """The letters or digits just before the punctuation that ends at ``at``."""
    end = at
    while end > 0 and not text[end - 1].isalnum() and not text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


def _word_after(text: str, at: int) -> str:
    found = re.match(rf"[“\"‘(]*({LETTER}*)", text[at : at + 40])
    return found.group(1) if found else ""


def _in_address(text: str, at: int) -> bool:
    """Whether position ``at`` lies in a web or mail address."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    end = len(text)
    for space in (" ", "\n"):
        found = text.find(space, at)
        if found != -1:
            end = min(end, found)
    return bool(_URL.search(text, start, end))


def italic_spans(text: str, seams: list[Seam], names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The italic spans that seams reveal (see the module docstring).

    An opening seam pairs with the next closing one in the same sentence;
    an unpaired camel-case name is italic alone; an unpaired opening after a
    closing quote runs to the end of the title; an unpaired closing one
    reaches back to the closing quote before it.

    >>> text = "Fischer,Russia’s Road: Relations 1917–1941(New York"
    >>> seams = [Seam(8, 1, "", "open"), Seam(42, 1, "", "close")]
    >>> [text[a:b] for a, b in italic_spans(text, seams, [])]
    ['Russia’s Road: Relations 1917–1941']
    """
    spans: list[tuple[int, int]] = []
    pending: Seam | None = None
    for seam in seams:
        if pending is not None and seam.italic != "close":
            spans.extend(_unpaired_open(text, pending, names, seam.at))
            pending = None
        if seam.italic == "open":
            pending = seam
        elif seam.italic == "close":
            if pending is not None and not _SENTENCE_END.search(text, pending.at, seam.at):
                spans.append((pending.at, seam.at))
            else:
                if pending is not None:
                    spans.extend(_unpaired_open(text, pending, names, seam.at))
                spans.extend(_unpaired_close(text, seam))
            pending = None
    if pending is not None:
        spans.extend(_unpaired_open(text, pending, names, len(text)))
    return spans


def _unpaired_open(
    text: str, seam: Seam, names: list[tuple[int, int]], next_seam: int
) -> list[tuple[int, int]]:
    """The italic span an opening seam with no closing one shows, if its end is clear.

    A camel-case name is italic alone, unless a title goes on after it
    (``theArchivio Storico Lombardo, vol. 2``); such a title, or one glued
    after a closing quote, its author's comma or an abbreviation's full stop,
    runs to where citation form ends it, or to the next seam (``next_seam``),
    where a space lost at its end shows it ended (``Poggio,Hist. Florent.iv.``);
    where that is unclear nothing is marked.
    """
    before = text[seam.at - 1 : seam.at]
    name = next(((start, end) for start, end in names if start == seam.at), None)
    if name is not None and not _TITLE_GOES_ON.match(text, name[1]):
        return [name]
    if name is None and before not in "”,.":
        return []
    title_end = (_TITLE_END if before == "”" else _CITED_TITLE_END).search(text, seam.at, next_seam)
    sentence_end = _SENTENCE_END if before == "”" else _TITLE_SENTENCE_END
    end = title_end.start() if title_end else next_seam
    if end == len(text) or sentence_end.search(text, seam.at, end):
        return []  # where the title ends is unclear: better no span than part of one
    return [(seam.at, end)] if _short_title(text[seam.at : end]) else []


def _unpaired_close(text: str, seam: Seam) -> list[tuple[int, int]]:
    quote = text.rfind("” ", 0, seam.at)
    if quote == -1 or _SENTENCE_END.search(text, quote + 2, seam.at):
        return []
    start = quote + 2
    return [(start, seam.at)] if _short_title(text[start : seam.at]) else []


def _short_title(span: str) -> bool:
    words = span.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and span[:1].isupper()


#: A paragraph that opens with a capital standing apart from the rest of its word:
#: the drop capital of a chapter's first word (``T he harbour``, ``T HE HARBOUR``).
_DROP_CAPITAL = re.compile(r"[“\"‘']?(?P<capital>[A-Z])(?P<gap>[ \t\n]+)(?P<rest>[a-z]+|[A-Z]+)\b")
#: A capital standing apart from the rest of its word anywhere: small capitals,
#: which extractors set apart from the full-size capital before them (``M OSCOW``, ``T okyo``).
#: The capital comes first and the look behind it second: a fast scan of every text.
_SPLIT_CAPITAL = re.compile(
    r"(?P<capital>[A-Z])(?<![\w.’'-].)(?P<gap> )(?P<rest>[a-z]{2,}|[A-Z]{2,})(?![\w-])"
)


def close_split_capitals(text: str, context: TextContext) -> Changes:
    """Join a capital set apart from the rest of its word (``T he`` → ``The``, ``M OSCOW`` → ``MOSCOW``).

    At the start of a block or note, where a chapter opens with a drop
    capital, the two are joined where they make a word and the capital alone
    is no word or the rest is none (``A new`` stays, ``A fter`` is
    ``After``).  Elsewhere the rest must be no word, since a letter before a
    word is often just that (``the letter T he wrote``, ``T cells``), or in
    capitals a word far rarer than the two closed up (``E AST``, not ``V ERA``);
    and the two must make a word of the lexicon or of the document
    (``K AGANOVICH`` where ``Kaganovich`` stands whole).

    >>> from emendo.words import WordsConfig, learn_profile
    >>> from emendo.model import Page
    >>> context = TextContext(learn_profile([Page(0, "plain words")], WordsConfig()))
    >>> [(e.start, e.end) for e in close_split_capitals("T he harbour", context).edits]
    [(1, 2)]
    >>> [close_split_capitals(t, context).edits for t in ("A new harbour", "I am here", "T cells")]
    [(), (), ()]
    >>> text = "the M OSCOW VERSUS T OKYO line, T HE W AR IN THE E AST, and the letter T he wrote"
    >>> [text[e.start - 1 : e.end + 1] for e in close_split_capitals(text, context).edits]
    ['M O', 'T O', 'T H', 'W A', 'E A']
    """
    edits = []
    profile = context.profile
    known = profile.config.known_zipf
    opening = _DROP_CAPITAL.match(text)
    if opening is not None:
        capital, rest = opening.group("capital"), opening.group("rest")
        joined = profile.english_zipf((capital + rest).lower()) >= known
        if joined and not (capital in "AI" and profile.english_zipf(rest.lower()) >= known):
            reason = f"drop capital set apart from its word: '{capital + rest}'"
            edits.append(Edit(opening.start("gap"), opening.end("gap"), "", "space", reason, 0.9))
    for split in _SPLIT_CAPITAL.finditer(text):
        if edits and split.start("gap") == edits[0].start:
            continue
        rest = split.group("rest")
        word = split.group("capital") + rest
        if word[0] in "AI" and rest.islower() and len(rest) < 4:
            continue  # ``A di erent``: a word, then a fragment of another
        rest_zipf = prose_zipf(rest.lower(), profile.english_zipf(rest))
        if rest_zipf >= known and (rest.islower() or profile.english_zipf(word) < rest_zipf + 1):
            continue  # a word after a letter, unless capitals far likelier closed (``E AST``)
        if profile.english_zipf(word) >= known or profile.count_any_case(word):
            reason = f"capital set apart from the small capitals of its word: '{word}'"
            edits.append(Edit(split.start("gap"), split.end("gap"), "", "space", reason, 0.85))
    return Changes(tuple(edits))
