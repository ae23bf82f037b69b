"""The English lexicon (and a foreign one), as compact indexes that open in milliseconds.

The word layer asks one question of the lexicon, many times: how common is this
word (its Zipf frequency: ``log10`` of occurrences per billion words, 0 for a
word never seen)?  wordfreq answers it, but loading wordfreq's ``large`` list
takes a third of a second and building a Python dict of its 320,000 words
another quarter, which alone would break the half-second budget of a one-page
``emendo repair``.

So the list is turned once into an open-addressing hash table stored in a file
(``lexicon-en-large.v1.bin`` in ``$EMENDO_CACHE``, else ``$XDG_CACHE_HOME/emendo``
or ``~/.cache/emendo``) and memory-mapped on first use: opening it costs a few
milliseconds and a lookup a few microseconds, with only the pages touched ever
read from disk.

File layout (little-endian)::

    magic  b"EMLEX001"
    u32    slot count (a power of two)       u32  word count
    slots  slot count x (u32 crc32 of the key, u32 entry offset + 1; 0 = empty)
    pool   entries: u8 key length, key (UTF-8), u16 Zipf x 100

Beside it, ``ligature-forms-en-large.v3.tsv`` lists the 9,000 words that hold a
ligature sequence under the form they take when the ligature glyph is lost
(``aairs`` → ``affairs``; ``ofcers`` → ``officers`` too, for a line broken
inside ``ffi`` that lost only the ``fi`` after it), so that restoring a damaged word is one dict lookup
instead of dozens of guesses.  Both files are built together.

The same two files are built for German, Spanish, French and Italian words
together (:func:`foreign`), for the foreign words that scholarly English
quotes in italics (and loses ligatures in: ``Pontece``), on the first
document that asks about one; and an index for pairs
of English words (:func:`word_pairs`), keyed ``"left right"`` with ``log10``
of the pair's count in place of a Zipf, from the 242,000 commonest pairs of
Google Books that symspellpy ships (``frequency_bigramdictionary_en_243_342.txt``,
MIT licence): what tells ``conned to`` from ``confined to``.
"""

from __future__ import annotations

import math
import mmap
import os
import struct
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from emendo.words.tokens import LIGATURE_RE

MAGIC = b"EMLEX001"
INDEX_NAME = "lexicon-en-large.v1.bin"
FORMS_NAME = "ligature-forms-en-large.v3.tsv"
#: The languages whose words scholarly English quotes and cites most, in italics.
FOREIGN_LANGUAGES = ("de", "es", "fr", "it")
FOREIGN_INDEX_NAME = "lexicon-de-es-fr-it-large.v1.bin"
FOREIGN_FORMS_NAME = "ligature-forms-de-es-fr-it-large.v1.tsv"
#: The index and ligature-forms file names of the English (False) and foreign (True) lexicons.
_FILE_NAMES = {False: (INDEX_NAME, FORMS_NAME), True: (FOREIGN_INDEX_NAME, FOREIGN_FORMS_NAME)}
#: Foreign words kept: alphabetic, this long and this common at least (700,000 of 1.6 million).
_FOREIGN_MIN_LENGTH, _FOREIGN_MIN_ZIPF = 3, 1.5
PAIRS_INDEX_NAME = "word-pairs-en-google-books.v1.bin"
_PAIRS_SOURCE = "frequency_bigramdictionary_en_243_342.txt"
_HEADER = struct.Struct("<8sII")
_SLOT = struct.Struct("<II")
_ZIPF = struct.Struct("<H")


