"""Peak memory of `graphbuilder extract` by corpus size, each size in a fresh process.

    python -m bench.memory out/bench/corpus-10000-7/articles.jsonl 10000
prints one JSON object: RSS once the pipeline is loaded, RSS after every tenth of the
articles, and the peak of the extraction alone (Linux resets the high-water mark on
request; `ru_maxrss` would not do: it keeps the parent's from before the exec). Flat
samples and equal peaks mean memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .common import Result, fmt
from .corpus import ARTICLES, cached

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent  # where `-m bench.memory` is found


def _status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (its high-water mark) of this process."""
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith(field + ":"))
    return int(kib) / 1024


def main() -> None:
    from graphbuilder.nlp import build_pipeline
    from graphbuilder.pipeline import extract_to_jsonl
    from graphbuilder.settings import get_settings

    path, expected = Path(sys.argv[1]), int(sys.argv[2])
    settings = get_settings()
    nlp = build_pipeline(settings)
    loaded = _status_mb("VmRSS")
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # the high-water mark restarts from the current RSS
    samples: list[float] = []
    step = max(1, expected // 10)
    seen = 0

    def tick(_article) -> None:
        nonlocal seen
        seen += 1
        if seen % step == 0:
            samples.append(round(_status_mb("VmRSS"), 1))

    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        report = extract_to_jsonl([path], sink, nlp, settings, tick=tick)
    seconds = time.perf_counter() - started
    print(json.dumps({"articles": report.articles, "triples": report.triples, "seconds": seconds, "loaded_mb": round(loaded, 1),
                      "samples_mb": samples, "extraction_peak_mb": round(_status_mb("VmHWM"), 1)}))


def memory(result: Result, sizes: list[int], seed: int, root: Path) -> None:
    runs = []
    for n in sizes:
        corpus = cached(n, seed, root) / ARTICLES
        done = subprocess.run([sys.executable, "-m", "bench.memory", str(corpus), str(n)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        run = json.loads(done.stdout.splitlines()[-1])
        runs.append(run)
        result.row(f"peak RSS extracting {n:,} articles", f"{run['extraction_peak_mb']:,.0f} MB",
                   f"{run['loaded_mb']:,.0f} MB once loaded, {min(run['samples_mb']):,.0f}-{max(run['samples_mb']):,.0f} MB "
                   f"during the run; {fmt(run['articles'] / run['seconds'])} articles/s")
    result.data["runs"] = runs
    if len(runs) > 1:
        growth = runs[-1]["extraction_peak_mb"] - runs[0]["extraction_peak_mb"]
        result.row(f"growth {sizes[0]:,} → {sizes[-1]:,} articles", f"{growth:+,.0f} MB",
                   f"{growth / runs[0]['extraction_peak_mb']:+.1%} of the smaller run's peak")
        result.data["growth_mb"] = growth


if __name__ == "__main__":
    main()
