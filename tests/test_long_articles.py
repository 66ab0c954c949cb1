"""Long articles and long paragraphs: bounded work per look-up, bounded memory per piece,
and one thread per process unless asked."""
import random

import pytest
import torch

from saidwhat.errors import PipelineError
from saidwhat.extract.span_index import SpanIndex
from saidwhat.model.inputs import DocInputs
from saidwhat.model.network import STAGE1_ROWS, pad_docs
from saidwhat.model.runtime import THREADS_VARIABLE, extraction_threads

QUOTE = '"The port will stay open," the port official said. '


def test_the_span_index_finds_what_a_look_at_every_pair_finds():
    rng = random.Random(3)
    spans = []
    for k in range(300):
        start = rng.randrange(0, 2000)
        spans.append(((start, start + rng.randrange(1, 300)), k))
    index = SpanIndex(spans)
    for _ in range(300):
        start = rng.randrange(0, 2200)
        query = (start, start + rng.randrange(1, 120))
        assert sorted(index.covering(query)) == sorted(k for (s, e), k in spans if s <= query[0] and query[1] <= e)
        assert sorted(index.within(query)) == sorted(k for (s, e), k in spans if query[0] <= s and e <= query[1])
    assert list(index.covering(None)) == []


def test_stage_one_read_in_parts_gives_the_states_of_one_pass(nlp, rules_extractor):
    """The model reads a long Doc STAGE1_ROWS segments at a time: the states are those of
    all its segments in one pass, to float precision."""
    finder = nlp.get_pipe("saidwhat")
    model = finder.model
    text = "\n\n".join(QUOTE * 3 for _ in range(STAGE1_ROWS + 20))
    doc = rules_extractor.nlp(text)
    inputs = DocInputs(doc, [], finder.encoder.encode([doc])[0])
    assert len(inputs.segments) > STAGE1_ROWS
    with torch.inference_mode():
        whole = model.net.encode(pad_docs([inputs], model.vocab, model.net.settings))
        parts = model.net.encode_docs([inputs], model.vocab)
    assert parts.shape == whole.shape
    assert torch.allclose(parts, whole, atol=1e-5)


def test_one_paragraph_of_many_quotes_gives_every_quote_its_speaker(extractor):
    text = " ".join(f'"We moved {k} crates today," the port official said.' for k in range(300))
    article = extractor.extract(text)
    assert len(article.attributions) == 300
    assert [a.content.text for a in article.attributions[:2]] == ['"We moved 0 crates today,"', '"We moved 1 crates today,"']
    assert {a.cue.text for a in article.attributions} == {"said"}
    assert [(s.name, s.type, s.attributions) for s in article.speakers] == [(None, "person", 300)]
    assert {a.source.text for a in article.attributions} == {"the port official"}


def test_a_model_computes_on_one_thread_unless_asked(nlp, monkeypatch):
    assert torch.get_num_threads() == 1
    monkeypatch.setenv(THREADS_VARIABLE, "3")
    assert extraction_threads() == 3
    monkeypatch.setenv(THREADS_VARIABLE, "many")
    with pytest.raises(PipelineError, match="SAIDWHAT_THREADS='many'"):
        extraction_threads()
