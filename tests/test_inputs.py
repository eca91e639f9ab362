"""Reading exports, feeds, saved pages and standard input (geomap/readers/, geomap/dates.py).

Every file is written here, small, with the rows a real export holds: ones without text,
malformed lines, unreadable dates, duplicates.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc

import pytest

from geomap.corpus import Skipped
from geomap.dates import parse_date
from geomap.readers import DocTask, FileTask, Fields, Note, Options, iter_tasks, read_single, sniff
from geomap.readers.pages import read_page


def _summary(tasks):
    """Each task as a tuple: an article's id, date, title, url, source and text; a skip or note with its reason."""
    out = []
    for t in tasks:
        if isinstance(t, DocTask):
            d = t.document
            out.append(("doc", d.doc, d.date, d.title, d.url, d.source, d.text))
        elif isinstance(t, Skipped):
            out.append(("skipped", t.reason))
        elif isinstance(t, Note):
            out.append(("note", t.reason))
        else:
            out.append(("file", t.name))
    return out


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("value, expected", [
    ("2022-02-01", "2022-02-01"),
    ("Feb 1, 2022", "2022-02-01"),
    ("February 1st, 2022", "2022-02-01"),
    ("1 February 2022 14:05 UTC", "2022-02-01"),
    ("Tue, 01 Feb 2022 23:05:00 -0500", "2022-02-01"),  # RFC 822: the day written, not moved to UTC
    ("Tue, 01 Feb 2022 09:15:00 GMT", "2022-02-01"),
    ("2022-02-01T23:30:00-05:00", "2022-02-01"),
    ("2022-02-01T23:30:00Z", "2022-02-01"),
    ("2022-02-01T08:30:00.123+03:00", "2022-02-01"),
    ("20220201T120000Z", "2022-02-01"),                 # GDELT seendate
    ("20220201143000", "2022-02-01"),                   # GDELT, digits only: not an epoch in milliseconds
    (1643673600, "2022-02-01"),                         # epoch seconds
    ("1643673600", "2022-02-01"),
    (1643673600000, "2022-02-01"),                      # epoch milliseconds
    ("01.02.2022", "2022-02-01"),                       # day first, as written in Europe
    ("13/02/2022", "2022-02-13"),                       # only one reading
    ("Published: 14 Mar 2023", "2023-03-14"),
    # never guessed
    ("01/02/2022", None),                               # January or February?
    ("5 March", None),                                  # no year
    ("March 2022", None),                               # no day
    ("Monday", None),
    ("2022", None),
    ("soon", None),
    ("", None),
    (None, None),
    (True, None),
    (-5, None),
])
def test_dates_people_write(value, expected):
    assert parse_date(value) == expected


# ---------------------------------------------------------------- CSV / TSV

CSV = (
    'title,text,date,url,source,extra\n'
    'Troops to Belarus,"Russia has sent 5,000 troops to Belarus, officials said.",2022-02-01,https://a.example/1,Agency A,x\n'
    'No body,,2022-02-02,https://a.example/2,Agency A,x\n'
    'Short row,text only\n'
    '\n'
    'Bad date,"Germany deployed 800 soldiers to Lithuania.",someday,https://a.example/4,Agency C,x\n'
    'Two lines,"First paragraph.\n\nSecond, with 300 tanks.",Feb 3 2022,,,x\n'
)


def test_csv_rows(tmp_path):
    (tmp_path / "news.csv").write_text(CSV, encoding="utf-8")
    assert _summary(iter_tasks([tmp_path / "news.csv"])) == [
        ("doc", "news.csv#1", "2022-02-01", "Troops to Belarus", "https://a.example/1", "Agency A",
         "Troops to Belarus\n\nRussia has sent 5,000 troops to Belarus, officials said."),
        ("skipped", "row 2: no text (expected text, body, content, description or summary)"),
        ("skipped", "row 3 (line 4): 2 fields, the header has 6"),
        ("note", "row 4: unreadable date 'someday', read as undated"),
        ("doc", "news.csv#4", None, "Bad date", "https://a.example/4", "Agency C",
         "Bad date\n\nGermany deployed 800 soldiers to Lithuania."),
        ("doc", "news.csv#5", "2022-02-03", "Two lines", None, None,
         "Two lines\n\nFirst paragraph.\n\nSecond, with 300 tanks."),
    ]