def cache_dir() -> Path:
    """Where emendo keeps its built indexes.

    ``$EMENDO_CACHE`` wins, then ``$XDG_CACHE_HOME/emendo``, then ``~/.cache/emendo``.
    """
    explicit = os.environ.get("EMENDO_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "emendo"


def lookup_key(word: str) -> str:
    """The form under which wordfreq lists ``word``: lowercase, straight apostrophe.

    >>> lookup_key("Stalin’s")
    "stalin's"
    """
    return word.lower().replace("\u2019", "'")


def encode_index(zipfs: Iterable[tuple[str, float]]) -> bytes:
    """The index file's bytes for ``(word, zipf)`` pairs (later pairs win).

    >>> Lexicon(encode_index([("the", 7.73), ("émigré", 2.5)])).zipf("émigré")
    2.5
    """
    entries: dict[bytes, int] = {}
    for word, zipf in zipfs:
        key = word.encode("utf-8")
        if 0 < len(key) < 256:
            entries[key] = max(0, min(65535, round(zipf * 100)))
    slots = 1 << max(4, math.ceil(math.log2(max(1, len(entries)) / 0.6)))
    table = [(0, 0)] * slots
    pool = bytearray()
    for key, centi in entries.items():
        crc = zlib.crc32(key)
        index = crc & (slots - 1)
        while table[index][1]:
            index = (index + 1) & (slots - 1)
        table[index] = (crc, len(pool) + 1)
        pool += bytes((len(key),)) + key + _ZIPF.pack(centi)
    head = _HEADER.pack(MAGIC, slots, len(entries))
    return head + b"".join(_SLOT.pack(crc, offset) for crc, offset in table) + bytes(pool)


class LigatureForm(NamedTuple):
    """A word that loses ``sequence`` at ``at`` when its ligature glyph is dropped."""

    word: str
    sequence: str
    at: int
    zipf: float


#: How many lookups a lexicon remembers (a few MB).
REMEMBERED = 100_000


class Lexicon:
    """Zipf frequencies of words, read from an index (see the module docstring).

    Lookups are by :func:`lookup_key` form and are remembered, since a
    document asks about the same few thousand words over and over; up to
    :data:`REMEMBERED` of them, so that a worker that reads a whole corpus
    (names, foreign words, glue without end) keeps a flat memory.
    """

    def __init__(self, data: bytes | mmap.mmap, forms: Path | bytes = b"") -> None:
        magic, slots, count = _HEADER.unpack_from(data, 0)
        if magic != MAGIC or len(data) < _HEADER.size + slots * _SLOT.size:
            raise ValueError("not an emendo lexicon index")
        self._data = data
        self._mask = slots - 1
        self._pool = _HEADER.size + slots * _SLOT.size
        self.size: int = count
        self._known: dict[str, float] = {}
        self._forms_source = forms
        self._forms: dict[str, str] | None = None
        self._parsed: dict[str, tuple[LigatureForm, ...]] = {}

    def zipf(self, key: str) -> float:
        """Zipf frequency of a :func:`lookup_key` form; 0.0 for an unknown word.

        >>> lexicon = Lexicon(encode_index([("at", 6.7), ("flat", 4.72)]))
        >>> lexicon.zipf("flat"), lexicon.zipf("flax")
        (4.72, 0.0)
        """
        found = self._known.get(key)
        if found is not None:
            return found
        found = self._lookup(key.encode("utf-8"))
        if len(self._known) >= REMEMBERED:
            self._known.clear()  # cheaper than an LRU, and the next document warms it again
        self._known[key] = found
        return found

    def ligature_forms(self, key: str) -> tuple[LigatureForm, ...]:
        """The words that read as ``key`` once a ligature glyph is dropped, most frequent first.

        Read on first use: only a document that lost its ligatures needs them.

        >>> forms = encode_ligature_forms([("affairs", 4.67)]).encode()
        >>> Lexicon(encode_index([("affairs", 4.67)]), forms).ligature_forms("aairs")[0].word
        'affairs'
        """
        parsed = self._parsed.get(key)
        if parsed is None:
            encoded = self.ligature_keys().get(key)
            parsed = self._parsed[key] = parse_ligature_forms(encoded) if encoded else ()
        return parsed

    def ligature_keys(self) -> Mapping[str, str]:
        """The damaged forms that have :meth:`ligature_forms`, for a membership test at C speed.

        >>> forms = encode_ligature_forms([("affairs", 4.67)]).encode()
        >>> "aairs" in Lexicon(encode_index([("affairs", 4.67)]), forms).ligature_keys()
        True
        """
        if self._forms is None:
            source = self._forms_source
            if isinstance(source, Path):
                try:
                    data = source.read_bytes()
                except OSError:
                    data = build_indexes(source.parent, source.name == FOREIGN_FORMS_NAME)[1]
            else:
                data = source
            self._forms = decode_ligature_forms(data.decode("utf-8"))
        return self._forms

    def _lookup(self, key: bytes) -> float:
        data, mask, pool = self._data, self._mask, self._pool
        crc = zlib.crc32(key)
        index = crc & mask
        while True:
            stored, offset = _SLOT.unpack_from(data, _HEADER.size + index * _SLOT.size)
            if not offset:
                return 0.0
            if stored == crc:
                start = pool + offset - 1
                length = data[start]
                if data[start + 1 : start + 1 + length] == key:
                    centi: int = _ZIPF.unpack_from(data, start + 1 + length)[0]
                    return centi / 100
            index = (index + 1) & mask


def _wordfreq_zipfs() -> list[tuple[str, float]]:
    """Every word of wordfreq's large English list with its Zipf frequency."""
    from wordfreq import get_frequency_dict

    frequencies: Mapping[str, float] = get_frequency_dict("en", wordlist="large")
    return [(word, round(math.log10(freq) + 9, 2)) for word, freq in frequencies.items() if freq > 0]


def _foreign_zipfs() -> list[tuple[str, float]]:
    """The words of wordfreq's large lists of :data:`FOREIGN_LANGUAGES`, each at its highest Zipf."""
    from wordfreq import get_frequency_dict

    highest: dict[str, float] = {}
    for language in FOREIGN_LANGUAGES:
        frequencies: Mapping[str, float] = get_frequency_dict(language, wordlist="large")
        for word, freq in frequencies.items():
            if len(word) >= _FOREIGN_MIN_LENGTH and word.isalpha() and freq > 0:
                zipf = round(math.log10(freq) + 9, 2)
                if zipf >= _FOREIGN_MIN_ZIPF and zipf > highest.get(word, 0.0):
                    highest[word] = zipf
    return list(highest.items())


def _symspell_pairs() -> list[tuple[str, float]]:
    """symspellpy's English word pairs as ``("left right", log10 count)``."""
    from importlib.resources import files

    text = (files("symspellpy") / _PAIRS_SOURCE).read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        left, right, count = line.split()
        pairs.append((f"{left} {right}", math.log10(int(count))))
    return pairs


def encode_ligature_forms(zipfs: Iterable[tuple[str, float]]) -> str:
    """The ligature-forms file: each word with a ligature sequence, keyed by the word without it.

    One line per damaged form: the form, then its words as
    ``word:sequence:position:zipf``, most frequent first, separated by tabs.
    A word with ``ffi`` or ``ffl`` is listed a second time without its last
    two letters only: a line broken as ``of-``/``ficers`` can join no
    ligature across the break, so only the ``fi`` after it is lost (``ofcers``).

    >>> encode_ligature_forms([("fiat", 3.63), ("office", 5.4), ("flat", 4.72)])
    'at\\tflat:fl:0:4.72\\tfiat:fi:0:3.63\\noce\\toffice:ffi:1:5.4\\nofce\\toffice:fi:2:5.4\\n'
    """
    forms: dict[str, list[tuple[float, str]]] = {}
    for word, zipf in zipfs:
        if ":" in word or "\t" in word:
            continue
        for match in LIGATURE_RE.finditer(word):
            losses = [(match.start(), match.group())]
            if len(match.group()) == 3:
                losses.append((match.start() + 1, match.group()[1:]))
            for at, sequence in losses:
                damaged = word[:at] + word[at + len(sequence) :]
                if damaged:
                    forms.setdefault(damaged, []).append((-zipf, f"{word}:{sequence}:{at}:{zipf}"))
    return "".join(
        damaged + "\t" + "\t".join(entry for _, entry in sorted(entries)) + "\n"
        for damaged, entries in sorted(forms.items())
    )


def decode_ligature_forms(text: str) -> dict[str, str]:
    """Damaged form → its still-encoded words; :func:`parse_ligature_forms` reads one entry.

    Parsing is left until a form is asked for: a document meets a few hundred
    of the 8,000 forms.

    >>> decode_ligature_forms("at\\tflat:fl:0:4.72\\n")
    {'at': 'flat:fl:0:4.72'}
    """
    return dict(line.split("\t", 1) for line in text.splitlines())


def parse_ligature_forms(encoded: str) -> tuple[LigatureForm, ...]:
    """The words of one :func:`encode_ligature_forms` line.

    >>> parse_ligature_forms("flat:fl:0:4.72\\tfiat:fi:0:3.63")[1]
    LigatureForm(word='fiat', sequence='fi', at=0, zipf=3.63)
    """
    forms = []
    for entry in encoded.split("\t"):
        word, sequence, at, zipf = entry.split(":")
        forms.append(LigatureForm(word, sequence, int(at), float(zipf)))
    return tuple(forms)


def _write_atomically(path: Path, data: bytes) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache only costs the next run a rebuild


def build_indexes(directory: Path, foreign: bool = False) -> tuple[bytes, bytes]:
    """Build a lexicon's two index files from wordfreq into ``directory`` and return their bytes.

    English, or with ``foreign`` the German, Spanish, French and Italian
    words together.  The bytes come back so that a caller whose cache cannot
    be written still has them.
    """
    zipfs = _foreign_zipfs() if foreign else _wordfreq_zipfs()
    index_name, forms_name = _FILE_NAMES[foreign]
    index = encode_index(zipfs)
    forms = encode_ligature_forms(zipfs).encode("utf-8")
    _write_atomically(directory / forms_name, forms)
    _write_atomically(directory / index_name, index)
    return index, forms


def open_lexicon(directory: Path, foreign: bool = False) -> Lexicon:
    """The lexicon whose index files are in ``directory``, built from wordfreq first if missing."""
    index_name, forms_name = _FILE_NAMES[foreign]
    cached = _cached(directory / index_name, directory / forms_name)
    if cached is not None:
        return cached
    index, forms = build_indexes(directory, foreign)
    return Lexicon(index, forms)


def open_word_pairs(directory: Path) -> WordPairs:
    """The word-pair counts whose index is in ``directory``, built from symspellpy's list first if missing."""
    cached = _cached(directory / PAIRS_INDEX_NAME)
    if cached is not None:
        return WordPairs(cached)
    index = encode_index(_symspell_pairs())
    _write_atomically(directory / PAIRS_INDEX_NAME, index)
    return WordPairs(Lexicon(index))


def _cached(path: Path, forms: Path | bytes = b"") -> Lexicon | None:
    """The index file at ``path``, memory-mapped; None if it is missing or no index."""
    try:
        with path.open("rb") as handle:
            return Lexicon(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ), forms)
    except (OSError, ValueError, struct.error):
        return None


