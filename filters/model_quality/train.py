"""`eurocurate train-classifier`: train a small PyTorch quality classifier from labelled JSONL or Parquet.

Two shapes, both loadable by the model quality stage (backend 'transformers'):
- with --encoder FOLDER (a local Hugging Face encoder): a head on its frozen, mean-pooled embeddings (JQL style);
- without: a small BERT trained from scratch, with a WordPiece vocabulary built from the training texts.
Labels are class names, or numbers with --regression (FineWeb-Edu style scores). A held-out split gives the
metrics of the model card. fastText models are used by path only: the installed fastText predicts, never trains.
Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

CARD = "MODEL_CARD.md"
SUMMARY = "eurocurate_classifier.json"
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def read_labelled(path: Path, text_field: str, label_field: str, language_field: str) -> list[dict]:
    """Rows of {text, label, language}; rows without text or label are skipped (and counted by the caller)."""
    path = Path(path)
    if path.suffix == ".parquet":
        raw = pq.read_table(path).to_pylist()
    else:
        with path.open(encoding="utf-8") as handle:
            raw = [json.loads(line) for line in handle if line.strip()]
    return [{"text": r[text_field], "label": r[label_field], "language": r.get(language_field)}
            for r in raw if r.get(text_field) and r.get(label_field) is not None]


def split_holdout(rows: list[dict], share: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Deterministic split by a hash of each text, so a re-run holds out the same documents."""
    def bucket(row: dict) -> float:
        digest = hashlib.sha256(f"{seed}:{row['text']}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    train = [r for r in rows if bucket(r) >= share]
    held = [r for r in rows if bucket(r) < share]
    return train, held


def build_tokenizer(texts: list[str], vocab_size: int, max_tokens: int):
    """A BERT-style WordPiece tokenizer trained on `texts` offline (Unicode-aware, no lower-casing)."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.NFKC()
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece()
    tokenizer.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=vocab_size,
                                                                  special_tokens=SPECIAL_TOKENS))
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]",
                                                             special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
                                   model_max_length=max_tokens)


def small_bert_classifier(tokenizer, labels: list[str] | None, hidden: int = 128, layers: int = 2, heads: int = 2,
                          max_tokens: int = 512, intermediate: int | None = None, seed: int = 0):
    """A randomly initialised BERT sequence classifier (num_labels 1 for a regression head)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(seed)
    count = len(labels) if labels else 1
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers,
                        num_attention_heads=heads, intermediate_size=intermediate or 4 * hidden,
                        max_position_embeddings=max(max_tokens, 8), num_labels=count,
                        pad_token_id=tokenizer.pad_token_id,
                        problem_type="regression" if labels is None else "single_label_classification",
                        id2label={i: lab for i, lab in enumerate(labels or ["score"])},
                        label2id={lab: i for i, lab in enumerate(labels or ["score"])})
    return BertForSequenceClassification(config)


def save_random_classifier(folder: Path, texts: list[str], labels: list[str] | None, vocab_size: int = 2000,
                           **shape) -> Path:
    """Tokenizer from `texts` plus a random-weight classifier, saved as a model folder (tests, benchmarks)."""
    tokenizer = build_tokenizer(texts, vocab_size, shape.get("max_tokens", 512))
    model = small_bert_classifier(tokenizer, labels, **shape)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return Path(folder)


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _targets(rows: list[dict], labels: list[str] | None):
    import torch

    if labels is None:
        return torch.tensor([float(r["label"]) for r in rows])
    return torch.tensor([labels.index(str(r["label"])) for r in rows])


def _loss(outputs, targets, regression: bool):
    import torch.nn.functional as F

    return F.mse_loss(outputs[:, 0], targets) if regression else F.cross_entropy(outputs, targets)


def _fit(forward, parameters, rows, labels, tokenizer, epochs, lr, batch_size, max_tokens, seed) -> None:
    import torch

    generator = torch.Generator().manual_seed(seed)
    optimiser = torch.optim.AdamW(parameters, lr=lr)
    for _ in range(epochs):
        order = torch.randperm(len(rows), generator=generator).tolist()
        for batch in _batches([rows[i] for i in order], batch_size):
            enc = tokenizer([r["text"] for r in batch], truncation=True, max_length=max_tokens, padding=True,
                            return_tensors="pt")
            loss = _loss(forward(enc["input_ids"], enc["attention_mask"]), _targets(batch, labels), labels is None)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()


def _predict(forward, rows, tokenizer, batch_size, max_tokens):
    import torch

    outputs = []
    with torch.inference_mode():
        for batch in _batches(rows, batch_size):
            enc = tokenizer([r["text"] for r in batch], truncation=True, max_length=max_tokens, padding=True,
                            return_tensors="pt")
            outputs.append(forward(enc["input_ids"], enc["attention_mask"]).float())
    return torch.cat(outputs) if outputs else torch.empty(0)


def evaluate(outputs, rows: list[dict], labels: list[str] | None) -> dict:
    """Held-out metrics: accuracy and macro-F1 (classes), or MSE and Pearson r (regression); per language."""
    if not rows:
        return {"rows": 0}
    if labels is None:
        predicted = outputs[:, 0].tolist()
        gold = [float(r["label"]) for r in rows]
        mse = sum((p - g) ** 2 for p, g in zip(predicted, gold)) / len(gold)
        mp, mg = sum(predicted) / len(gold), sum(gold) / len(gold)
        cov = sum((p - mp) * (g - mg) for p, g in zip(predicted, gold))
        spread = math.sqrt(sum((p - mp) ** 2 for p in predicted) * sum((g - mg) ** 2 for g in gold))
        return {"rows": len(rows), "mse": round(mse, 4), "pearson_r": round(cov / spread, 4) if spread else 0.0}
    predicted = [labels[i] for i in outputs.argmax(-1).tolist()]
    gold = [str(r["label"]) for r in rows]
    f1s = []
    for label in labels:
        tp = sum(p == g == label for p, g in zip(predicted, gold))
        fp = sum(p == label != g for p, g in zip(predicted, gold))
        fn = sum(g == label != p for p, g in zip(predicted, gold))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    by_language: dict[str, list[bool]] = {}
    for p, g, r in zip(predicted, gold, rows):
        by_language.setdefault(r["language"] or "und", []).append(p == g)
    return {"rows": len(rows), "accuracy": round(sum(p == g for p, g in zip(predicted, gold)) / len(gold), 4),
            "macro_f1": round(sum(f1s) / len(f1s), 4),
            "accuracy_by_language": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_language.items())}}