def test_tsv_and_named_fields_and_id_column(tmp_path):
    (tmp_path / "export.tsv").write_text(
        "ArticleID\tBody Text\tWhen\tHeadline\n"
        "a-17\tFrance deployed 500 troops to Romania.\t1643673600\tFrance to Romania\n", encoding="utf-8")
    fields = Fields(text="Body Text", date="When", id="ArticleID")
    assert _summary(iter_tasks([tmp_path / "export.tsv"], Options(fields=fields))) == [
        ("doc", "export.tsv#a-17", "2022-02-01", "France to Romania", None, None,
         "France to Romania\n\nFrance deployed 500 troops to Romania."),
    ]


# ---------------------------------------------------------------- JSON Lines / JSON

JSONL_LINES = [
    {"headline": "Drills", "body": "China sent 70 aircraft near Taiwan.", "publishedAt": "2023-03-14T09:00:00Z",
     "link": "https://b.example/x", "source": {"id": None, "name": "Pacific Post"}},
    "{not json",
    "",
    ["not", "an", "object"],
    {"title": "Epoch", "content": ["Paragraph one.", "France deployed 500 troops to Romania."], "pubDate": 1643673600},
    {"title": "Nothing here", "summary": "   "},
]


def _jsonl(lines) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


JSONL_EXPECTED = [
    ("doc", "news.jsonl#1", "2023-03-14", "Drills", "https://b.example/x", "Pacific Post",
     "Drills\n\nChina sent 70 aircraft near Taiwan."),
    ("skipped", "line 2: malformed JSON (Expecting property name enclosed in double quotes)"),
    ("skipped", "line 4: not an object but list"),
    ("doc", "news.jsonl#5", "2022-02-01", "Epoch", None, None,
     "Epoch\n\nParagraph one.\n\nFrance deployed 500 troops to Romania."),
    ("skipped", "line 6: no text (expected text, body, content, description or summary)"),
]


def test_jsonl_lines_bad_lines_named(tmp_path):
    (tmp_path / "news.jsonl").write_text(_jsonl(JSONL_LINES), encoding="utf-8")
    assert _summary(iter_tasks([tmp_path / "news.jsonl"])) == JSONL_EXPECTED


def test_gzip_is_read_for_every_kind(tmp_path):
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress(_jsonl(JSONL_LINES).encode()))
    expected = [(t[0], t[1].replace("news.jsonl", "news.jsonl.gz"), *t[2:]) if t[0] == "doc" else t
                for t in JSONL_EXPECTED]
    assert _summary(iter_tasks([tmp_path / "news.jsonl.gz"])) == expected
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"date 2022-02-01 Russia has sent 5,000 troops to Belarus."))
    assert _summary(iter_tasks([tmp_path / "a.txt.gz"])) == [("file", "a.txt.gz")]
    doc = read_single(str(tmp_path / "a.txt.gz"), "a.txt.gz")
    assert (doc.doc, doc.date, doc.text) == ("a.txt.gz", "2022-02-01", "date 2022-02-01 Russia has sent 5,000 troops to Belarus.")
    (tmp_path / "broken.csv.gz").write_bytes(gzip.compress(CSV.encode())[:40])  # cut short
    assert _summary(iter_tasks([tmp_path / "broken.csv.gz"])) == [
        ("skipped", "unreadable (Compressed file ended before the end-of-stream marker was reached); "
                    "the rest of the file is not read"),
    ]


