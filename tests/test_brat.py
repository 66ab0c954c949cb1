"""brat both ways: PolNeAR's gold read (saidwhat.io.gold) and attributions written
(saidwhat.io.formats.brat), and what is written reads back."""
import pytest

from saidwhat.errors import GoldDataError
from saidwhat.io.formats.base import Writer
from saidwhat.io.formats.brat import BratWriter, annotation_conf, safe_file_stem, to_ann
from saidwhat.io.gold import (GoldArticle, GoldAttribution, annotation_files, load_compartment, parse_ann, read_ann,
                              read_text)
from saidwhat.schema import Article, Attribution, TextSpan
from tests.format_examples import make_briefing

TEXT = (
    "Officials said on Tuesday that the pier\nwould close. The council, a spokesman added, "
    '"has no money." Rain was expected, it was reported. "We will rebuild."'
)


def _offsets(phrase):
    start = TEXT.index(phrase)
    return [(start, start + len(phrase))]


def _span(*phrases):
    return TextSpan.from_offsets(TEXT, [o for p in phrases for o in _offsets(p)])


def _article(article_id="pier", text=TEXT):
    return Article(
        id=article_id,
        text=text,
        attributions=[
            Attribution(1, "indirect", _span("that the pier\nwould close"), _span("said"), _span("Officials")),
            Attribution(2, "mixed", _span("The council", '"has no money."'), _span("added"), _span("a spokesman")),
            Attribution(3, "indirect", _span("Rain was expected"), _span("was reported")),
            Attribution(4, "direct", _span('"We will rebuild."'), source=_span("Officials")),
        ],
    )


SIMPLE_ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 26 39\tthat the pier\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
)


def test_to_ann_exact_lines():
    article = Article(id="x", text=TEXT, attributions=[
        Attribution(1, "indirect", _span("that the pier"), _span("said"), _span("Officials")),
    ])
    assert to_ann(article) == SIMPLE_ANN


def test_round_trip_gives_the_same_spans():
    nl = TEXT.index("\n")
    parsed = parse_ann(to_ann(_article()))
    assert parsed == [
        GoldAttribution(source=_offsets("Officials"), cue=_offsets("said"),
                        # The fragment holding a newline is split around it.
                        content=[(_offsets("that the pier")[0][0], nl), (nl + 1, _offsets("would close")[0][1])]),
        GoldAttribution(source=_offsets("a spokesman"), cue=_offsets("added"),
                        content=_offsets("The council") + _offsets('"has no money."')),
        GoldAttribution(cue=_offsets("was reported"), content=_offsets("Rain was expected")),
        GoldAttribution(source=_offsets("Officials"), content=_offsets('"We will rebuild."')),
    ]


def test_to_ann_lines_stay_on_one_line_and_match_the_text():
    ann = to_ann(_article())
    textbounds = [line.split("\t") for line in ann.splitlines() if line.startswith("T")]
    for tid, label_offsets, surface in textbounds:
        fragments = [tuple(map(int, f.split())) for f in label_offsets.split(" ", 1)[1].split(";")]
        assert surface == " ".join(TEXT[s:e] for s, e in fragments)
        assert "\n" not in surface


def test_to_ann_anchors_and_shared_spans():
    lines = to_ann(_article()).splitlines()
    labels = [line.split("\t")[1].split(" ")[0] for line in lines if line.startswith("T")]
    # One Source line for "Officials", used by two attributions.
    assert labels.count("Source") == 2
    assert labels.count("Attribution") == 3
    assert labels.count("Attribution-no-source") == 1
    events = [line for line in lines if line.startswith("E")]
    assert len(events) == 4
    assert events[2].split("\t")[1].startswith("Attribution-no-source:")
    assert "Source:" not in events[2]
    # Without a cue the anchor lies on the content's first fragment.
    anchor_id = events[3].split("\t")[1].split()[0].split(":")[1]
    content_id = events[3].split("Content:")[1]
    spans = {line.split("\t")[0]: line.split("\t")[1].split(" ", 1)[1] for line in lines if line.startswith("T")}
    assert spans[anchor_id] == spans[content_id]
    assert "Cue:" not in events[3]


