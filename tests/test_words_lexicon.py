"""The lexicon index: built once from wordfreq, then read from the cache without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from emendo.words import lexicon as lexicon_module
from emendo.words.lexicon import (
    FORMS_NAME,
    INDEX_NAME,
    Lexicon,
    cache_dir,
    encode_index,
    encode_ligature_forms,
    lookup_key,
    open_lexicon,
)

SMALL = [("the", 7.73), ("affairs", 4.67), ("flat", 4.72), ("fiat", 3.63), ("at", 6.7), ("émigré", 2.5)]


@pytest.fixture
def small_wordfreq(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Stand in for wordfreq with a handful of words; counts how often it is asked."""
    calls: list[int] = []

    def fake() -> list[tuple[str, float]]:
        calls.append(1)
        return SMALL

    monkeypatch.setattr(lexicon_module, "_wordfreq_zipfs", fake)
    return calls


def test_index_answers_every_word_it_holds_and_nothing_else() -> None:
    lexicon = Lexicon(encode_index(SMALL))
    assert [lexicon.zipf(word) for word, _ in SMALL] == [zipf for _, zipf in SMALL]
    assert lexicon.zipf("flax") == 0.0
    assert lexicon.size == len(SMALL)


def test_ligature_forms_list_words_by_their_damaged_form_most_frequent_first() -> None:
    lexicon = Lexicon(encode_index(SMALL), encode_ligature_forms(SMALL).encode())
    assert [form.word for form in lexicon.ligature_forms("at")] == ["flat", "fiat"]
    assert lexicon.ligature_forms("aairs")[0].sequence == "ff"
    assert lexicon.ligature_forms("the") == ()


def test_first_use_builds_the_cache_and_later_uses_read_it(
    tmp_path: Path, small_wordfreq: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = open_lexicon(tmp_path)
    assert (tmp_path / INDEX_NAME).exists() and (tmp_path / FORMS_NAME).exists()
    assert built.zipf("affairs") == 4.67
    assert len(small_wordfreq) == 1

    def no_wordfreq() -> list[tuple[str, float]]:
        raise AssertionError("the cached index should have been read, not rebuilt")

    monkeypatch.setattr(lexicon_module, "_wordfreq_zipfs", no_wordfreq)
    cached = open_lexicon(tmp_path)
    assert cached.zipf("affairs") == 4.67
    assert cached.ligature_forms("at")[0].word == "flat"


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, small_wordfreq: list[int]) -> None:
    (tmp_path / INDEX_NAME).write_bytes(b"not an index at all")
    lexicon = open_lexicon(tmp_path)
    assert lexicon.zipf("the") == 7.73
    assert len(small_wordfreq) == 1
    assert (tmp_path / INDEX_NAME).read_bytes().startswith(b"EMLEX001")


def test_cache_directory_follows_emendo_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMENDO_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("EMENDO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "emendo"


def test_english_lexicon_is_opened_once_per_cache_directory() -> None:
    assert lexicon_module.english() is lexicon_module.english()


def test_lookup_key_matches_wordfreq_spelling() -> None:
    assert lookup_key("Stalin’s") == "stalin's"
    assert lookup_key("AFFAIRS") == "affairs"


def test_remembered_lookups_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker reading a whole corpus must not remember every word it ever looked up."""
    monkeypatch.setattr(lexicon_module, "REMEMBERED", 50)
    lexicon = Lexicon(encode_index([("at", 6.7), ("flat", 4.72)]))
    for n in range(500):
        assert lexicon.zipf(f"name{n}") == 0.0
    assert lexicon.zipf("flat") == 4.72
    assert len(lexicon._known) <= 50


def test_a_line_broken_inside_ffi_lists_the_word_without_its_fi_too() -> None:
    forms = Lexicon(encode_index([("officers", 4.9)]), encode_ligature_forms([("officers", 4.9)]).encode())
    assert [(f.sequence, f.at) for f in forms.ligature_forms("ocers")] == [("ffi", 1)]
    assert [(f.sequence, f.at) for f in forms.ligature_forms("ofcers")] == [("fi", 2)]


def test_the_foreign_lexicon_is_built_apart_from_the_english_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexicon_module, "_foreign_zipfs", lambda: [("magnifico", 4.18), ("guerre", 5.42)])
    built = open_lexicon(tmp_path, foreign=True)
    assert (tmp_path / lexicon_module.FOREIGN_INDEX_NAME).exists()
    assert not (tmp_path / INDEX_NAME).exists()
    assert (built.zipf("guerre"), built.zipf("the")) == (5.42, 0.0)
    reread = open_lexicon(tmp_path, foreign=True)
    assert reread.zipf("magnifico") == 4.18  # read back from the cache
    assert reread.ligature_forms("magnico")[0].word == "magnifico"  # with its ligature forms
    (tmp_path / lexicon_module.FOREIGN_FORMS_NAME).unlink()
    assert open_lexicon(tmp_path, foreign=True).ligature_forms("magnico")  # a lost forms file is rebuilt
    assert not (tmp_path / lexicon_module.FORMS_NAME).exists()  # as a foreign one


def test_foreign_words_keep_their_highest_frequency_and_drop_the_rare_and_short() -> None:
    foreign = lexicon_module.foreign()
    assert foreign.zipf("scelleratezza") > 1.5  # Italian
    assert foreign.zipf("guerre") > 5  # French, higher than its Italian figure
    assert foreign.zipf("de") == 0.0  # too short to tell a language by


def test_word_pairs_are_indexed_from_symspellpy_and_read_back(tmp_path: Path) -> None:
    built = lexicon_module.open_word_pairs(tmp_path)
    assert (tmp_path / lexicon_module.PAIRS_INDEX_NAME).exists()
    assert 8.0 < built.log_count("confined", "to") < 8.2  # 113,543,040 in Google Books
    assert built.log_count("conned", "to") == 0.0  # under the list's threshold
    assert built.log_count("to", "confined") < lexicon_module.PAIR_THRESHOLD  # order matters
    reread = lexicon_module.open_word_pairs(tmp_path)
    assert reread.log_count("confined", "to") == built.log_count("confined", "to")