def _model_card(summary: dict) -> str:
    metrics = "\n".join(f"| {k} | {v} |" for k, v in summary["metrics"].items() if not isinstance(v, dict))
    per_lang = summary["metrics"].get("accuracy_by_language", {})
    languages = ", ".join(f"{k} ({v})" for k, v in summary["languages"].items())
    return f"""# Quality classifier: {summary['name']}

Trained with `eurocurate train-classifier` ({summary['shape']}), {summary['trained_at']}.

## Training data
- file: `{summary['data']['file']}` (sha256 `{summary['data']['sha256']}`)
- rows used: {summary['data']['rows']} ({summary['data']['train_rows']} train, {summary['data']['held_out_rows']} held out,
  held-out share {summary['data']['held_out_share']}, split by a hash of the text with seed {summary['seed']})
- labels: {json.dumps(summary['label_counts'], ensure_ascii=False)}{' (regression)' if summary['labels'] is None else ''}
- languages: {languages}

## Held-out metrics
| metric | value |
|---|---|
{metrics}
{chr(10).join(f"| accuracy ({k}) | {v} |" for k, v in per_lang.items())}

## Use
In a run config, under `model_quality.models`: `backend: transformers`, `path:` this folder
{'(score = regression output)' if summary['labels'] is None else '(set `label:` to the class whose probability is the score)'}.

## Settings
{json.dumps(summary['settings'], indent=2)}
"""


def train_classifier(data: Path, out: Path, *, name: str | None = None, encoder: Path | None = None,
                     regression: bool = False, text_field: str = "text", label_field: str = "label",
                     language_field: str = "language", held_out: float = 0.1, epochs: int = 3, lr: float = 5e-4,
                     batch_size: int = 16, max_tokens: int = 256, vocab_size: int = 4000, hidden: int = 128,
                     layers: int = 2, seed: int = 0) -> dict:
    import torch

    from eurocurate.filters.model_quality.head import EmbeddingHeadModel, build_head, save_head_model

    torch.manual_seed(seed)
    rows = read_labelled(data, text_field, label_field, language_field)
    if len(rows) < 4:
        raise ValueError(f"{data}: {len(rows)} usable labelled rows (need text and label fields); at least 4")
    labels = None if regression else sorted({str(r["label"]) for r in rows})
    if labels is not None and len(labels) < 2:
        raise ValueError(f"{data}: a classifier needs at least two labels, found {labels}")
    train, held = split_holdout(rows, held_out, seed)
    if encoder is not None:
        from transformers import AutoModel, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(encoder, local_files_only=True)
        encoder_model = AutoModel.from_pretrained(encoder, local_files_only=True).eval()
        for p in encoder_model.parameters():
            p.requires_grad_(False)
        head = build_head(encoder_model.config.hidden_size, [], len(labels) if labels else 1)
        model = EmbeddingHeadModel(encoder_model, head, "mean")
        params, shape = head.parameters(), f"head on frozen encoder {Path(encoder).name}"
    else:
        tokenizer = build_tokenizer([r["text"] for r in train], vocab_size, max_tokens)
        model = small_bert_classifier(tokenizer, labels, hidden=hidden, layers=layers, max_tokens=max_tokens,
                                      heads=max(1, hidden // 64), seed=seed)
        params, shape = model.parameters(), f"BERT {layers} layers x {hidden} from scratch"

    def forward(ids, mask):
        return model(ids, mask) if encoder is not None else model(input_ids=ids, attention_mask=mask).logits

    model.train()
    if encoder is not None:
        model.encoder.eval()
    _fit(forward, params, train, labels, tokenizer, epochs, lr, batch_size, max_tokens, seed)
    model.eval()
    metrics = evaluate(_predict(forward, held, tokenizer, batch_size, max_tokens), held, labels)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if encoder is not None:
        save_head_model(out, model.encoder, tokenizer, model.head, "mean", [], labels)
    else:
        model.save_pretrained(out)
        tokenizer.save_pretrained(out)
    from eurocurate.core.parquet_io import sha256_file

    summary = {
        "name": name or out.name, "shape": shape, "labels": labels,
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "seed": seed,
        "data": {"file": Path(data).name, "sha256": sha256_file(data), "rows": len(rows), "train_rows": len(train),
                 "held_out_rows": len(held), "held_out_share": held_out},
        "label_counts": dict(sorted(Counter(str(r["label"]) for r in rows).items())) if labels else
        {"min": min(float(r["label"]) for r in rows), "max": max(float(r["label"]) for r in rows)},
        "languages": dict(sorted(Counter(r["language"] or "und" for r in rows).items())),
        "metrics": metrics,
        "settings": {"epochs": epochs, "lr": lr, "batch_size": batch_size, "max_tokens": max_tokens,
                     "vocab_size": vocab_size if encoder is None else None, "hidden": hidden, "layers": layers},
    }
    (out / SUMMARY).write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    (out / CARD).write_text(_model_card(summary), encoding="utf-8")
    return summary
