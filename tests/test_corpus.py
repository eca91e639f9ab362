import pytest

from geomap.corpus import decode, find_date, html_to_text, iter_files, read_document
from geomap.errors import CorpusError


@pytest.mark.parametrize("text, date", [
    ("date 2022-02-01 According to Press Secretary Jen Psaki", "2022-02-01"),
    ("Headline\nDate: 2023-03-14\n\nBody", "2023-03-14"),
    ("Headline\nDate: March 14, 2023\n\nBody", "2023-03-14"),
    ("March 3, 2023 - Russia moved troops", "2023-03-03"),
    ("KYIV, March 3, 2023 - Russia moved troops", "2023-03-03"),
    ("Russia moved troops in March 2023.", None),   # no header: never invent a date
    ("Date: sometime soon\nBody", None),
])
def test_find_date(text, date):
    assert find_date(text) == date


def test_encodings(tmp_path):
    text = "Росія перекинула 5000 військових. Kyiv said."
    cases = {
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "cp1251.txt": ("Россия перебросила войска в Белоруссию, сообщили в Минске. " * 5).encode("cp1251"),
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
    assert read_document(tmp_path / "bom.txt").text == text
    assert read_document(tmp_path / "utf16.txt").text == text
    assert "Белоруссию" in read_document(tmp_path / "cp1251.txt").text


@pytest.mark.parametrize("raw, reason", [(b"\x00\x01\x02binary", "binary"), (b"   \n", "empty")])
def test_bad_files_raise_with_the_file_name(tmp_path, raw, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(CorpusError, match=rf"bad\.txt: {reason}"):
        read_document(path)


def test_html_keeps_visible_text_only():
    text = html_to_text("<html><head><title>x</title><script>alert(1)</script></head>"
                        "<body><p>5,000 troops &amp; tanks</p><p>in Belarus</p></body></html>")
    assert "alert" not in text and "5,000 troops & tanks" in text and "in Belarus" in text


def test_iter_files_is_sorted_and_nested(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("z.txt", "a.md", "b/c.html", "skip.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [n for _, n in iter_files([tmp_path])] == ["a.md", "b/c.html", "z.txt"]


def test_decode_utf8_first():
    assert decode("Gdańsk".encode("utf-8"), None) == "Gdańsk"


def test_linked_folders_are_read_once(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("x", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(real, target_is_directory=True)
    (real / "back").symlink_to(corpus, target_is_directory=True)  # a loop
    names = [n for _, n in iter_files([corpus])]
    assert names == ["linked/a.txt"]