#: ``log10`` of the rarest count in the word-pair list (6.4 million).
PAIR_THRESHOLD = 6.8
#: A pair missing from the list is taken to be this far (``log10``) under its threshold.
_BELOW_THRESHOLD = 0.3
#: ``log10`` of the size of the corpus the pair counts come from, in the
#: list's own units (estimated from the pairs of ``the``, ``of``, ``and``):
#: two independent words of Zipf ``a`` and ``b`` are seen together about
#: ``10 ** (PAIR_CORPUS + a - 9 + b - 9)`` times.
PAIR_CORPUS = 13.4


class WordPairs:
    """How often two English words stand side by side in books, as ``log10`` of the count.

    The list holds only pairs seen 6.4 million times or more in Google
    Books, so a missing pair is rare, not impossible: :data:`PAIR_THRESHOLD`
    says where the list stops.

    >>> pairs = WordPairs(Lexicon(encode_index([("confined to", 8.06)])))
    >>> pairs.log_count("confined", "to"), pairs.log_count("conned", "to")
    (8.06, 0.0)
    """

    def __init__(self, index: Lexicon) -> None:
        self._index = index

    def log_count(self, left: str, right: str) -> float:
        """``log10`` of how often ``left right`` (lookup forms) was seen; 0.0 below the threshold."""
        return self._index.zipf(f"{left} {right}")

    def pmi(self, left: str, right: str, left_zipf: float, right_zipf: float) -> float:
        """How many powers of ten likelier books put ``left right`` than chance would (their Zipfs).

        Positive for a pair books favour (``the sea``); negative for a pair
        chance would have put on the list that is not there (``these a``);
        0 where both words are too rare for the list to say.

        >>> pairs = WordPairs(Lexicon(encode_index([("the sea", 8.3)])))
        >>> round(pairs.pmi("the", "sea", 7.73, 4.8), 2), round(pairs.pmi("these", "a", 6.2, 7.36), 2)
        (0.37, -2.46)
        >>> pairs.pmi("coarse", "weave", 3.6, 3.3)
        0.0
        """
        chance = PAIR_CORPUS + left_zipf - 9 + right_zipf - 9
        seen = self.log_count(left, right) or min(chance, PAIR_THRESHOLD - _BELOW_THRESHOLD)
        return seen - chance


