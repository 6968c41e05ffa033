"""Model quality stage speed: eurocurate's FileScorer against a stock transformers text-classification pipeline,
same ~100M-parameter encoder (BERT-base shape, random weights), same documents, same process.

    python benchmarks/classifier.py [--data FILE] [--docs N] [--tokens 512] [--device auto|cpu|cuda] [--runs 3]

FILE is JSONL with a "text" field (default: ../shared/eval/langid/sentences.jsonl next to the repository);
sentences are joined into documents of about --tokens tokens. eurocurate is timed end to end (Parquet in, scored
Parquet out); the stock peer reads the same texts and scores them in input order with a fixed batch size.
Prints docs/s and tokens/s (median of --runs), model FLOPs utilisation against the device's bf16 dense peak and
GPU busy share (NVML sampling) on CUDA, and ends with one RESULT line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "langid" / "sentences.jsonl"
# Dense bf16 peak in FLOP/s by CUDA device name fragment (vendor data sheets, without sparsity).
BF16_PEAK = (("H200", 989e12), ("H100 SXM", 989e12), ("H100 NVL", 835e12), ("H100 PCIe", 756e12),
             ("H100", 989e12), ("A100", 312e12), ("L40S", 362e12), ("L4", 121e12), ("A10", 125e12),
             ("RTX 4090", 165e12))


def bf16_peak(name: str) -> float | None:
    return next((peak for fragment, peak in BF16_PEAK if fragment in name), None)


def make_documents(path: Path, count: int, tokens: int) -> list[str]:
    """Sentences of one language joined until a document holds about `tokens` words (cycling the file)."""
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    docs, current, index = [], [], 0
    while len(docs) < count:
        row = rows[index % len(rows)]
        index += 1
        current.append(row["text"])
        if sum(len(s.split()) for s in current) >= tokens * 0.6:
            docs.append(" ".join(current))
            current = []
    return docs


class GpuBusySampler:
    """Share of NVML samples (every 50 ms) in which the GPU ran a kernel; None without NVML."""

    def __init__(self):
        try:
            import pynvml

            pynvml.nvmlInit()
            self.nvml, self.handle = pynvml, pynvml.nvmlDeviceGetHandleByIndex(0)
        except Exception:  # noqa: BLE001 - NVML is optional
            self.nvml = None
        self.samples: list[int] = []
        self.stop = threading.Event()

    def __enter__(self):
        if self.nvml:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        return self

    def _run(self):
        while not self.stop.is_set():
            self.samples.append(self.nvml.nvmlDeviceGetUtilizationRates(self.handle).gpu)
            time.sleep(0.05)

    def __exit__(self, *exc):
        self.stop.set()
        if self.nvml:
            self.thread.join()

    def busy(self) -> float | None:
        return sum(self.samples) / (100 * len(self.samples)) if self.samples else None


def model_flops(token_counts: list[int], params_no_embed: int, layers: int, hidden: int) -> float:
    """Forward FLOPs: 2 x non-embedding parameters per token, plus attention scores and mixing (4 L h n^2)."""
    return sum(2 * params_no_embed * n + 4 * layers * hidden * n * n for n in token_counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--docs", type=int, help="documents (default: 4096 on CUDA, 48 on CPU)")
    parser.add_argument("--tokens", type=int, default=512)
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-tokens", type=int, default=65_536)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"no data at {args.data} (pass --data FILE)", file=sys.stderr)
        return 2

    import pyarrow.parquet as pq
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

    from eurocurate.filters.model_quality.stage import FileScorer
    from eurocurate.pipeline.config import ModelQualityConfig, ModelQualityModel
    from eurocurate.core.schema import WORK_SCHEMA, rows_to_table
    from eurocurate.filters.model_quality.train import save_random_classifier

    cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    device_name = torch.cuda.get_device_name(0) if cuda else "cpu"
    count = args.docs or (4096 if cuda else 48)
    texts = make_documents(args.data, count, args.tokens)
    with tempfile.TemporaryDirectory() as tmp:
        folder = save_random_classifier(Path(tmp) / "encoder", texts[:2000], labels=None, vocab_size=30_522,
                                        hidden=768, layers=12, heads=12, max_tokens=args.tokens)
        pq.write_table(rows_to_table([{"id": f"d{i}", "text": t, "language": "xx"} for i, t in enumerate(texts)],
                                     WORK_SCHEMA), Path(tmp) / "docs.parquet")
        spec = ModelQualityModel(name="edu", backend="transformers", path=str(folder), max_tokens=args.tokens)
        cfg = ModelQualityConfig(enabled=True, models=[spec], device="cuda" if cuda else "cpu",
                                 batch_tokens=args.batch_tokens)
        scorer = FileScorer(cfg)
        model = scorer.scorers[0]
        tokenizer = AutoTokenizer.from_pretrained(folder)
        token_counts = [len(ids) for ids in model.tokenise(texts)]
        params_embed = sum(p.numel() for n, p in model.model.named_parameters() if "embeddings" in n)
        flops = model_flops(token_counts, model.parameters - params_embed, 12, 768)
        print(f"device: {device_name}; model: {model.parameters / 1e6:.0f}M parameters "
              f"({'bf16' if model.bf16 else 'fp32'}); {count} documents, {sum(token_counts)} tokens "
              f"(mean {statistics.mean(token_counts):.0f}, max {max(token_counts)})"
              + ("" if cuda else "; CPU run on this machine"))

        stock_model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
        if cuda:
            stock_model = stock_model.to("cuda", dtype=torch.bfloat16)
        stock = pipeline("text-classification", model=stock_model, tokenizer=tokenizer,
                         device=0 if cuda else -1, function_to_apply="none")

        def run_eurocurate():
            scorer.score_file(Path(tmp) / "docs.parquet", Path(tmp) / "out.parquet", Path(tmp) / "rej.parquet",
                              keep_text=True)
            return [r["quality_model_scores"][0]["score"] for r in pq.read_table(Path(tmp) / "out.parquet").to_pylist()]

        def run_stock():
            docs = pq.read_table(Path(tmp) / "docs.parquet", columns=["text"])["text"].to_pylist()
            out = stock(docs, batch_size=32, truncation=True, max_length=args.tokens)
            return [o["score"] for o in out]

        timings = {"eurocurate": [], "stock": []}
        busy: list[float] = []
        scores = {}
        run_eurocurate()  # warm-up: kernels, allocator
        for _ in range(args.runs):
            for name, fn in (("eurocurate", run_eurocurate), ("stock", run_stock)):
                if cuda:
                    torch.cuda.synchronize()
                with GpuBusySampler() as sampler:
                    started = time.perf_counter()
                    scores[name] = fn()
                    if cuda:
                        torch.cuda.synchronize()
                    timings[name].append(time.perf_counter() - started)
                if name == "eurocurate" and sampler.busy() is not None:
                    busy.append(sampler.busy())

    print(f"{'system':<12}{'docs/s':>10}{'tokens/s':>12}{'MFU':>8}   (median of {args.runs} runs)")
    peak = bf16_peak(device_name) if cuda else None
    figures = {}
    for name, runs in timings.items():
        seconds = statistics.median(runs)
        mfu = flops / seconds / peak if peak else None
        figures[name] = (count / seconds, mfu)
        print(f"{name:<12}{count / seconds:>10.1f}{sum(token_counts) / seconds:>12.0f}"
              f"{'n/a' if mfu is None else f'{mfu:.1%}':>8}")
    diff = max(abs(a - b) for a, b in zip(scores["eurocurate"], scores["stock"]))
    print(f"largest score difference eurocurate vs stock: {diff:.4g}; speed-up "
          f"{figures['eurocurate'][0] / figures['stock'][0]:.2f}x")
    gpu_busy = statistics.median(busy) if busy else None
    mfu = figures["eurocurate"][1]
    print(f"RESULT device={'cuda' if cuda else 'cpu'} docs_per_s={figures['eurocurate'][0]:.1f} "
          f"mfu={'n/a' if mfu is None else f'{mfu:.3f}'} gpu_busy={'n/a' if gpu_busy is None else f'{gpu_busy:.3f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
