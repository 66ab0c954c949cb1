"""The neural attribution model: inputs, a tiny training run, saving and loading."""
import numpy
import pytest
import torch

from saidwhat.io.gold import load_compartment
from saidwhat.errors import PipelineError
from saidwhat.training.alignment import align, cue_labels
from saidwhat.extract.doctext import doc_text, line_breaks, token_indices
from saidwhat.extract.cues import REPORTED_LEMMAS, candidate_cues, reporting_kind
from saidwhat.model.features import LEXICONS, MAX_WINDOW_SIDE, window
from saidwhat.extract.rules import find_attributions
from saidwhat.model.decoding import ModelFound, content_fragments, decode_cues, drop_swallowed, tokens_at
from saidwhat.model.inputs import FIELDS, MAX_SEGMENT, UNKNOWN, DocInputs, Vocab, segments, token_values
from saidwhat.model.network import AttributionNet, Settings, pad_docs
from saidwhat.model.predictor import NeuralModel
from saidwhat.training.fit import TrainingSettings, count_values, fit
from saidwhat.model.repair import complete_clause, is_passive_target
from saidwhat.training.train import f1_cut, platt


@pytest.fixture(scope="module")
def tiny(parser_nlp, polnear_train):
    """Three parsed train articles with their inputs and gold attributions aligned to tokens."""
    gold = dict(list(load_compartment(polnear_train).items())[:3])
    docs = [parser_nlp(article.text) for article in gold.values()]
    aligned = [align(doc, article.attributions) for doc, article in zip(docs, gold.values())]
    return [DocInputs(doc, find_attributions(doc)) for doc in docs], aligned


# The two shapes of network the shipped models have, small: stage 1 a BiLSTM (as the
# accurate model's) or a feed-forward layer over spaCy's token vectors, stage 2's window
# starting at the cue's paragraph (as the fast one's).
TINY = {"bilstm": Settings(hidden=32, span_hidden=16),
        "spacy vectors": Settings(hidden=64, span_hidden=16, layers=0, window_layers=2, spacy_tensor=96,
                                  window_before=0)}


def train_tiny(tiny, seed=0, settings=TINY["bilstm"]):
    inputs, aligned = tiny
    vocab = Vocab.build(count_values(inputs, aligned, settings.window_before))
    return fit(inputs, aligned, vocab, settings,
               TrainingSettings(epochs=25, batch_docs=1, learning_rate=1e-2, seed=seed))


def test_alignment_labels_every_gold_cue(tiny):
    inputs, aligned = tiny
    for x, gold in zip(inputs, aligned):
        labels = cue_labels(x.doc, gold)
        assert len(labels) == len(x.doc)
        assert labels.count("B") >= sum(1 for a in gold if a.cue)
        assert set(labels) <= {"B", "I", "O"}


def test_segments_cover_each_doc_once_within_the_length_limit(tiny):
    for x in tiny[0]:
        spans = segments(x.doc, x.feats)
        assert [i for s, e in spans for i in range(s, e)] == list(range(len(x.doc)))
        assert all(0 < e - s <= MAX_SEGMENT for s, e in spans)


def test_stage_one_indices_read_through_string_keys_are_those_of_the_token_values(tiny):
    inputs, aligned = tiny
    vocab = Vocab.build(count_values(inputs[:2], aligned[:2]))  # the third article has unseen words
    for x in inputs:
        values = token_values(x.doc)
        expected = [[vocab.index(name, values[name][i]) for name in FIELDS] for i in range(len(x.doc))]
        assert x.ids(vocab).tolist() == expected
    assert any(UNKNOWN in row for row in inputs[2].ids(vocab).tolist())


