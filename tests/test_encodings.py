"""The same drafts saved in every encoding a seller's editor may use: each is decoded to
exactly its text, and --fix writes it back in the same encoding (byte order and BOM too)."""

from __future__ import annotations

import codecs

import pytest

from appeal_lint.fix import write_fixed
from appeal_lint.source import read_path

DRAFTS = {
    "curly quotes": "Dear Seller Performance Team,\n\nWe didn\u2019t check the \u201chandling time\u201d setting \u2013 our mistake\u2026\n",
    "accented names": "Mr. M\u00fcller and Mrs. G\u00f3mez of our K\u00f6ln warehouse checked every parcel; the caf\u00e9 order was refunded.\n",
    "one accent": "\u00dcber die Lieferung: we refunded the buyer.\n",
    "full-width punctuation": "We refunded the buyer\uff0cand removed the listing\u3002\n",
    "simplified Chinese": "根本原因：我们没有检查库存。We did not check stock before listing.\n",
    "traditional Chinese": "根本原因：我們沒有檢查庫存。We did not check stock before listing.\n",
    "two characters": "我們\n",
}

# how the file is written -> (bytes, the encoding appeal-lint should report)
SAVERS = {
    "UTF-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "UTF-8 with BOM": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    "UTF-16 LE with BOM": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16"),
    "UTF-16 BE with BOM": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    "UTF-16 LE": (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    "UTF-16 BE": (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    "GBK": (lambda t: t.encode("gbk"), None),
    "GB18030": (lambda t: t.encode("gb18030"), None),
    "Big5": (lambda t: t.encode("big5"), "big5"),
    "Windows-1252": (lambda t: t.encode("cp1252"), None),
}


def cases():
    for draft, text in DRAFTS.items():
        for saver, (save, encoding) in SAVERS.items():
            try:
                data = save(text)
            except UnicodeEncodeError:
                continue  # that encoding cannot hold this draft
            if data.decode("utf-8", "ignore") == text and saver in ("GBK", "GB18030", "Big5", "Windows-1252"):
                continue  # plain ASCII: the same bytes as UTF-8
            if saver in ("UTF-16 LE", "UTF-16 BE") and not any(c.isascii() and c.isalpha() for c in text):
                continue  # without a BOM, UTF-16 is recognised by the NUL bytes of Latin letters
            if encoding is None:  # legacy: ASCII-compatible, only what is non-ASCII tells
                encoding = "gb18030" if saver in ("GBK", "GB18030") else "cp1252"
            yield pytest.param(text, data, encoding, id=f"{draft} in {saver}")


@pytest.mark.parametrize("text,data,encoding", list(cases()))
def test_each_saved_draft_decodes_to_its_text(tmp_path, text, data, encoding):
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    source = read_path(str(path))
    assert source.text == text
    assert source.encoding == encoding


@pytest.mark.parametrize("text,data,encoding", list(cases()))
def test_fix_writes_back_in_the_same_encoding(tmp_path, text, data, encoding):
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    source = read_path(str(path))
    added = "\nChecked again.\n"
    write_fixed(str(path), source.text, source.text + added, source.encoding)
    again = path.read_bytes()
    assert again.startswith(data)  # the old bytes untouched: same encoding, same BOM, same byte order
    assert read_path(str(path)).text == text + added


# -- property tests: Western and Chinese drafts in their legacy encodings -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from appeal_lint.source import decode  # noqa: E402

_plain = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_accented = st.builds(lambda a, c, b: a + c + b, st.text(alphabet="bcdlmnrst", max_size=4), st.sampled_from(list("éèüöäàçñíóúâêß")), st.text(alphabet="aeilnorst", max_size=4))
_western_word = st.one_of(_plain, _plain, _accented, _plain.map(lambda w: f"\u201c{w}\u201d"), _plain.map(lambda w: f"{w}\u2019s"), st.just("\u2013"))
western = st.lists(_western_word, min_size=3, max_size=30).map(" ".join).filter(lambda t: not t.isascii())


@settings(max_examples=150, deadline=None)
@given(text=western)
def test_western_drafts_in_windows_1252_decode_exactly(text):
    assert decode(text.encode("cp1252")) == (text, "cp1252")


_chinese = st.text(alphabet="我们没有检查库存根本原因客户订单发货退款问题已经改进措施", min_size=2, max_size=12)
_english = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20)
chinese = st.lists(st.one_of(_chinese, _english, st.sampled_from(["，", "。", "：", "（", "）", "“", "”"])), min_size=2, max_size=12).map("".join).filter(lambda t: any("\u4e00" <= c <= "\u9fff" for c in t))


@settings(max_examples=150, deadline=None)
@given(text=chinese)
def test_simplified_chinese_drafts_in_gbk_decode_exactly(text):
    assert decode(text.encode("gbk")) == (text, "gb18030")