def test_to_ann_without_text_raises():
    with pytest.raises(ValueError, match="'pier' has no text"):
        to_ann(_article(text=None))


def test_to_ann_span_outside_text_raises():
    article = Article(id="x", text="short", attributions=[
        Attribution(1, "indirect", TextSpan(((0, 50),), "short")),
    ])
    with pytest.raises(ValueError, match="outside the article text"):
        to_ann(article)


def test_parse_ann_polnear_lines():
    ann = (
        "T1\tSource 0 9\tOfficials\n"
        "T2\tCue 10 14\tsaid\n"
        "T3\tContent 26 39;40 51\tthat the pier would close\n"
        "T4\tContent 53 64\tThe council\n"
        "T5\tAttribution 10 14\tsaid\n"
        "E1\tAttribution:T5 Content:T3 Cue:T2 Source:T1 Content2:T4\n"
        "#1\tAnnotatorNotes T3\tsplit content\n"
        "T6\tDiscard 120 140\tRain was expected\n"
        "T7\tCue 96 101\tadded\n"
        "T8\tAttribution-no-source 96 101\tadded\n"
        "E2\tAttribution-no-source:T8 Cue:T7\n"
        "T9\tSource no offsets\n"
        "E3 no tab\n"
        "continuation of a surface text\n"
    )
    assert parse_ann(ann) == [
        GoldAttribution(source=((0, 9),), cue=((10, 14),), content=((26, 39), (40, 51), (53, 64))),
    ]


def test_parse_ann_crlf_line_ends():
    assert parse_ann(SIMPLE_ANN.replace("\n", "\r\n")) == parse_ann(SIMPLE_ANN)


def test_read_ann_reads_files(tmp_path):
    path = tmp_path / "a_1234.ann"
    path.write_text(SIMPLE_ANN, encoding="utf-8")
    assert read_ann(path) == read_ann(str(path)) == parse_ann(SIMPLE_ANN)


def test_parse_ann_takes_only_text():
    """A path given as text is text: nothing is read."""
    assert parse_ann("") == []
    assert parse_ann("attributions/a_1234.ann") == []


def test_read_ann_missing_file_names_it(tmp_path):
    with pytest.raises(GoldDataError, match="nothing_1234.ann"):
        read_ann(tmp_path / "nothing_1234.ann")


def test_gold_attribution_keeps_tuples_and_names_its_roles():
    attribution = GoldAttribution(source=[[0, 9]], content=[(26, 39), (40, 51)])
    assert attribution == GoldAttribution(((0, 9),), (), ((26, 39), (40, 51)))
    assert attribution.spans("source") == ((0, 9),) and attribution.spans("cue") == ()
    assert len({attribution, GoldAttribution(source=[(0, 9)], content=[(26, 39), (40, 51)])}) == 1
    with pytest.raises(ValueError, match="unknown role 'speaker'"):
        attribution.spans("speaker")


def test_read_text_keeps_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("one\r\ntwo\rthree\n".encode("utf-8"))
    assert read_text(path) == "one\r\ntwo\rthree\n"


# Annotator files by stem: "b" has two (one empty), "no-annotations" none.
TWO_ANNOTATED = {
    "b": {"ffff": "", "0abc": SIMPLE_ANN},
    "a": {"1234": SIMPLE_ANN},
    "no-annotations": {},
}


