"""Word drafts: read with python-docx wherever drafts are read, findings located by
paragraph, never written by --fix, bad files reported in one line."""

from __future__ import annotations

import json

import docx
import pytest

from appeal_lint.cli import main
from appeal_lint.source import expand_paths, read_path


def make_docx(path, paragraphs):
    """``paragraphs``: (style or None, text) pairs."""
    document = docx.Document()
    for style, text in paragraphs:
        if style and style.startswith("Heading"):
            document.add_heading(text, level=int(style[-1]))
        else:
            document.add_paragraph(text, style=style)
    document.save(path)
    return str(path)


LETTER = [
    (None, "Dear Seller Performance Team,"),
    (None, ""),
    ("Heading 2", "Root cause"),
    (None, "The buyer lied about the damage. We will try our best."),
    ("Heading 2", "Actions taken"),
    ("List Bullet", "We refunded 3 buyers on May 4，and removed the listing."),
    ("List Bullet", "We retrained our staffs on May 5."),
    ("Heading 2", "Preventive measures"),
    (None, "From June 1 our warehouse lead checks every order before the 3 pm pickup."),
    (None, "Sincerely,"),
    (None, "Li Wei"),
]


def run(capsys, *args):
    code = main(["--no-grammar", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_docx_text_keeps_the_layout(tmp_path):
    source = read_path(make_docx(tmp_path / "poa.docx", LETTER))
    assert source.encoding == "docx"
    assert "## Root cause\n\nThe buyer lied" in source.text
    assert "- We refunded 3 buyers on May 4，and removed the listing.\n- We retrained" in source.text


def test_findings_are_located_by_paragraph(capsys, tmp_path):
    path = make_docx(tmp_path / "poa.docx", LETTER)
    code, out, _ = run(capsys, "--format", "json", path)
    assert code == 1
    data = json.loads(out)["files"][0]
    document = docx.Document(path)
    by_rule = {f["rule"]: f for f in data["findings"]}
    for rule, number in (("ownership.blames-buyer", 4), ("hygiene.fullwidth-punctuation", 6), ("language.uncountable-plural", 7)):
        f = by_rule[rule]
        where = f["paragraph"]
        assert where["number"] == number
        word_text = document.paragraphs[number - 1].text
        assert word_text[where["offset"] : where["offset"] + len(f["text"])] == f["text"]
    assert "structure.missing-root-cause" not in by_rule  # the Word heading is read as a heading


def test_text_output_names_the_word_paragraph(capsys, tmp_path):
    _, out, _ = run(capsys, make_docx(tmp_path / "poa.docx", LETTER))
    assert "¶4 | The buyer lied about the damage." in out


def test_folder_scan_finds_docx_but_not_word_lock_files(tmp_path):
    make_docx(tmp_path / "a.docx", LETTER)
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / "b.txt").write_text("We refunded 3 buyers.\n", encoding="utf-8")
    assert [p.rsplit("/", 1)[-1] for p in expand_paths([str(tmp_path)])] == ["a.docx", "b.txt"]


def test_fix_refuses_docx_and_leaves_it_untouched(capsys, tmp_path):
    path = make_docx(tmp_path / "poa.docx", LETTER)
    before = open(path, "rb").read()
    code, _, err = run(capsys, "--fix", path)
    assert open(path, "rb").read() == before
    assert "do not edit Word (.docx) files" in err and "Traceback" not in err
    assert code == 1  # the letter still fails the gate; no crash, no usage error
    _, out, err = run(capsys, "--diff", path)
    assert out == "" and "do not edit Word" in err


@pytest.mark.parametrize("data,fragment", [
    (b"not a zip at all", "not a readable Word (.docx) document"),
    (b"PK\x03\x04broken", "not a readable Word (.docx) document"),
])
def test_broken_docx_is_one_line_error(capsys, tmp_path, data, fragment):
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    code, _, err = run(capsys, str(path))
    assert code == 2 and fragment in err and "Traceback" not in err


def test_empty_docx(capsys, tmp_path):
    code, _, err = run(capsys, make_docx(tmp_path / "empty.docx", [(None, "")]))
    assert code == 2 and "has no text" in err
