"""Name chains and quotation marks: which named mentions are one entity."""
from saidwhat.speakers.names import name_chains
from saidwhat.speakers.prose import QuoteIndex


def test_a_surname_two_people_share_is_the_one_named_more_often(parser_nlp):
    doc = parser_nlp("Bill Hart stumps for wife in Flint\n"
                     "Former Governor Bill Hart campaigned for his wife Joan Hart on Monday. Hart said she "
                     "would win.\n")
    mentions = name_chains(doc)
    assert [(m.text, m.entity.name) for m in mentions if m.entity.type == "person"] == [
        ("Bill Hart", "Bill Hart"), ("Bill Hart", "Bill Hart"), ("Joan Hart", "Joan Hart"), ("Hart", "Bill Hart")]
    assert mentions[-1].entity.gender == "male"  # "his wife" made neither of them male


def test_quote_index_counts_marks_on_the_offsets_line_only():
    text = 'He said "we are ready" and left, "then" came back.\n\u201cNo,\u201d she said "fine".'
    index = QuoteIndex(text)
    assert [index.quoted(text.index(w)) for w in ("ready", "left", "then", "No", "she", "fine")] == [
        True, False, True, True, False, True]
    assert index.line_start(text.index("she")) == text.index("\u201cNo")
    assert index.line_start(text.index("left")) == 0
