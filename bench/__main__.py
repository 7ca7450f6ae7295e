"""`python -m bench`: every benchmark, side by side with its baseline, as one table; the figures go to bench/results/.

Sizes default small enough for a run of about ten minutes on two shared cores; for bigger:
    python -m bench --articles 1000 --memory 1000,10000,100000 --scale-articles 5000
and `--only` runs some of the sections.
Each row carries the 1-minute load average at the start and the end of its benchmark:
read a figure next to the load it was measured under.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from .common import Result, measuring

SECTIONS = ("extraction", "profile", "memory", "stores", "scale")
ROOT = Path(__file__).resolve().parent.parent


def _sizes(text: str) -> list[int]:
    return [int(size) for size in text.split(",") if size.strip()]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles for extraction and the stores (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each timed comparison; figures are medians (default 3)")
    parser.add_argument("--memory", type=_sizes, default=[500, 5000], help="corpus sizes for peak RSS, comma separated (default 500,5000)")
    parser.add_argument("--scale-articles", type=int, help="articles ingested end to end into Neo4j (default: --articles)")
    parser.add_argument("--query-repeats", type=int, default=20, help="timed runs of each canned query (default 20)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", type=lambda text: text.split(","), default=list(SECTIONS), help=f"some of {','.join(SECTIONS)}")
    parser.add_argument("--no-neo4j", action="store_true", help="leave out everything that needs Neo4j")
    parser.add_argument("--work", type=Path, default=ROOT / "out" / "bench", help="corpora, stores and the private Neo4j")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results", help="where the JSON goes")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"--only: no section {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    return args


def run(args: argparse.Namespace, results: list[Result]) -> None:
    """Append each benchmark's result to `results` as it finishes, so that a failure keeps the earlier ones."""
    from graphbuilder.extract import extract_graphs
    from graphbuilder.nlp import build_pipeline
    from graphbuilder.settings import get_settings
    from graphbuilder.sources import read_articles

    from . import extraction, memory, scale, stores
    from .corpus import ARTICLES, cached
    from .server import private_neo4j

    settings = get_settings()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    nlp = build_pipeline(settings)
    folder = cached(args.articles, args.seed, work)
    if "extraction" in args.only:
        with measuring("extraction vs the spaCy model", results) as result:
            extraction.throughput(result, nlp, folder, settings, args.rounds, work)
    graphs = []
    if "profile" in args.only:
        with measuring("where extraction time goes", results) as result:
            graphs = extraction.where_time_goes(result, nlp, folder, settings, work)
    elif "stores" in args.only:
        graphs = list(extract_graphs(nlp, read_articles([folder / ARTICLES], settings=settings), batch_size=settings.nlp_batch_size))
    if "memory" in args.only and args.memory:
        with measuring("memory", results) as result:
            memory.memory(result, args.memory, args.seed, work)
    if "stores" in args.only:
        with measuring("store writes", results) as result:
            sqlite_path = stores.sqlite(result, graphs, settings, work, args.rounds)
    if args.no_neo4j or not {"stores", "scale"} & set(args.only):
        return
    with private_neo4j(work / "neo4j") as private:
        if "stores" in args.only:
            with measuring("store writes, Neo4j", results) as result:
                stores.neo4j_writes(result, graphs, private, sqlite_path, work, args.rounds)
        if "scale" in args.only:
            big = cached(args.scale_articles or args.articles, args.seed, work)
            with measuring("end to end", results) as result:
                scale.end_to_end(result, nlp, big, private)
            with measuring("canned queries on that graph", results) as result:
                scale.queries(result, private, args.query_repeats)


def _git_commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return done.stdout.strip() or None


def machine() -> dict:
    import spacy

    return {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(), "python": platform.python_version(),
            "spacy": spacy.__version__, "platform": platform.platform(), "commit": _git_commit()}


def table(results: list[Result]) -> str:
    """A Markdown table: benchmark, measure, value, comparison, and the load at its start → end."""
    lines = ["| benchmark | measure | value | comparison | load |", "|---|---|---|---|---|"]
    for result in results:
        for i, (measure, value, compare) in enumerate(result.rows):
            name = result.name if i == 0 else ""
            load = f"{result.load[0]:.1f} → {result.load[1]:.1f}" if i == 0 else ""
            lines.append(f"| {name} | {measure} | {value} | {compare} | {load} |")
    return "\n".join(lines)


def save(results: list[Result], args: argparse.Namespace, started: datetime) -> Path:
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"{started:%Y%m%dT%H%M%SZ}-{args.articles}.json"
    arguments = {name: str(value) if isinstance(value, Path) else value for name, value in vars(args).items()}
    document = {"started": started.isoformat(timespec="seconds"), "arguments": arguments, "machine": machine(),
                "results": [dataclasses.asdict(result) for result in results]}
    path.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = datetime.now(UTC)
    results: list[Result] = []
    try:
        run(args, results)
    finally:
        print(table(results))
        print(f"\nsaved {save(results, args, started)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
