"""A seeded multilingual WARC corpus for the end-to-end benchmark (benchmarks/e2e.py), built from the evaluation set.

    python benchmarks/make_web_corpus.py --out DIR [--docs 2000] [--files 8] [--seed 0] [--eval ../shared/eval]

What goes in (all response records, as a crawler writes them, with WARC-Identified-Payload-Type):
- every real response of eval/warc/*.warc.gz, and `--real-pages` real pages of eval/extraction (their HTML as
  published, mostly German and English);
- the rest: pages whose article is made of real sentences of one of 36 languages (eval/langid, Leipzig corpora),
  inside a generated site layout (navigation, sidebars, cookie banner, footer, inline script and style) of the
  size of a typical crawled page;
- planted among them: exact copies on other sites, near copies (a few words changed), contact paragraphs with
  synthetic personal data (e-mail, phone, IBAN, IP address), and unusable records (HTTP 404, images, menu-only
  pages, keyword spam).

Nothing is copied into the repository: the corpus is written to --out. The output is reproducible for a seed.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import random
import uuid
from collections import defaultdict
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
FETCH_DATE = "2026-10-05T08:00:00Z"

EXACT_COPY_SHARE = 0.08
NEAR_COPY_SHARE = 0.08
PII_SHARE = 0.15
JUNK_SHARE = 0.04
# EU official languages are drawn three times as often as the other European languages of the sentence set.
EU_OFFICIAL = frozenset("bg cs da de el en es et fi fr ga hr hu it lt lv nl pl pt ro sk sl sv".split())
IBAN_TEMPLATES = {"DE": "n" * 18, "FR": "n" * 23, "NL": "aaaa" + "n" * 10, "ES": "n" * 20, "IT": "a" + "n" * 22,
                  "PL": "n" * 24, "SE": "n" * 20, "CZ": "n" * 20}


def make_iban(rng: random.Random) -> str:
    country = rng.choice(sorted(IBAN_TEMPLATES))
    bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c == "a" else str(rng.randrange(10))
                   for c in IBAN_TEMPLATES[country])
    check = 98 - int("".join(str(int(ch, 36)) for ch in bban + country + "00")) % 97
    iban = f"{country}{check:02d}{bban}"
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def contact_paragraph(rng: random.Random) -> str:
    """Synthetic contact details (reserved example domains, documentation IP range, valid-checksum IBAN)."""
    user = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(4, 9)))
    phone = f"+{rng.choice(['49 30', '33 1', '31 20', '34 91', '39 06', '48 22', '46 8', '420 2'])} " \
            f"{rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
    return (f"Contact: {user}@example.org, tel. {phone}. IBAN {make_iban(rng)}. "
            f"Server 192.0.2.{rng.randrange(1, 255)}.")


# ---------------------------------------------------------------------------------------------- page layout
def _words(sentences: list[str], rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(sentences).split()[0].strip(".,;:!?\"'()") for _ in range(count)) or "Home"


def site_layout(lang: str, sentences: list[str], rng: random.Random) -> dict[str, str]:
    """Boilerplate of one generated site: its menus and footer reuse words of the site's language."""
    links = [_words(sentences, rng, rng.randrange(1, 4)) for _ in range(rng.randrange(25, 60))]
    nav = "".join(f'<li class="menu-item"><a href="/section/{i}" title="{html.escape(t)}">{html.escape(t)}</a></li>'
                  for i, t in enumerate(links))
    related = "".join(f'<li><a href="/story/{rng.randrange(10**6)}">{html.escape(rng.choice(sentences)[:70])}</a>'
                      f"</li>" for _ in range(rng.randrange(6, 14)))
    style = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(16**6):06x}}}"
                    for i in range(rng.randrange(80, 220)))
    script = "".join(f"window.cfg{i}={{id:{rng.randrange(10**6)},name:'{_words(sentences, rng, 1)}'}};"
                     for i in range(rng.randrange(40, 120)))
    footer = "".join(f"<p>{html.escape(rng.choice(sentences))}</p>" for _ in range(2))
    return {"lang": lang, "nav": nav, "related": related, "style": style, "script": script, "footer": footer,
            "cookie": html.escape(rng.choice(sentences))}


