"""Extraction against the spaCy model's own speed, where our share of the time goes, and recall.

The extractor runs the `graphbuilder extract` code path (`extract_to_jsonl`: reading,
`extract_graphs`, JSON serialisation), in this process and, for all cores, on two worker
processes (`--workers 2`, `graphbuilder.distributed`); the baseline is `nlp.pipe` of the same
model package without our components, on the same texts (`Article.full_text`) and batch size,
with `n_process=1` and `n_process=2`. The variants
run in turns, each round in a rotated order, so that a burst of load from other processes
falls on all of them alike; the figures are the medians over the rounds. In one process the
CPU time is measured too: it counts only what this process ran, so on a shared machine its
ratio is the steadier one.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language

from graphbuilder.distributed import open_executor
from graphbuilder.extract import article_graph, extract_graphs
from graphbuilder.model import Article, ArticleGraph, Relation
from graphbuilder.pipeline import extract_to_jsonl
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles

from .common import Result, fmt, median, per_second, timed
from .corpus import ARTICLES, read_planted

TARGET = 0.85  # of the model's throughput
SYMMETRIC = frozenset(str(relation) for relation in Relation if relation.info.symmetric)
PACKAGE = "/graphbuilder/"  # in a profiled function's file name: ours


def throughput(result: Result, nlp: Language, folder: Path, settings: Settings, rounds: int, work: Path) -> None:
    path = folder / ARTICLES
    articles = list(read_articles([path], settings=settings))
    texts = [article.full_text for article in articles]
    words = sum(len(text.split()) for text in texts)
    model = spacy.load(nlp.path)  # the same package, without our components
    output = work / "extracted.jsonl"

    def run_model(n: int) -> None:
        for _ in model.pipe(texts, batch_size=settings.nlp_batch_size, n_process=n):
            pass

    # `graphbuilder extract --workers 2`: worker processes that each load the pipeline once, as in a long run;
    # started here and given a batch each, so the timed rounds see them loaded
    workers = open_executor(settings, workers=2)

    def run_ours(n: int) -> None:
        with output.open("w", encoding="utf-8") as sink:
            extract_to_jsonl([path], sink, nlp, settings, executor=workers if n > 1 else None)

    # first calls initialise lazily; keep that out of the first timed round
    for _ in model.pipe(texts[:16]):
        pass
    for _ in extract_graphs(nlp, articles[:16]):
        pass
    for _ in workers.extract([articles[:8], articles[8:16]], on_error=print):
        pass
    variants = [("model", 1), ("graphbuilder", 1), ("model", 2), ("graphbuilder", 2)]
    runs = {"model": run_model, "graphbuilder": run_ours}
    seconds: dict[tuple[str, int], list[float]] = {variant: [] for variant in variants}
    cpu: dict[tuple[str, int], list[float]] = {variant: [] for variant in variants}
    for turn in range(rounds):
        for kind, n in variants[turn % 4:] + variants[:turn % 4]:
            cpu_started = time.process_time()
            seconds[kind, n].append(timed(lambda: runs[kind](n))[0])
            cpu[kind, n].append(time.process_time() - cpu_started)
    data = {"articles": len(texts), "words": words, "rounds": rounds, "model": model.meta["name"],
            "model_version": model.meta["version"], "pipe_names": nlp.pipe_names, "batch_size": settings.nlp_batch_size}
    for n in (1, 2):
        model_s, ours_s = median(seconds["model", n]), median(seconds["graphbuilder", n])
        ratio = model_s / ours_s
        paired = [m / o for m, o in zip(seconds["model", n], seconds["graphbuilder", n])]
        data[f"n_process={n}"] = {
            "model_seconds": seconds["model", n], "graphbuilder_seconds": seconds["graphbuilder", n],
            "model_cpu_seconds": cpu["model", n], "graphbuilder_cpu_seconds": cpu["graphbuilder", n],
            "model_articles_per_s": per_second(len(texts), model_s), "graphbuilder_articles_per_s": per_second(len(texts), ours_s),
            "model_words_per_s": per_second(words, model_s), "graphbuilder_words_per_s": per_second(words, ours_s),
            "ratio": ratio, "ratio_per_round": paired,
        }
        result.row(f"spaCy model alone, n_process={n}",
                   f"{fmt(per_second(len(texts), model_s))} articles/s, {fmt(per_second(words, model_s))} words/s")
        # the workers' CPU is not this process's: in parallel only the wall clock compares
        by_cpu = f", {median(cpu['model', n]) / median(cpu['graphbuilder', n]):.3f}x by CPU time" if n == 1 else ""
        result.row(f"graphbuilder extract, {'in this process' if n == 1 else f'--workers {n}'}",
                   f"{fmt(per_second(len(texts), ours_s))} articles/s, {fmt(per_second(words, ours_s))} words/s",
                   f"{ratio:.3f}x the model (rounds {min(paired):.2f}-{max(paired):.2f}){by_cpu}; target ≥{TARGET}x"
                   + ("" if ratio >= TARGET else " BELOW TARGET"))
    workers.close()
    data["quality"] = recall(folder, output)
    quality = data["quality"]
    result.row("recall of planted triples", f"{quality['recall']:.3f} ({quality['found']}/{quality['planted']})",
               f"precision {quality['precision']:.3f} on the planted types")
    result.data.update(data)


def _key(article: str, subject: str, predicate: str, obj: str | None) -> tuple:
    if predicate in SYMMETRIC and obj is not None and obj < subject:
        subject, obj = obj, subject
    return article, subject, predicate, obj


def recall(folder: Path, extracted: Path) -> dict:
    """Planted triples found, as sets per article: subject, type and object ids (only the speaker for SAID)."""
    planted = {_key(t["article"], t["s"], t["p"], t.get("o")) for t in read_planted(folder)}
    types = {key[2] for key in planted}
    with extracted.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    system = {
        _key(r["article"], r["subject"]["id"], r["predicate"], r["object"]["id"] if r["object"] else None)
        for r in records
        if r["predicate"] in types
    }
    found = planted & system
    by_type = Counter(key[2] for key in planted)
    found_by_type = Counter(key[2] for key in found)
    return {
        "planted": len(planted), "found": len(found), "extracted": len(system), "triples": len(records),
        "recall": len(found) / len(planted) if planted else 0.0,
        "precision": len(found) / len(system) if system else 0.0,
        "recall_by_type": {p: round(found_by_type[p] / n, 3) for p, n in sorted(by_type.items())},
    }


def where_time_goes(result: Result, nlp: Language, folder: Path, settings: Settings, work: Path) -> list[ArticleGraph]:
    """Each pipeline component timed on its own (CPU time), then a cProfile of `extract_to_jsonl`; returns the graphs."""
    path = folder / ARTICLES
    started = time.process_time()
    articles: list[Article] = list(read_articles([path], settings=settings))
    spent = {"reading JSONL": time.process_time() - started}
    started = time.process_time()
    docs = [nlp.make_doc(article.full_text) for article in articles]
    spent["tokenizer"] = time.process_time() - started
    for name, component in nlp.pipeline:
        started = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=settings.nlp_batch_size))
        else:
            docs = [component(doc) for doc in docs]
        spent[name] = time.process_time() - started
    started = time.process_time()
    graphs = [article_graph(doc, article) for doc, article in zip(docs, articles)]
    for graph in graphs:
        for triple in graph.triples:
            json.dumps(triple.to_json(), ensure_ascii=False)
    spent["ArticleGraph + JSON"] = time.process_time() - started
    total = sum(spent.values())
    ours = {name: s for name, s in spent.items() if name.startswith("graphbuilder_") or name in ("reading JSONL", "ArticleGraph + JSON")}
    result.data["components_seconds"] = spent
    result.row("our share of extraction time", f"{sum(ours.values()) / total:.0%}",
               ", ".join(f"{name.removeprefix('graphbuilder_')} {s / total:.1%}" for name, s in sorted(ours.items(), key=lambda kv: -kv[1])))
    result.row("the model's share", f"{1 - sum(ours.values()) / total:.0%}",
               ", ".join(f"{name} {s / total:.0%}" for name, s in spent.items() if name not in ours))

    profiler = cProfile.Profile()
    with (work / "profiled.jsonl").open("w", encoding="utf-8") as sink:
        profiler.runcall(extract_to_jsonl, [path], sink, nlp, settings)
    stats = pstats.Stats(profiler)
    mine = sorted(
        ((f"{file.rsplit(PACKAGE, 1)[1]}:{line} {function}", calls, own, cumulative)
         for (file, line, function), (_, calls, own, cumulative, _) in stats.stats.items() if PACKAGE in file),
        key=lambda entry: -entry[2],
    )
    result.data["profile_total_seconds"] = stats.total_tt
    result.data["profile_ours_self_seconds"] = sum(entry[2] for entry in mine)
    result.data["profile_top"] = [
        {"function": name, "calls": calls, "self_s": round(own, 3), "cumulative_s": round(cumulative, 3),
         "self_share": round(own / stats.total_tt, 4)}
        for name, calls, own, cumulative in mine[:15]
    ]
    result.row("self time in our functions (cProfile)", f"{result.data['profile_ours_self_seconds'] / stats.total_tt:.0%}",
               "; ".join(f"{name} {own / stats.total_tt:.1%}" for name, _, own, _ in mine[:4]))
    # a subtree holding most of the run is a wrapper around spaCy (extract_to_jsonl, extract_graphs)
    subtrees = sorted((entry for entry in mine if entry[3] < stats.total_tt / 2), key=lambda entry: -entry[3])
    result.data["profile_subtrees"] = [{"function": name, "cumulative_s": round(cumulative, 3)} for name, _, _, cumulative in subtrees[:15]]
    result.row("largest subtrees of ours (cProfile)", "; ".join(
        f"{name} {cumulative / stats.total_tt:.1%}" for name, _, _, cumulative in subtrees[:5]))
    return graphs
