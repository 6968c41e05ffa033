"""Generate the demo crawl in samples/demo/: WARC files from pages this project writes itself.

The pages (texts in scripts/demo_texts.py) cover 10 EU languages and plant what the pipeline must handle:
boilerplate-heavy layouts, exact and near duplicates across files, synthetic personal data (e-mail, phone,
IBAN, IP address), and broken or unusable records. `planted.json` lists what was planted, so tests can
check that each case was dealt with. The output is byte-for-byte reproducible.

    python scripts/make_demo_data.py [--out samples/demo]
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import random
import runpy
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
TEXTS = runpy.run_path(str(HERE / "demo_texts.py"))
ARTICLES, CONTACTS, BOILERPLATE = TEXTS["ARTICLES"], TEXTS["CONTACT_SENTENCES"], TEXTS["BOILERPLATE"]

FILES = 4
FETCH_DATE = "2026-10-05T08:00:00Z"
IBAN_COUNTRY = {"en": "IE", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pl": "PL", "pt": "PT",
                "sv": "SE", "cs": "CZ"}
# BBAN layouts: a = capital letter, n = digit.
BBAN_LAYOUT = {"IE": "aaaa" + "n" * 14, "DE": "n" * 18, "FR": "n" * 23, "ES": "n" * 20, "IT": "a" + "n" * 22,
               "NL": "aaaa" + "n" * 10, "PL": "n" * 24, "PT": "n" * 21, "SE": "n" * 20, "CZ": "n" * 20}
# Valid subscriber numbers, written the way people write them locally (pattern: national prefix + digits).
PHONES = {"en": "+353 85 123 4567", "de": "030 12345678", "fr": "01 42 68 53 00", "es": "+34 612 345 678",
          "it": "+39 312 345 6789", "nl": "020 123 4567", "pl": "+48 601 234 567", "pt": "+351 912 345 678",
          "sv": "08-123 456 78", "cs": "+420 601 123 456"}


def make_iban(country: str, rng: random.Random) -> str:
    bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c == "a" else str(rng.randrange(10))
                   for c in BBAN_LAYOUT[country])
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(digits) % 97
    iban = f"{country}{check:02d}{bban}"
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def page_html(lang: str, title: str, paragraphs: list[str], heavy: bool, rng: random.Random) -> str:
    bp = BOILERPLATE[lang]
    nav = "".join(f'<li><a href="/{i}">{html.escape(x)}</a></li>' for i, x in enumerate(bp["nav"]))
    related = "".join(f'<li><a href="/r/{i}">{html.escape(x)}</a></li>' for i, x in enumerate(bp["related"]))
    footer = "".join(f"<p>{html.escape(x)}</p>" for x in bp["footer"])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    extra = ""
    if heavy:
        # Boilerplate-heavy: mega menu, several link blocks and a cookie banner around a short article.
        extra = (f'<div class="cookie-banner">{html.escape(bp["footer"][0])}</div>'
                 + "".join(f'<aside class="sidebar"><h3>{html.escape(bp["related"][k])}</h3><ul>{related}</ul>'
                           f"</aside>" for k in range(3))
                 + f'<div class="mega-menu"><ul>{nav * 3}</ul></div>')
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f'<body><header><nav><ul>{nav}</ul></nav></header>{extra}'
        f"<main><article><h1>{html.escape(title)}</h1>{body}</article></main>"
        f'<aside><h2>{html.escape(bp["related"][0])}</h2><ul>{related}</ul></aside>'
        f"<footer>{footer}</footer></body></html>"
    )


def near_copy(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Same article with two neighbouring words swapped, as a careless re-publisher leaves it (Jaccard > 0.9)."""
    copy = list(paragraphs)
    words = copy[1].split()
    i = rng.randrange(3, len(words) - 4)
    words[i], words[i + 1] = words[i + 1], words[i]
    copy[1] = " ".join(words)
    return copy


class Corpus:
    def __init__(self) -> None:
        self.records: list[dict] = []
        self.planted: dict = {"languages": sorted(ARTICLES), "exact_duplicates": [], "near_duplicates": [],
                              "pii": [], "broken": [], "boilerplate_heavy": [], "originals": []}

    def add(self, url: str, body: bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
            truncate: bool = False) -> None:
        self.records.append({"url": url, "body": body, "status": status, "content_type": content_type,
                             "truncate": truncate})


def build_corpus(seed: int = 7) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    for lang in sorted(ARTICLES):
        host = f"www.{lang}-news.example"
        for k, art in enumerate(ARTICLES[lang]):
            paragraphs = list(art["paragraphs"])
            url = f"https://{host}/article/{k}"
            if k == 1:
                values = {"email": f"kontakt.{lang}{k}@verein-{lang}.example.org", "phone": PHONES[lang],
                          "iban": make_iban(IBAN_COUNTRY[lang], rng), "ip": f"192.0.2.{10 + len(corpus.records)}"}
                sentence = CONTACTS[lang].format(**values)
                paragraphs.insert(2, f"{sentence} Server: {values['ip']}.")
                corpus.planted["pii"].append({"lang": lang, "url": url, **values})
            heavy = k == 2
            corpus.add(url, page_html(lang, art["title"], paragraphs, heavy, rng).encode("utf-8"))
            corpus.planted["originals"].append({"lang": lang, "url": url})
            if heavy:
                corpus.planted["boilerplate_heavy"].append({"lang": lang, "url": url, "footer": BOILERPLATE[lang]["footer"]})
            if k == 0:
                dup_url = f"https://mirror.{lang}-blog.example/copy/{k}"
                corpus.add(dup_url, page_html(lang, art["title"], paragraphs, True, rng).encode("utf-8"))
                corpus.planted["exact_duplicates"].append([url, dup_url])
            if k == 2:
                near_url = f"https://syndication.example/{lang}/story-{k}"
                corpus.add(near_url, page_html(lang, art["title"], near_copy(paragraphs, rng), False, rng).encode())
                corpus.planted["near_duplicates"].append([url, near_url])
    add_broken_records(corpus, rng)
    return corpus