_LEXICON: dict[tuple[Path, bool], Lexicon] = {}
_PAIRS: dict[Path, WordPairs] = {}


def english() -> Lexicon:
    """The English lexicon of the current cache directory, opened once per process."""
    return _opened(foreign=False)


def foreign() -> Lexicon:
    """German, Spanish, French and Italian words, each at its highest Zipf in those languages.

    Asked about words English does not know, such as an italic title or
    quotation glued to its neighbours (``withscelleratezza``).  Built on
    first use (five seconds, once).
    """
    return _opened(foreign=True)


def word_pairs() -> WordPairs:
    """English word pairs with their counts in Google Books, opened once per process.

    Asked where a damaged word is a word too (``conned``/``confined``: its
    neighbours decide) and where glued words are cut (``the|sea``, not
    ``these|a``).  Built on first use (a second, once).
    """
    directory = cache_dir()
    pairs = _PAIRS.get(directory)
    if pairs is None:
        pairs = _PAIRS[directory] = open_word_pairs(directory)
    return pairs


def _opened(foreign: bool) -> Lexicon:
    key = (cache_dir(), foreign)
    lexicon = _LEXICON.get(key)
    if lexicon is None:
        lexicon = _LEXICON[key] = open_lexicon(key[0], foreign)
    return lexicon