def test_doc_features_read_off_arrays_match_the_doc(tiny):
    seen = set()
    for x in tiny[0]:
        doc, feats = x.doc, x.feats
        assert feats.sent_starts == [sent.start for sent in doc.sents]
        assert feats.heads == [t.head.i for t in doc] and feats.deps == [t.dep_ for t in doc]
        assert feats.sent_start == [bool(t.is_sent_start) for t in doc]
        assert feats.newline == [t.is_space and "\n" in t.text for t in doc]
        paragraph = [sum("\n" in t.text for t in doc[:i]) for i in range(len(doc))]
        assert feats.para == paragraph
        flags = feats.token_flags()
        for t in doc:
            for name, words in LEXICONS:
                assert flags["lex=" + name][t.i] == (t.lemma_.lower() in words)
                assert flags["head_lex=" + name][t.i] == (t.head.lemma_.lower() in words)
            assert flags["rkind"][t.i] == (reporting_kind(t) is not None)
            below = [c.dep_ for c in t.children]
            assert flags["ccomp+nsubj"][t.i] == ("ccomp" in below and "nsubj" in below)
            assert flags["that_clause"][t.i] == any(c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children)
                                                    for c in t.children)
            assert flags["sent_start"][t.i] == t.is_sent_start and flags["title"][t.i] == t.text[:1].isupper()
        seen.update(name for name, column in flags.items() if column.any())
    assert {"rkind", "that_clause", "ccomp+nsubj", "lex=speech", "head_lex=speech"} <= seen


def test_doc_text_is_built_once_and_rebuilt_for_another_doc(parser_nlp):
    doc = parser_nlp("The mayor said the bridge would reopen.\n\nShe added: \"Soon.\"")
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    other = parser_nlp("The mayor said the bridge would reopen.")
    assert doc_text(other) == other.text


def test_tokens_found_from_the_arrays_are_those_the_token_api_gives(tiny):
    inputs, _ = tiny
    words = {"statement", "father", "poll"}
    seen = set()
    for doc in (x.doc for x in inputs):
        assert token_indices(doc, words) == [t.i for t in doc if t.lemma_.lower() in words]
        assert token_indices(doc, lowers={"trump", "clinton"}) == [t.i for t in doc if t.lower_ in ("trump", "clinton")]
        assert candidate_cues(doc) == [t.i for t in doc if t.lemma_.lower() in REPORTED_LEMMAS or t.lower_ == "according"]
        assert line_breaks(doc) == [t.i for t in doc if "\n" in t.text]
        seen.update(doc[i].lower_ for i in candidate_cues(doc))
    assert {"said", "according"} <= seen
    assert token_indices(inputs[0].doc) == []


def test_stage_two_window_takes_the_paragraphs_its_settings_ask_for(parser_nlp):
    doc = parser_nlp("The vote was close.\n\nShe said it was fair.\n\n\"We won,\" she added.\n\nThe end came.")
    feats = DocInputs(doc, find_attributions(doc)).feats
    said, she, last = doc[7], doc[6], doc[22]
    assert (said.text, she.text, last.text, doc[21].text) == ("said", "She", "The", "\n\n")
    # the paragraph before, the cue's own and the quote paragraph after it; not the last one
    assert window(feats, [said.i], before=1) == range(0, last.i)
    assert window(feats, [said.i], before=0) == range(she.i, last.i)
    assert window(feats, [said.i]) == window(feats, [said.i], before=1)  # as models without the setting
    assert Settings().window_before == 1


def test_stage_two_window_is_bounded_in_one_long_paragraph(parser_nlp):
    doc = parser_nlp(" ".join(['"This is fine," the official said.'] * 200))
    feats = DocInputs(doc, find_attributions(doc)).feats
    cues = [t.i for t in doc if t.text == "said"]
    middle = cues[100]
    assert window(feats, [middle]) == range(middle - MAX_WINDOW_SIDE, middle + 1 + MAX_WINDOW_SIDE)
    assert window(feats, [cues[0]]) == range(0, cues[0] + 1 + MAX_WINDOW_SIDE)


def test_cues_are_decoded_from_token_probabilities(parser_nlp):
    doc = parser_nlp("Officials said on Monday that the talks would go on.")
    probs = torch.tensor([[1.0, 0.0, 0.0]] * len(doc))
    probs[1] = torch.tensor([0.1, 0.8, 0.1])  # "said"
    assert decode_cues(doc, probs.numpy()) == [([1], pytest.approx(0.9))]