def test_json_array_and_object_holding_one(tmp_path):
    items = [{"title": "One", "text": "Japan deployed two destroyers near Okinawa.", "date": "Mar 14, 2023"},
             {"title": "Two"}, 42]
    (tmp_path / "a.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"status": "ok", "totalResults": 3, "articles": items}), encoding="utf-8")
    (tmp_path / "c.json").write_text('[{"text": "Fine."}, {"text": "cut', encoding="utf-8")
    (tmp_path / "d.json").write_text('{"status": "ok"}', encoding="utf-8")
    one = "One\n\nJapan deployed two destroyers near Okinawa."
    assert _summary(iter_tasks([tmp_path])) == [
        ("doc", "a.json#1", "2023-03-14", "One", None, None, one),
        ("skipped", "item 2: no text (expected text, body, content, description or summary)"),
        ("skipped", "item 3: not an object but int"),
        ("doc", "b.json#1", "2023-03-14", "One", None, None, one),
        ("skipped", "item 2: no text (expected text, body, content, description or summary)"),
        ("skipped", "item 3: not an object but int"),
        ("doc", "c.json#1", None, None, None, None, "Fine."),
        ("skipped", "item 2: malformed JSON (the file ends inside an item); the rest of the file is not read"),
        ("skipped", "no array of articles in the JSON object"),
    ]


# ---------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Feed Outlet</title><link>https://c.example/</link>
<item><title>Marines to the Philippines</title><link>https://c.example/1</link><guid>c-1</guid>
<pubDate>Tue, 14 Mar 2023 09:15:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The US sent 2,000 Marines to the Philippines.</p><p>More &amp; more.</p>]]></content:encoded></item>
<item><title>Only a title</title><link>https://c.example/2</link></item>
<item><title>Dated by dc</title><dc:date>2023-03-15T10:00:00+08:00</dc:date><source url="https://d.example/">Wire D</source>
<description>&lt;b&gt;South Korea&lt;/b&gt; moved 300 tanks.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:x</id>
<entry><title>Carrier in the Red Sea</title><id>urn:e1</id>
<link rel="self" href="https://e.example/api/1"/><link rel="alternate" href="https://e.example/1"/>
<published>2023-11-04T12:00:00Z</published><updated>2023-11-05T12:00:00Z</updated>
<summary>A summary.</summary>
<content type="html">&lt;p&gt;The US moved an aircraft carrier to the Red Sea.&lt;/p&gt;</content></entry>
<entry><title>Bad date</title><updated>yesterday</updated><summary>Text.</summary></entry>
</feed>
"""


def test_rss_and_atom_items(tmp_path):
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "broken.rss").write_text(RSS[:RSS.index("<item><title>Only")] + "<item><title>x</titel>", encoding="utf-8")
    (tmp_path / "other.xml").write_text("<catalog><book/></catalog>", encoding="utf-8")
    marines = ("Marines to the Philippines", "https://c.example/1", "Feed Outlet",
               "Marines to the Philippines\n\nThe US sent 2,000 Marines to the Philippines.\n\nMore & more.")
    assert _summary(iter_tasks([tmp_path])) == [
        ("doc", "broken.rss#1", "2023-03-14", *marines),  # what comes before the fault is read
        ("skipped", "line 8: malformed XML (mismatched tag: line 8, column 16); the rest of the feed is not read"),
        ("doc", "feed.atom#1", "2023-11-04", "Carrier in the Red Sea", "https://e.example/1", "Atom Outlet",
         "Carrier in the Red Sea\n\nThe US moved an aircraft carrier to the Red Sea."),
        ("note", "item 2: unreadable date 'yesterday', read as undated"),
        ("doc", "feed.atom#2", None, "Bad date", None, "Atom Outlet", "Bad date\n\nText."),
        ("doc", "feed.xml#1", "2023-03-14", *marines),
        ("skipped", "item 2: no text (expected text, body, content, description or summary)"),
        ("doc", "feed.xml#3", "2023-03-15", "Dated by dc", None, "Wire D", "Dated by dc\n\nSouth Korea moved 300 tanks."),
        ("skipped", "not an RSS or Atom feed (its root is <catalog>)"),
    ]
    ids = Options(fields=Fields(id="guid"))
    assert [t.document.doc for t in iter_tasks([tmp_path / "feed.xml"], ids) if isinstance(t, DocTask)] == [
        "feed.xml#c-1", "feed.xml#3"]  # an item without the id keeps its number