def page_html(layout: dict[str, str], title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{layout["lang"]}"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f'</title><style>{layout["style"]}</style><script>{layout["script"]}</script></head><body>'
        f'<div class="cookie-banner">{layout["cookie"]}<button>OK</button></div>'
        f'<header><nav><ul class="menu">{layout["nav"]}</ul></nav></header>'
        f'<div class="breadcrumbs"><a href="/">/</a> &gt; <span>{html.escape(title)}</span></div>'
        f'<main><article><h1>{html.escape(title)}</h1>{body}</article></main>'
        f'<aside class="sidebar"><ul>{layout["related"]}</ul></aside>'
        f'<footer>{layout["footer"]}<ul>{layout["nav"][:2000]}</ul></footer></body></html>'
    )


def article(sentences: list[str], rng: random.Random) -> tuple[str, list[str]]:
    chosen = rng.sample(sentences, rng.randrange(8, 30))
    paragraphs, start = [], 0
    while start < len(chosen):
        size = rng.randrange(2, 5)
        paragraphs.append(" ".join(chosen[start:start + size]))
        start += size
    return chosen[0][:80], paragraphs


def near_copy(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The same article with about 2% of its words replaced, as a re-publisher's edits leave it."""
    words = " ".join(paragraphs).split()
    for _ in range(max(1, len(words) // 50)):
        words[rng.randrange(len(words))] = rng.choice(words)
    per = max(1, len(words) // len(paragraphs))
    return [" ".join(words[i:i + per]) for i in range(0, len(words), per)]


def junk_record(rng: random.Random, sentences: list[str], layout: dict) -> dict:
    kind = rng.choice(["not_found", "image", "menu_only", "spam"])
    if kind == "not_found":
        return {"body": page_html(layout, "404", ["Not found."]).encode(), "status": "404 Not Found",
                "content_type": "text/html; charset=utf-8", "payload_type": "text/html"}
    if kind == "image":
        return {"body": b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randrange(2000, 20000)), "status": "200 OK",
                "content_type": "image/png", "payload_type": "image/png"}
    if kind == "menu_only":
        return {"body": page_html(layout, _words(sentences, rng, 2), []).encode(), "status": "200 OK",
                "content_type": "text/html; charset=utf-8", "payload_type": "text/html"}
    spam = [" ".join(_words(sentences, rng, 1) for _ in range(8))] * rng.randrange(30, 60)
    return {"body": page_html(layout, spam[0][:40], spam).encode(), "status": "200 OK",
            "content_type": "text/html; charset=utf-8", "payload_type": "text/html"}


# ---------------------------------------------------------------------------------------------- sources
def load_sentences(eval_dir: Path) -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    with open(eval_dir / "langid" / "sentences.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            by_lang[row["lang"]].append(row["text"])
    return dict(by_lang)


def real_warc_responses(eval_dir: Path) -> list[dict]:
    records = []
    for path in sorted((eval_dir / "warc").glob("*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                records.append({
                    "url": record.rec_headers.get_header("WARC-Target-URI"),
                    "body": record.content_stream().read(),
                    "status": record.http_headers.statusline,
                    "content_type": record.http_headers.get_header("Content-Type") or "text/html",
                    "payload_type": record.rec_headers.get_header("WARC-Identified-Payload-Type"),
                })
    return records


def real_extraction_pages(eval_dir: Path, count: int, rng: random.Random) -> list[dict]:
    pages = []
    for name in ("trafilatura", "scrapinghub"):
        gold = eval_dir / "extraction" / name / "gold.jsonl"
        if gold.is_file():
            with open(gold, encoding="utf-8") as handle:
                pages += [(gold.parent, json.loads(line)) for line in handle if line.strip()]
    chosen = rng.sample(pages, min(count, len(pages)))
    return [{"url": row["url"], "body": gzip.decompress((folder / row["page"]).read_bytes()), "status": "200 OK",
             "content_type": "text/html", "payload_type": "text/html"} for folder, row in chosen]


# ---------------------------------------------------------------------------------------------- corpus
def build_records(eval_dir: Path, docs: int, real_pages: int, seed: int) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    sentences = load_sentences(eval_dir)
    languages = sorted(sentences)
    weights = [3 if lang in EU_OFFICIAL else 1 for lang in languages]
    records = real_warc_responses(eval_dir) + real_extraction_pages(eval_dir, real_pages, rng)
    planted = {"real": len(records), "synthetic": 0, "exact_copies": 0, "near_copies": 0, "pii": 0, "junk": 0}
    layouts: dict[str, list[dict]] = defaultdict(list)
    originals: list[tuple[str, str, list[str]]] = []
    while len(records) < docs:
        lang = rng.choices(languages, weights)[0]
        if len(layouts[lang]) < 6:
            layouts[lang].append(site_layout(lang, sentences[lang], rng))
        layout = rng.choice(layouts[lang])
        host = f"site{rng.randrange(10**5)}.{lang}.example"
        url = f"https://{host}/{rng.randrange(10**8)}.html"
        draw = rng.random()
        if draw < JUNK_SHARE:
            records.append({"url": url, **junk_record(rng, sentences[lang], layout)})
            planted["junk"] += 1
            continue
        draw -= JUNK_SHARE
        if originals and draw < EXACT_COPY_SHARE + NEAR_COPY_SHARE:
            source_lang, title, paragraphs = rng.choice(originals)
            layout = site_layout(source_lang, sentences[source_lang], rng)
            if draw >= EXACT_COPY_SHARE:
                paragraphs = near_copy(paragraphs, rng)
                planted["near_copies"] += 1
            else:
                planted["exact_copies"] += 1
        else:
            title, paragraphs = article(sentences[lang], rng)
            if rng.random() < PII_SHARE:
                paragraphs.insert(rng.randrange(len(paragraphs) + 1), contact_paragraph(rng))
                planted["pii"] += 1
            originals.append((lang, title, paragraphs))
            planted["synthetic"] += 1
        records.append({"url": url, "body": page_html(layout, title, paragraphs).encode("utf-8"), "status": "200 OK",
                        "content_type": "text/html; charset=utf-8", "payload_type": "text/html"})
    rng.shuffle(records)
    return records[:docs], planted


def write_warc_files(records: list[dict], out: Path, files: int, seed: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        path = out / f"web-{number:04d}.warc.gz"
        with open(path, "wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for index in range(number, len(records), files):
                writer.write_record(warc_response(writer, records[index], f"{seed}:{index}"))
        paths.append(path)
    return paths


def warc_response(writer: WARCWriter, rec: dict, key: str):
    headers = StatusAndHeaders(rec["status"], [("Content-Type", rec["content_type"]),
                                               ("Content-Length", str(len(rec["body"])))], protocol="HTTP/1.1")
    warc_headers = {"WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}>", "WARC-Date": FETCH_DATE}
    if rec.get("payload_type"):
        warc_headers["WARC-Identified-Payload-Type"] = rec["payload_type"]
    return writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(rec["body"]), http_headers=headers,
                                     warc_headers_dict=warc_headers)


def make_corpus(out: Path, docs: int = 2000, files: int = 8, seed: int = 0, real_pages: int = 50,
                eval_dir: Path = DEFAULT_EVAL) -> dict:
    records, planted = build_records(eval_dir, docs, real_pages, seed)
    paths = write_warc_files(records, out, files, seed)
    return {"files": [str(p) for p in paths], "responses": len(records), "planted": planted,
            "html_mb": round(sum(len(r["body"]) for r in records) / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="folder for the WARC files")
    parser.add_argument("--docs", type=int, default=2000, help="response records in all")
    parser.add_argument("--files", type=int, default=8, help="WARC files to spread them over")
    parser.add_argument("--real-pages", type=int, default=50, help="real pages taken from eval/extraction")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval", default=str(DEFAULT_EVAL), help="the evaluation set (default: ../shared/eval)")
    args = parser.parse_args()
    eval_dir = Path(args.eval)
    if not (eval_dir / "langid" / "sentences.jsonl").is_file():
        raise SystemExit(f"evaluation set not found at {eval_dir} (needs langid/sentences.jsonl)")
    print(json.dumps(make_corpus(Path(args.out), args.docs, args.files, args.seed, args.real_pages, eval_dir),
                     indent=2))


if __name__ == "__main__":
    main()