@pytest.mark.parametrize("shape", sorted(TINY))
def test_tiny_training_run_predicts_well_formed_attributions(tiny, tmp_path, shape):
    model = train_tiny(tiny, settings=TINY[shape])
    inputs, _ = tiny
    found = model.predict(inputs)
    assert any(found), "a model trained on these articles finds attributions in them"
    for x, items in zip(inputs, found):
        n = len(x.doc.text)
        for item in items:
            assert isinstance(item, ModelFound) and item.rule == "model"
            assert item.content and all(0 <= s < e <= n for s, e in item.content)
            for span in (item.cue, item.source):
                assert span is None or 0 <= span[0] < span[1] <= n
            assert 0.0 <= item.confidence <= 1.0
        assert [f.start for f in items] == sorted(f.start for f in items)
    model.save(tmp_path)
    loaded = NeuralModel.load(tmp_path)
    again = loaded.predict(inputs)
    assert [[(f.content, f.cue, f.source) for f in items] for items in again] == \
           [[(f.content, f.cue, f.source) for f in items] for items in found]


@pytest.mark.parametrize("shape", sorted(TINY))
def test_a_docs_states_do_not_depend_on_the_docs_batched_with_it(tiny, shape):
    inputs, aligned = tiny
    vocab = Vocab.build(count_values(inputs, aligned))
    net = AttributionNet(vocab, TINY[shape]).eval()
    with torch.inference_mode():
        alone = [net.encode(pad_docs([x], vocab, TINY[shape]))[0] for x in inputs]
        together = net.encode(pad_docs(inputs, vocab, TINY[shape]))
    for x, states, row in zip(inputs, alone, together):
        assert torch.allclose(states[:len(x.doc)], row[:len(x.doc)], atol=1e-5)


def test_a_model_reading_spacy_vectors_names_a_doc_without_them(tiny):
    model = train_tiny(tiny, settings=TINY["spacy vectors"])
    inputs, _ = tiny
    doc = inputs[0].doc.copy()
    doc.tensor = numpy.zeros((0, 0), dtype="float32")  # as a Doc read back from a DocBin without them
    with pytest.raises(PipelineError, match=r"Doc\.tensor, 96 per token"):
        model.predict([DocInputs(doc, find_attributions(doc))])


def test_training_is_reproducible_with_a_seed(tiny):
    first, second = train_tiny(tiny, seed=3), train_tiny(tiny, seed=3)
    for (name, a), (_, b) in zip(first.net.state_dict().items(), second.net.state_dict().items()):
        assert torch.allclose(a, b, atol=1e-4), name


def test_platt_scaling_fits_outcomes():
    raw = [0.9] * 10 + [0.3] * 10
    right = [True] * 6 + [False] * 4 + [True] * 2 + [False] * 8
    a, b = platt(raw, right)
    model_a = NeuralModel.__new__(NeuralModel)
    model_a.calibration = {"indirect": (a, b)}
    assert model_a.calibrated(0.9, "indirect") == pytest.approx(0.6, abs=0.01)
    assert model_a.calibrated(0.3, "indirect") == pytest.approx(0.2, abs=0.01)
    assert model_a.calibrated(0.9, "direct") == pytest.approx(0.9)  # no fit for the kind: raw
    assert platt([], []) == (1.0, 0.0) and platt([0.5, 0.7], [True, True]) == (1.0, 0.0)


def test_f1_cut_is_half_the_f1_of_what_it_keeps():
    # 10 gold; made: 6 sure and right, 4 unsure of which 1 is right.
    confidence = [0.9] * 6 + [0.2] * 4
    right = [True] * 6 + [True, False, False, False]
    # Keeping all: F1 = 2 * 7 / 20 = 0.70, half is 0.35 > 0.2, so the unsure go;
    # keeping the 6: F1 = 2 * 6 / 16 = 0.75, half 0.375 keeps them (stable).
    assert f1_cut(confidence, right, 10) == 0.38
    assert f1_cut([], [], 0) == 0.0


def test_a_directory_without_a_model_names_the_missing_files(tmp_path):
    with pytest.raises(PipelineError, match="weights.pt and meta.json"):
        NeuralModel.load(tmp_path)


