"""Reading drafts: encodings are decoded, bad input becomes a clear InputError."""

from __future__ import annotations

import codecs

import pytest

from appeal_lint.errors import InputError
from appeal_lint.source import decode, expand_paths, read_path

TEXT = "Root cause: we did not check stock.\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (("我们" + TEXT).encode("gb18030"), "gb18030"),
        (("根本原因：" + TEXT).encode("gbk"), "gb18030"),
    ],
)
def test_decode(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert text.endswith(TEXT)
    assert "\ufeff" not in text


def test_binary_is_refused(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError) as err:
        read_path(str(path))
    assert err.value.code == "binary"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_is_refused(tmp_path, content):
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_path(str(path))
    assert err.value.code == "empty"


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError) as err:
        read_path(str(tmp_path / "nope.txt"))
    assert err.value.code == "not-found"
    with pytest.raises(InputError) as err:
        read_path(str(tmp_path))
    assert err.value.code == "is-directory"


def test_too_large(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputError) as err:
        read_path(str(path), max_bytes=100)
    assert err.value.code == "too-large"
    assert read_path(str(path), max_bytes=0).text.startswith("word")


def test_expand_paths_recurses_and_skips_hidden(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "one.md").write_text(TEXT)
    (tmp_path / "two.txt").write_text(TEXT)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".git" / "x.txt").write_text(TEXT)
    found = expand_paths([str(tmp_path)])
    assert [p.replace(str(tmp_path), "") for p in found] == ["/two.txt", "/a/one.md"] or sorted(found) == sorted(
        [str(tmp_path / "two.txt"), str(tmp_path / "a" / "one.md")]
    )