def add_broken_records(corpus: Corpus, rng: random.Random) -> None:
    broken = corpus.planted["broken"]

    def plant(url: str, expect: dict, **kwargs) -> None:
        corpus.add(url, kwargs.pop("body"), **kwargs)
        broken.append({"url": url, **expect})

    en = ARTICLES["en"][0]
    plant("https://broken.example/not-found", {"stage": "read", "reason": "http_status"},
          body=page_html("en", en["title"], en["paragraphs"], False, rng).encode(), status="404 Not Found")
    plant("https://broken.example/logo.png", {"stage": "read", "reason": "not_html"},
          body=b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600)), content_type="image/png")
    plant("https://broken.example/mislabelled-binary", {"stage": "extract", "reason": "binary_content"},
          body=bytes(rng.randrange(256) for _ in range(2000)))
    plant("https://broken.example/bad-utf8", {"stage": "extract", "reason": "invalid_encoding"},
          body=b"<html><body><p>" + bytes(rng.randrange(128, 256) for _ in range(1500)) + b"</p></body></html>")
    plant("https://broken.example/empty", {"stage": "extract", "reason": "empty_payload"}, body=b"")
    plant("https://broken.example/menu-only", {"stage": "extract", "reason": "too_short"},
          body=b"<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav></body></html>")
    spam = "\n".join(["<p>Buy cheap flights here and pay less today</p>"] * 40)
    plant("https://broken.example/keyword-spam", {"stage": "quality", "reason": "duplicate_lines"},
          body=f"<html><body><article>{spam}</article></body></html>".encode())
    gibberish = " ".join("".join(rng.choice("qxzjkvwy") for _ in range(rng.randrange(3, 9))) for _ in range(120))
    plant("https://broken.example/gibberish", {"stage": "langid", "reason": "low_language_confidence"},
          body=f"<html><body><article><p>{gibberish}</p></article></body></html>".encode())
    plant("https://broken.example/truncated", {"stage": "read", "reason": "truncated_record"},
          body=page_html("de", "x", ARTICLES["de"][0]["paragraphs"], False, rng).encode(), truncate=True)


def _warc_record(writer: WARCWriter, rec: dict, index: int):
    headers = StatusAndHeaders(rec["status"], [("Content-Type", rec["content_type"]),
                                               ("Content-Length", str(len(rec["body"])))], protocol="HTTP/1.1")
    record_id = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, rec['url'] + str(index))}>"
    return writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(rec["body"]), http_headers=headers,
                                     warc_headers_dict={"WARC-Record-ID": record_id, "WARC-Date": FETCH_DATE})


def write_warcs(corpus: Corpus, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    order = list(range(len(corpus.records)))
    rng.shuffle(order)
    buckets: list[list[int]] = [[] for _ in range(FILES)]
    for position, index in enumerate(order):
        buckets[position % FILES].append(index)
    paths = []
    for n, indices in enumerate(buckets):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        info = writer.create_warcinfo_record(f"demo-{n:04d}.warc.gz", {"software": "eurocurate demo generator",
                                                                       "format": "WARC File Format 1.1"})
        info.rec_headers.replace_header("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, str(n))}>")
        info.rec_headers.replace_header("WARC-Date", FETCH_DATE)
        writer.write_record(info)
        tail = b""
        for index in sorted(indices, key=lambda i: not corpus.records[i]["truncate"]):
            rec = corpus.records[index]
            if rec["truncate"]:
                tail = _truncated_member(writer, rec, index)
                continue
            writer.write_record(_warc_record(writer, rec, index))
        data = buffer.getvalue() + tail
        path = out / f"demo-{n:04d}.warc.gz"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _truncated_member(writer: WARCWriter, rec: dict, index: int) -> bytes:
    """A record whose payload stops short of its Content-Length, as a crawler killed mid-write leaves it."""
    scratch = io.BytesIO()
    WARCWriter(scratch, gzip=False).write_record(_warc_record(writer, rec, index))
    raw = scratch.getvalue()
    return gzip.compress(raw[: len(raw) // 2], mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE.parent / "samples" / "demo"))
    args = parser.parse_args()
    corpus = build_corpus()
    paths = write_warcs(corpus, Path(args.out))
    (Path(args.out) / "planted.json").write_text(json.dumps(corpus.planted, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(corpus.records)} records into {len(paths)} WARC files in {args.out}")


if __name__ == "__main__":
    main()