@pytest.mark.parametrize("sentence, cue, source, target", [
    ("The harbor master was accused of hiding the survey.", "accused", "master", True),
    ("Asked about the fire, the mayor said the pier was safe.", "Asked", "mayor", True),
    ("Ms. Lund chairs the board and has been mentioned as a candidate.", "mentioned", "Lund", True),
    ("The mayor was told that the pier was safe.", "told", "mayor", True),
    ("The mayor is reported to have said that the pier was safe.", "reported", "mayor", False),
    ("The mayor was quoted as saying that the pier was safe.", "quoted", "mayor", False),
    ("The mayor was accused by the union of hiding the survey.", "accused", "mayor", False),
    ("The fishermen were frustrated that the pier was closed.", "frustrated", "fishermen", False),
])
def test_passive_subject_of_a_speech_verb_is_not_its_source(parser_nlp, sentence, cue, source, target):
    doc = parser_nlp(sentence)
    [cue_token] = [t for t in doc if t.text == cue]
    [source_token] = [t for t in doc if t.text == source]
    assert is_passive_target(cue_token, [source_token.i]) is target


def test_a_content_does_not_end_on_an_article_or_a_coordinator(parser_nlp):
    doc = parser_nlp("The mayor complained about the pier the morning after the storm, and the council said "
                     "the repairs would take years and cost millions.\n")
    the = [t.i for t in doc if t.text == "the"]
    last_and = [t.i for t in doc if t.text == "and"][-1]
    runs = [list(range(the[0], the[1] + 1)), list(range(the[-1], last_and + 1))]
    assert [doc[r[0]:r[-1] + 1].text for r in content_fragments(doc, runs)] == ["the pier the morning",
                                                                         "the repairs would take years"]
    quoted = parser_nlp('He said the plan was "bold and" then stopped.\n')
    assert content_fragments(quoted, [list(range(2, 9))]) == [list(range(2, 9))]  # the speaker's own words stay


def _words(doc, text):
    """Token indices of the first occurrence of ``text`` in ``doc``."""
    start = doc.text.index(text)
    return tokens_at(doc, (start, start + len(text)))


@pytest.mark.parametrize("cut, whole", [
    ("the mayor was right when", "the mayor was right when he warned on Tuesday that the old pier could collapse"),
    ("that the old pier", "that the old pier could collapse"),
    ("that the old pier could", "that the old pier could collapse"),
])
def test_a_content_cut_before_the_rest_of_its_clause_runs_on_through_it(parser_nlp, cut, whole):
    doc = parser_nlp("Retired admiral Ann Voss said the mayor was right when he warned on Tuesday that "
                     "the old pier could collapse.\n")
    content = _words(doc, cut)
    completed = complete_clause(doc, content, set(_words(doc, "Retired admiral Ann Voss said")))
    assert doc[completed[0]:completed[-1] + 1].text == whole
    assert completed[:len(content)] == content


def test_a_content_is_not_run_on_over_its_own_cue_or_where_it_ends_a_phrase(parser_nlp):
    doc = parser_nlp("Ann Voss said the mayor was right when he warned that the pier could collapse.\n")
    cut = _words(doc, "the mayor was right when")
    assert complete_clause(doc, cut, set(_words(doc, "warned"))) == cut  # "warned" is its cue
    whole = _words(doc, "the mayor was right")
    assert complete_clause(doc, whole, set()) == whole


def test_a_report_the_completed_content_swallowed_is_dropped_unless_that_one_is_unsure():
    outer = ModelFound(content=[(10, 90)], cue=(5, 9), source=(0, 4), rule="model", added=(40, 90),
                       probability=0.8)
    nested = ModelFound(content=[(55, 90)], cue=(45, 50), source=(41, 44), rule="model", probability=0.9)
    before = ModelFound(content=[(20, 30)], cue=(12, 18), source=None, rule="model", probability=0.9)
    after = ModelFound(content=[(100, 120)], cue=(92, 98), source=None, rule="model", probability=0.9)
    assert drop_swallowed([outer, nested, before, after], 0.5) == [outer, before, after]
    assert drop_swallowed([outer, nested, before, after], 0.85) == [outer, nested, before, after]
