"""The MiniLM encoder: its token vectors in float32 and in bfloat16."""
import numpy
import pytest

from saidwhat.errors import PipelineError
from saidwhat.model.encoder import DIM, TokenEncoder, native_bfloat16


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
