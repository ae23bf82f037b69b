"""The parser's model, data, metrics and training helpers; small and fast (no full training)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emendo.apparatus.parse import ReferenceParserConfig, parse_reference
from emendo.apparatus.parser.crf import BUNDLED_MODEL, TrainingSettings, load_tagger, tag_tokens, train_model
from emendo.apparatus.parser.data import LabelledReference, read_labelled_xml, token_labels
from emendo.apparatus.parser.fields import OUTSIDE
from emendo.apparatus.parser.metrics import Scores
from emendo.apparatus.parser.tokens import tokenize
from emendo.errors import InputError

REPOSITORY = Path(__file__).parents[1]
TRAIN = REPOSITORY / "data" / "references" / "footnotes.train.xml"
HELDOUT = REPOSITORY / "data" / "references" / "footnotes.heldout.xml"
sys.path.insert(0, str(REPOSITORY / "training"))
import corpora  # noqa: E402

LABELS = {
    "author",
    "editor",
    "translator",
    "interviewer",
    "title",
    "container-title",
    "collection-title",
    "volume",
    "number-of-volumes",
    "issue",
    "date",
    "publisher-place",
    "publisher",
    "page",
    "locator",
    "archive",
    "archive-place",
    "archive_location",
    "archive_collection",
    "edition",
    "genre",
    "note",
    "number",
    "url",
    "accessed",
    "ibid",
    "hereafter",
}


def test_labelled_footnotes_are_enough_and_kept_apart() -> None:
    train, heldout = read_labelled_xml(TRAIN), read_labelled_xml(HELDOUT)
    assert len(train) + len(heldout) >= 150
    assert len(heldout) >= 30
    assert not {r.text for r in train} & {r.text for r in heldout}
    for reference in [*train, *heldout]:
        assert reference.csl_type
        for label, start, end in reference.spans:
            assert label in LABELS
            assert reference.text[start:end] == reference.text[start:end].strip() != ""


def test_token_labels_follow_spans() -> None:
    tokens, labels = token_labels(
        LabelledReference("Ann Lee, Rivers, 4.", (("author", 0, 7), ("locator", 17, 18)))
    )
    assert [(t.text, label) for t, label in zip(tokens, labels, strict=True) if t.is_word] == [
        ("Ann", "author"),
        ("Lee", "author"),
        ("Rivers", OUTSIDE),
        ("4", "locator"),
    ]


def test_unreadable_labelled_file_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<dataset><sequence>", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read labelled references"):
        read_labelled_xml(broken)


def test_field_scores_count_exact_boundaries() -> None:
    tokens = tokenize("Ann Lee, Rivers of Iron, 12.")
    gold = ["author", "author", "O", "title", "title", "title", "O", "locator", "O"]
    half = ["author", "author", "O", "title", "title", "O", "O", "locator", "O"]
    scores = Scores()
    scores.add(tokens, gold, half)
    assert scores.field_f1() == pytest.approx(2 / 3)  # title boundary wrong: 2 of 3 fields right
    assert scores.token_f1() == pytest.approx(2 * (5 / 5) * (5 / 6) / (1 + 5 / 6))
    assert scores.exact_references == 0


def test_committed_model_loads_and_labels() -> None:
    pytest.importorskip("pycrfsuite")
    tagger = load_tagger(BUNDLED_MODEL)
    assert tagger is not None, "the trained model must be committed at src/emendo/apparatus/models/"
    assert BUNDLED_MODEL.stat().st_size < 5_000_000
    labels = tag_tokens(tagger, tokenize("Ann Lee, Rivers of Iron (Oxford: Clarendon Press, 1990), 12."))
    assert set(labels) <= LABELS | {OUTSIDE}
    assert labels[0] == "author" and "locator" in labels


def test_training_on_a_tiny_set_gives_a_working_model(tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    references = read_labelled_xml(TRAIN)[:12]
    model = tmp_path / "tiny.crfsuite"
    train_model((token_labels(r) for r in references), model, TrainingSettings(max_iterations=25))
    reference = parse_reference(references[0].text, ReferenceParserConfig(model_path=model))
    assert reference.item["type"]
    assert {label for label, _, _ in reference.spans} <= LABELS


def test_edge_punctuation_is_unlabelled_like_our_data() -> None:
    tokens = tokenize("“Rivers of Iron,” Journal 4.")
    labels = ["title"] * 6 + ["container-title", "volume", "volume"]
    assert corpora.outside_edge_punctuation(tokens, labels) == [
        OUTSIDE,
        "title",
        "title",
        "title",
        OUTSIDE,
        OUTSIDE,
        "container-title",
        "volume",
        OUTSIDE,
    ]


def test_linkedbooks_references_are_cut_and_joined() -> None:
    raw = "\r".join(
        [
            "-DOCSTART- -X- -X- o",
            "",
            "Rossi author b-secondary b-r",
            "G author i-secondary i-r",
            "., author i-secondary i-r",
            "Storia title i-secondary i-r",
            "di title i-secondary i-r",
            "Vene title i-secondary i-r",
            "- title i-secondary i-r",
            "",
            "zia title i-secondary i-r",
            ", title i-secondary i-r",
            "Roma publicationplace i-secondary i-r",
            "1950 year e-secondary i-r",
            ". year e-secondary e-r",
        ]
    )
    (reference,) = corpora._linkedbooks_references(raw)
    assert reference.text == "Rossi G., Storia di Vene-zia, Roma 1950."
    assert ("publicationplace", 30, 34) in reference.spans and reference.text[30:34] == "Roma"


def test_linkedbooks_line_final_dash_before_a_capital_is_not_a_word_break() -> None:
    raw = "\r".join(
        [
            "Venezia publicationplace i-secondary i-r",
            "1979 year i-secondary i-r",
            "- o i-secondary i-r",
            "",
            "F author i-secondary i-r",
            ". author i-secondary i-r",
            "Rossi author i-secondary e-r",
        ]
    )
    (reference,) = corpora._linkedbooks_references(raw)
    assert reference.text == "Venezia 1979 - F. Rossi"
    tokens, labels = token_labels(reference)
    assert [(t.text, label) for t, label in zip(tokens, labels, strict=True)][1:3] == [
        ("1979", "year"),
        ("-", "o"),
    ]


def test_linkedbooks_valid_split_reads_into_references_with_its_own_labels() -> None:
    if not corpora.LINKEDBOOKS_ARCHIVE.is_file():
        pytest.skip(f"LinkedBooks not found at {corpora.LINKEDBOOKS_ARCHIVE} (shared data, never committed)")
    references = corpora.linkedbooks_split("valid")
    assert 1000 < len(references) < 1300
    labels = {label for reference in references for label, _, _ in reference.spans}
    assert {"author", "title", "year", "archivalreference", "o"} <= labels <= set(corpora.LINKEDBOOKS_LABELS)
    for reference in references:
        for _, start, end in reference.spans:
            assert reference.text[start:end].strip() == reference.text[start:end] != ""


@pytest.mark.parametrize("text", ["«»W", "“Title,” in", "“A” w"])
def test_a_quoted_title_followed_by_a_bare_in_parses(text: str) -> None:
    # Regression: ``in`` (Polish ``w``) with nothing after it left no segment to call the container.
    reference = parse_reference(text, ReferenceParserConfig(use_model=False))
    assert all(0 <= start < end <= len(text) for _, start, end in reference.spans)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120))
def test_any_text_parses_without_error_and_spans_stay_inside(text: str) -> None:
    reference = parse_reference(text, ReferenceParserConfig(use_model=False))
    assert "type" in reference.item and "id" not in reference.item
    for _, start, end in reference.spans:
        assert 0 <= start < end <= len(text)


def test_items_validate_against_the_csl_json_schema() -> None:
    """Every item parsed from the labelled footnotes is valid CSL-JSON (the schema the exporter ships)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = REPOSITORY / "src" / "emendo" / "exporters" / "schema" / "csl-data.json"
    if not schema_path.is_file():
        pytest.skip("the CSL-JSON schema is not shipped in this checkout")
    import json

    validator = jsonschema.Draft3Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    texts = [r.text for r in [*read_labelled_xml(TRAIN), *read_labelled_xml(HELDOUT)]]
    for config in (ReferenceParserConfig(), ReferenceParserConfig(use_model=False)):
        items = [{"id": f"r{i}", **parse_reference(text, config).item} for i, text in enumerate(texts)]
        problems = [f"{texts[int(e.absolute_path[0])]}: {e.message}" for e in validator.iter_errors(items)]
        assert problems == []
