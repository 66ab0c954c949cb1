"""Reading inputs: every kind of file, and every kind of bad input, named and skipped."""
import io
import json

import os

import pytest

from saidwhat.errors import InputError
from saidwhat.io.reading import read_inputs
from saidwhat.schema import Article

PAGE = """<html><head><title>Ferry fares to rise, council says</title>
<meta name="author" content="Ana Lopes"><meta property="article:published_time" content="2026-04-03">
</head><body><nav>Home | Local | Sport</nav><article><h1>Ferry fares to rise, council says</h1>
<p>The council said on Friday that ferry fares would rise by a fifth in June.</p>
<p>"We have held fares for six years, and we cannot hold them any longer," said Ruth Imre, who chairs the transport committee.</p>
</article><footer>© Harbour Gazette</footer></body></html>"""


def read(paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_txt_file_id_is_its_stem_and_text_is_verbatim(tmp_path):
    path = tmp_path / "ferry-story.txt"
    path.write_bytes("Line one.\r\nLine “two”.\n".encode("utf-8"))
    [article] = read([path])
    assert article == Article(id="ferry-story", text="Line one.\r\nLine “two”.\n")


def test_empty_file_is_an_article_with_no_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    assert read([path]) == [Article(id="empty", text="")]


def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "fares.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read([path])
    assert article.id == "fares"
    assert article.title == "Ferry fares to rise, council says"
    assert article.meta == {"author": "Ana Lopes", "date": "2026-04-03"}
    assert "Home | Local" not in article.text
    assert "The council said on Friday that ferry fares would rise by a fifth in June." in article.text


def test_jsonl_records_keep_extra_fields_and_report_bad_lines(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Officials said so.", "url": "https://example.org/a1"}),
        "",
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "No id here, she said."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([path])
    assert items[0] == Article(id="a1", text="Officials said so.", meta={"url": "https://example.org/a1"})
    assert [str(e) for e in items[1:4]] == [
        f"{path}:3: bad JSON: Expecting property name enclosed in double quotes (column 2)",
        f'{path}:4: record has no "text" string',
        f"{path}:5: expected a JSON object, got list",
    ]
    assert items[4] == Article(id="dump-6", text="No id here, she said.")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("latin1.txt", "Caf\xe9 owners said no.".encode("latin-1"), "not UTF-8 (invalid continuation byte at byte 3); convert it with iconv first"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), expected UTF-8 text"),
        ("late.txt", b"The council met. " * 1000 + b"\x00\x01", "binary file (contains NUL bytes), expected UTF-8 text"),
        ("wide.txt", "The council met.".encode("utf-16"), "UTF-16 text, expected UTF-8; convert it with iconv -f UTF-16 -t UTF-8 first"),
        ("wide-le.txt", "The council met, she said.".encode("utf-16-le"),
         "UTF-16 text, expected UTF-8; convert it with iconv -f UTF-16 -t UTF-8 first"),
    ],
)
def test_undecodable_files_are_reported(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    [error] = read([path])
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: {reason}"


def test_missing_file_is_reported_and_others_still_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The port reopened, officials said.")
    items = read([tmp_path / "missing.txt", good])
    assert str(items[0]) == f"{tmp_path / 'missing.txt'}: no such file or directory"
    assert items[1].id == "good"


def test_directory_is_walked_in_sorted_order_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b.txt").write_text("B")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    assert [a.id for a in read([tmp_path])] == ["b", "a"]


def test_empty_directory_is_reported(tmp_path):
    [error] = read([tmp_path])
    assert str(error) == f"{tmp_path}: directory holds no .txt, .html or .jsonl files"


def test_stdin_is_sniffed_as_text_or_jsonl():
    [text] = read_inputs(["-"], stdin=io.BytesIO("Rain is coming, forecasters said.".encode()))
    assert text == Article(id="stdin", text="Rain is coming, forecasters said.")
    records = io.BytesIO(b'{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n')
    assert [a.id for a in read_inputs(["-"], stdin=records)] == ["x", "y"]


def test_unknown_input_format_is_refused():
    with pytest.raises(ValueError, match="unknown input format 'xml'"):
        list(read_inputs(["-"], input_format="xml"))


def test_a_folder_that_cannot_be_read_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("The port reopened, officials said.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Hidden from the walk.")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):  # as a folder without read permission does (root reads all)
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = read([tmp_path])
    assert [str(i) if isinstance(i, InputError) else i.id for i in items] == [
        f"{locked}: cannot read this folder (permission denied)", "a"]