def _compartment(root, articles):
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for stem, anns in articles.items():
        (root / "text" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
        for annotator, ann in anns.items():
            (root / "attributions" / f"{stem}_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


def test_load_compartment(tmp_path):
    root = _compartment(tmp_path / "dev", TWO_ANNOTATED)
    gold = load_compartment(root)
    assert list(gold) == ["a", "b"]
    ann_path = root / "attributions" / "b_0abc.ann"
    assert gold["b"] == GoldArticle("b", TEXT, tuple(parse_ann(SIMPLE_ANN)), ann_path)


def test_annotation_files_lists_every_annotator_in_order(tmp_path):
    root = _compartment(tmp_path / "train", TWO_ANNOTATED)
    files = annotation_files(root)
    assert list(files) == ["a", "b"]
    assert files["b"] == (root / "text" / "b.txt",
                          [root / "attributions" / "b_0abc.ann", root / "attributions" / "b_ffff.ann"])
    assert [path.name for path in files["a"][1]] == ["a_1234.ann"]


def test_load_compartment_missing_directory(tmp_path):
    with pytest.raises(GoldDataError, match="has no text/ folder"):
        load_compartment(tmp_path / "missing")


def test_load_compartment_missing_attributions(tmp_path):
    (tmp_path / "text").mkdir()
    with pytest.raises(GoldDataError, match="has no attributions/ folder"):
        load_compartment(tmp_path)


def test_load_compartment_without_articles(tmp_path):
    root = _compartment(tmp_path, {"lonely": {}})
    with pytest.raises(GoldDataError, match="no article has both"):
        load_compartment(root)


def test_annotation_conf_sections():
    conf = annotation_conf()
    headers = [line for line in conf.splitlines() if line.startswith("[")]
    assert headers == ["[entities]", "[relations]", "[events]", "[attributes]"]
    assert "Attribution\tSource:Source, Cue?:Cue, Content+:Content" in conf.splitlines()
    assert "Attribution-no-source\tCue?:Cue, Content+:Content" in conf.splitlines()
    entities = conf.split("[entities]\n")[1].split("\n\n")[0].splitlines()
    assert entities == ["Source", "Cue", "Content", "Discard", "Discuss"]


def test_brat_writer_writes_files(tmp_path):
    out = tmp_path / "out"
    text = TEXT.replace("\n", "\r\n")
    writer = BratWriter(out)
    assert isinstance(writer, Writer) and writer.name == "brat" and writer.writes_directory
    assert writer.stream is None
    article = _article("site/pier", text=text)
    writer.write(article)
    writer.close()
    assert sorted(p.name for p in out.iterdir()) == ["annotation.conf", "site_pier.ann", "site_pier.txt"]
    assert (out / "site_pier.txt").read_bytes() == text.encode("utf-8")
    assert (out / "site_pier.ann").read_text(encoding="utf-8") == to_ann(article)
    assert (out / "annotation.conf").read_text(encoding="utf-8") == annotation_conf()


def test_brat_writer_disambiguates_ids(tmp_path):
    writer = BratWriter(tmp_path)
    for article_id in ("a/b", "a_b", "A_B", "a_b-2"):
        writer.write(_article(article_id))
    writer.close()
    stems = sorted(p.stem for p in tmp_path.glob("*.txt"))
    assert stems == ["A_B-3", "a_b", "a_b-2", "a_b-2-2"]
    assert all(read_ann(tmp_path / f"{stem}.ann") == parse_ann(to_ann(_article())) for stem in stems)


def test_brat_writer_without_text_raises(tmp_path):
    writer = BratWriter(tmp_path)
    with pytest.raises(ValueError, match="no text"):
        writer.write(_article("empty", text=None))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "article_id,stem",
    [("plain-id_1.2", "plain-id_1.2"), ("../etc/passwd", "_etc_passwd"), ("", "article"),
     ("Zürich: news?", "Z_rich_news_"), ("x" * 300, "x" * 120)],
)
def test_safe_file_stem(article_id, stem):
    assert safe_file_stem(article_id) == stem



def test_brat_keeps_the_sources_as_written(tmp_path):
    """brat gets the source spans of the text ("she", "the minister"), never the speaker's name."""
    briefing = make_briefing()
    writer = BratWriter(tmp_path)
    writer.write(briefing)
    writer.close()
    ann = (tmp_path / "ferry.ann").read_text(encoding="utf-8")
    assert [line for line in ann.splitlines() if "\tSource " in line] == [
        "T1\tSource 36 64\tTransport Minister Joan Pike",
        "T5\tSource 127 130\tshe",
        "T11\tSource 204 215\tA spokesman",
        "T15\tSource 221 233\tthe minister",
    ]
    assert "E3\tAttribution:T10 Source:T5 Content:T9" in ann.splitlines()  # the continued quote
    assert [a.source for a in parse_ann(ann)] == [a.source.spans for a in briefing.attributions]
    # Speakers change nothing in the standoff.
    bare = make_briefing()
    bare.speakers = []
    for attribution in bare.attributions:
        attribution.speaker = None
    assert to_ann(bare) == ann
