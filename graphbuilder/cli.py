"""The `graphbuilder` command: thin Typer commands over the library."""

from __future__ import annotations

import dataclasses
import errno
import json
import sys
import time
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import GraphBuilderError, InputError
from pydantic import SecretStr

from .settings import Settings, get_settings

# --debug tracebacks without local variables: those hold the Neo4j password in plain text
app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False,
                  help="Typed, sourced knowledge graphs of geopolitical news.")
neo4j_app = typer.Typer(no_args_is_help=True, help="Run the local Neo4j server that tests and demos use.")
app.add_typer(neo4j_app, name="neo4j")

out = Console()
err = Console(stderr=True)
_state = {"debug": False}

PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html, .jsonl) or folders of them.", show_default=False)]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Stop at the first input that cannot be read (exit code 1).")]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Local worker processes; 1 extracts in this process.")]
StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Embedded store file (default: GRAPHBUILDER_STORE_PATH).")]
Neo4jOpt = Annotated[bool, typer.Option("--neo4j", help="Use Neo4j (GRAPHBUILDER_NEO4J_URI) instead of the embedded store.")]


@contextmanager
def _errors():
    """Library errors become one line on stderr and the error's exit code."""
    try:
        yield
    except GraphBuilderError as error:
        if _state["debug"]:
            raise
        # escaped: a message quotes file names and server text, which may look like markup
        err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err.print("interrupted; everything written so far is committed")
        raise typer.Exit(130) from None
    except OSError as error:
        # a file the command cannot write; a closed pipe (`| head`) is Click's to end quietly
        if _state["debug"] or error.errno == errno.EPIPE:
            raise
        err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"graphbuilder {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
) -> None:
    _state["debug"] = debug


def _settings(*, neo4j: bool = False) -> Settings:
    """Settings, completed for the local server: its URI when `--neo4j` names no other, its generated password."""
    from .server import resolve_password

    settings = get_settings()
    updates: dict = {}
    if neo4j and settings.neo4j_uri is None:
        updates["neo4j_uri"] = f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"
    if settings.neo4j_password is None and (password := resolve_password(settings)):
        updates["neo4j_password"] = SecretStr(password)
    return settings.model_copy(update=updates) if updates else settings


def _open_store(store: Path | None, neo4j: bool, *, existing: bool = False):
    """The store a command works on; `existing` refuses to create an embedded store that is not there."""
    from .errors import StoreError
    from .store import open_store

    settings = _settings(neo4j=neo4j)
    # an explicit --store is the embedded store, whatever GRAPHBUILDER_NEO4J_URI says
    use_neo4j = neo4j or (store is None and settings.neo4j_uri is not None)
    if existing and not use_neo4j:
        path = store or settings.store_path
        if not path.exists():
            raise StoreError(f"{path}: no such store; run `graphbuilder ingest` first or pass --store")
    return open_store(settings, neo4j=use_neo4j, path=store)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def _report_error(error: InputError) -> None:
    err.print(f"[yellow]skipped[/yellow] {escape(str(error))}", highlight=False, soft_wrap=True)


def _list_failures(report, console: Console) -> None:
    for failure in report.failures:
        console.print(f"  failed: {escape(str(failure))}", highlight=False, soft_wrap=True)


def _exit_code(report) -> int:
    """130 after Ctrl-C, as a shell reports it; 1 when some input failed; else 0."""
    return 130 if report.interrupted else 0 if report.ok else 1


def _summary(report, seconds: float, what: str) -> None:
    table = Table(title=f"{what} in {seconds:.1f}s", show_header=False)
    table.add_row("articles read", str(report.articles))
    for status, n in sorted(report.statuses.items()):
        table.add_row(f"articles {status}", str(n))
    table.add_row("triples", str(report.triples))
    table.add_row("failed inputs", str(len(report.failures)))
    if report.interrupted:
        table.caption = "interrupted: what is counted here is committed; run again to finish"
    out.print(table)
    _list_failures(report, out)


class ExecutorKind(StrEnum):
    LOCAL = "local"
    DASK = "dask"


@app.command()
def ingest(
    paths: PathsArg,
    store: StoreOpt = None,
    neo4j: Neo4jOpt = False,
    strict: StrictOpt = False,
    executor: Annotated[ExecutorKind, typer.Option("--executor", help="Where to extract: local (this machine) or dask (the workers of --scheduler).")] = ExecutorKind.LOCAL,
    workers: WorkersOpt = 1,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, tcp://HOST:PORT.")] = None,
    spool: Annotated[Optional[Path], typer.Option("--spool", help="Folder (shared with the workers) for each batch's triples; a re-run reuses the complete ones.")] = None,
) -> None:
    """Extract triples from articles and write them to the graph store.

    Example: graphbuilder ingest examples/ --store news.sqlite
    Example: graphbuilder ingest corpus/ --executor dask --scheduler tcp://10.0.0.5:8786 --spool /shared/spool
    """
    from .distributed import open_executor
    from .pipeline import ingest as run_ingest

    with _errors():
        settings = _settings(neo4j=neo4j)
        with open_executor(settings, kind=executor, workers=workers, scheduler=scheduler, spool=spool) as extractor:
            started = time.perf_counter()
            with _open_store(store, neo4j) as target, _progress() as progress:
                task = progress.add_task("ingesting", total=None)
                report = run_ingest(paths, target, None, settings, on_error=_report_error,
                                    tick=lambda a: progress.advance(task), strict=strict, executor=extractor)
        _summary(report, time.perf_counter() - started, "ingest")
    raise typer.Exit(_exit_code(report))


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON Lines file to write ('-' for stdout).")] = Path("-"),
    strict: StrictOpt = False,
    workers: WorkersOpt = 1,
) -> None:
    """Extract triples to JSON Lines without touching a store.

    Example: graphbuilder extract examples/ -o triples.jsonl
    Example: graphbuilder extract corpus/ --workers 2 -o triples.jsonl
    """
    from .distributed import open_executor
    from .pipeline import extract_to_jsonl

    with _errors():
        settings = _settings()
        with open_executor(settings, workers=workers) as extractor:
            started = time.perf_counter()
            if str(output) == "-":
                report = extract_to_jsonl(paths, sys.stdout, None, settings, on_error=_report_error, strict=strict,
                                          executor=extractor)
            else:
                output.parent.mkdir(parents=True, exist_ok=True)
                with output.open("w", encoding="utf-8") as sink, _progress() as progress:
                    task = progress.add_task("extracting", total=None)
                    report = extract_to_jsonl(paths, sink, None, settings, on_error=_report_error,
                                              tick=lambda a: progress.advance(task), strict=strict, executor=extractor)
        err.print(f"{report.triples} triples from {report.articles} articles in {time.perf_counter() - started:.1f}s", highlight=False)
        _list_failures(report, err)  # stderr: stdout may be the triples
    raise typer.Exit(_exit_code(report))


@app.command()
def merges(
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the merges as JSON.")] = False,
    strict: StrictOpt = False,
) -> None:
    """Explain entity resolution: every node that several surface forms or articles reached, each form with the
    rule that sent it there (gazetteer name or alias, spelling variant, transliterated given name, same name).

    Example: graphbuilder merges examples/articles
    """
    from rich.text import Text

    from .nlp import build_pipeline
    from .pipeline import entity_report

    with _errors():
        settings = _settings()
        nlp = build_pipeline(settings)
        with _progress() as progress:
            task = progress.add_task("extracting", total=None)
            found, report = entity_report(paths, nlp, settings, on_error=_report_error,
                                          tick=lambda a: progress.advance(task), strict=strict)
        if as_json:
            print(json.dumps([{"node": m.entity_id, "form": m.surface, "rule": m.rule, "articles": list(m.articles)}
                              for m in found], ensure_ascii=False, indent=2))
        else:
            # Text, not markup: forms come from the articles and may hold brackets
            table = Table("node", "form", "rule", "articles", title=f"merges in {report.articles} articles")
            for m in found:
                table.add_row(Text(m.entity_id), Text(m.surface), m.rule, Text(", ".join(m.articles)))
            out.print(table)
        _list_failures(report, err)
    raise typer.Exit(_exit_code(report))


@app.command()
def load(store: StoreOpt = None) -> None:
    """Copy the embedded store into Neo4j (GRAPHBUILDER_NEO4J_URI).

    Example: GRAPHBUILDER_NEO4J_URI=bolt://127.0.0.1:7687 graphbuilder load --store news.sqlite
    """
    from .pipeline import load as run_load
    from .store import open_store

    with _errors():
        settings = _settings(neo4j=True)
        started = time.perf_counter()
        # the source is always the embedded store, even when GRAPHBUILDER_NEO4J_URI is set
        source_path = store or settings.store_path
        with _open_store(source_path, False, existing=True) as source, open_store(settings, neo4j=True) as target, _progress() as progress:
            task = progress.add_task("loading", total=None)
            report = run_load(source, target, settings, tick=lambda a: progress.advance(task))
        _summary(report, time.perf_counter() - started, "load")


@app.command()
def query(
    name: Annotated[Optional[str], typer.Argument(help="Canned query name (a file in cypher/); omit to list them.")] = None,
    param: Annotated[Optional[list[str]], typer.Option("-p", "--param", help="key=value, repeatable.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print rows as CSV.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the canned queries and their parameters.")] = False,
    browser: Annotated[bool, typer.Option("--browser", help="Print every query with its :params line, to paste into Neo4j Browser.")] = False,
) -> None:
    """Run a canned Cypher query on Neo4j and print a table.

    Example: graphbuilder query who_urges_whom -p min_sources=2
    """
    from rich.table import Column
    from rich.text import Text

    from .queries import QueryError, as_text, browser_script, catalogue, get_query, run_query
    from .store import open_store

    with _errors():
        if browser:
            print(browser_script(), end="")
            return
        if list_ or name is None:
            table = Table(Column("query", no_wrap=True), "description", "parameters")
            for q in catalogue().values():
                table.add_row(q.name, Text.assemble((q.title, "bold"), "\n", q.description), Text(q.signature()))
            out.print(table)
            return
        given = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise QueryError(f"parameter {item!r} must be key=value")
            given[key.strip()] = value
        canned = get_query(name)
        values = canned.bind(given)
        with open_store(_settings(neo4j=True), neo4j=True) as store:
            result = run_query(store.driver, store.database, canned, values)
        if as_json:
            print(json.dumps(result.records(), ensure_ascii=False, indent=2, default=str))
        elif as_csv:
            import csv

            writer = csv.writer(sys.stdout)
            writer.writerow(result.columns)
            writer.writerows([as_text(v) for v in row] for row in result.rows)
        else:
            table = Table(*result.columns, title=canned.title)
            for row in result.rows:
                # Text, not markup: paths contain brackets, e.g. -[URGES]->
                table.add_row(*(Text(as_text(v)) for v in row))
            out.print(table)


@app.command()
def stats(
    store: StoreOpt = None,
    neo4j: Neo4jOpt = False,
    top: Annotated[int, typer.Option("--top", min=0, help="How many of the best connected actors to list.")] = 10,
    entities: Annotated[bool, typer.Option("--entities", help="Also list every entity with its aliases.")] = False,
) -> None:
    """Summarise the graph: nodes by label, relationships by type, articles, last ingest, top actors.

    Example: graphbuilder stats --store news.sqlite --entities
    """
    from rich.text import Text

    with _errors(), _open_store(store, neo4j, existing=True) as source:
        counts = source.counts()
        last_ingest = source.last_ingested_at()
        actors = source.top_actors(top)
        listed = source.entities() if entities else []
    table = Table("kind", "name", "count", title="graph")
    for label, n in counts.nodes.items():
        table.add_row("node", label, str(n))
    for rel, n in counts.relationships.items():
        table.add_row("relationship", rel, str(n))
    out.print(table)
    out.print(f"{counts.nodes.get('Article', 0)} articles, last ingested {last_ingest or 'never'}", highlight=False)
    # Text, not markup: names come from the articles and may hold brackets
    if actors:
        table = Table("actor", "label", "name", "event relationships", title="top actors")
        for actor in actors:
            table.add_row(Text(actor["id"]), actor["label"], Text(actor["name"]), str(actor["degree"]))
        out.print(table)
    if listed:
        table = Table("id", "label", "name", "aliases", title="entities")
        for entity in listed:
            table.add_row(Text(entity["id"]), entity["label"], Text(entity["name"]), Text(", ".join(entity["aliases"])))
        out.print(table)


class ExportFormat(StrEnum):
    NEO4J_ADMIN = "neo4j-admin"
    GRAPHML = "graphml"
    JSONL = "jsonl"


@app.command()
def export(
    output: Annotated[Path, typer.Argument(help="Folder (neo4j-admin) or file (graphml; jsonl, '-' for stdout) to write.", show_default=False)],
    format_: Annotated[ExportFormat, typer.Option("--format", help="neo4j-admin: CSVs for `neo4j-admin database import full`; graphml: the networkx graph; jsonl: one node or relationship a line.")],
    store: StoreOpt = None,
    neo4j: Neo4jOpt = False,
) -> None:
    """Export the whole graph for a bulk import into a fresh Neo4j, or for other tools.

    Example: graphbuilder export --format neo4j-admin out/import --store news.sqlite
    """
    import shlex

    from .export import write_graphml, write_jsonl, write_neo4j_admin

    with _errors(), _open_store(store, neo4j, existing=True) as source:
        if format_ is ExportFormat.NEO4J_ADMIN:
            written = write_neo4j_admin(source, output)
            counts = written.nodes, written.relationships
        elif format_ is ExportFormat.GRAPHML:
            counts = write_graphml(source, output)
        elif str(output) == "-":
            counts = write_jsonl(source, sys.stdout)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8") as sink:
                counts = write_jsonl(source, sink)
    err.print(f"wrote {counts[0]} nodes and {counts[1]} relationships to {output}", highlight=False, soft_wrap=True)
    if format_ is ExportFormat.NEO4J_ADMIN:
        err.print("import them into a stopped Neo4j whose database is new or empty, then start it:", highlight=False)
        out.print(shlex.join(["neo4j-admin", *written.arguments()]), highlight=False, soft_wrap=True)


@app.command()
def draw(
    store: StoreOpt = None,
    neo4j: Neo4jOpt = False,
    output: Annotated[Path, typer.Option("-o", "--output", help="PNG file to write.")] = Path("graph.png"),
) -> None:
    """Draw the actor graph as a PNG (nodes by label, edges by relation family).

    Example: graphbuilder draw --store news.sqlite -o graph.png
    """
    from .viz import draw_graph

    with _errors(), _open_store(store, neo4j, existing=True) as source:
        path = draw_graph(source.to_networkx(), output)
    out.print(f"wrote {path}")


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start the local Neo4j (Docker if an engine answers, else assembled from Maven Central).

    Example: graphbuilder neo4j start
    """
    from . import server

    with _errors():
        _print_status(server.start(_settings(), progress=lambda message: err.print(message, highlight=False)))


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j this project started.

    Example: graphbuilder neo4j stop
    """
    from . import server

    with _errors():
        stopped = server.stop(_settings())
    out.print("stopped" if stopped else "not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the local Neo4j runs, and where.

    Example: graphbuilder neo4j status
    """
    from . import server

    with _errors():
        status = server.status(_settings())
    _print_status(status)
    raise typer.Exit(0 if status.running else 1)


def _print_status(status) -> None:
    table = Table(show_header=False, title="neo4j")
    for key, value in dataclasses.asdict(status).items():
        table.add_row(key, str(value))
    out.print(table)


@app.command("eval")
def eval_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders to extract and score (omit with --pred).", show_default=False)] = None,
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files, one per article (SCHEMA.md format).")] = ...,
    pred: Annotated[Optional[Path], typer.Option("--pred", help="Score this `extract` JSON Lines file instead of running the extractor.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every wrong and missed triple with its evidence sentence and why.")] = False,
    floors: Annotated[Optional[Path], typer.Option("--floors", help="Quality file (quality.json); exit 1 when a figure is below its floor.")] = None,
) -> None:
    """Score extracted triples against gold annotations: precision, recall and F1.

    Example: graphbuilder eval --gold examples/gold examples/gold/articles --errors
    """
    from .evaluate import below_floors, extract_records, load_floors, load_gold, read_predictions, score

    if bool(paths) == (pred is not None):
        raise typer.BadParameter("give article PATHs to extract, or --pred FILE, not both")
    failures: list[InputError] = []

    def failed(error: InputError) -> None:
        failures.append(error)
        _report_error(error)

    with _errors():
        gold_set = load_gold(gold)
        minimum = load_floors(floors) if floors else {}
        if pred is not None:
            records = read_predictions(pred)
        else:
            from .nlp import build_pipeline

            settings = _settings()
            records = extract_records(paths, build_pipeline(settings), settings, on_error=failed)
        report = score(gold_set, records)
    if as_json:
        print(json.dumps(report.to_json(mismatches=errors), ensure_ascii=False, indent=2))
    else:
        _print_evaluation(report, errors)
    shortfalls = below_floors(report, minimum)
    for shortfall in shortfalls:
        err.print(f"[red]below floor:[/red] {shortfall}", highlight=False)
    raise typer.Exit(1 if failures or shortfalls else 0)


def _scores_table(title: str, first: str, rows) -> Table:
    table = Table(first, "precision", "recall", "F1", "system ok/wrong", "gold found/all", title=title)
    for name, s in rows:
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                      f"{s.system_correct}/{s.system_wrong}", f"{s.gold_found}/{s.gold}")
    return table


def _print_evaluation(report, errors: bool) -> None:
    from .evaluate import sorted_confusion

    caption = f"{report.articles} gold articles, {report.articles_with_output} with output"
    if report.unscored_articles:
        caption += f"; no gold for {len(report.unscored_articles)} predicted article(s)"
    table = _scores_table("quality against gold", "category", report.categories.items())
    table.caption = caption
    out.print(table)
    out.print(_scores_table("by relation type (precision by predicted type, recall by gold type)", "type", report.relations.items()))
    confusion = Table("gold type", "predicted type", "pairs", title="event types on the same actor pair")
    for (gold_type, predicted), n in sorted_confusion(report.confusion):
        confusion.add_row(gold_type or "(none)", predicted or "(none)", str(n), style=None if gold_type == predicted else "yellow")
    out.print(confusion)
    if not errors:
        return
    for m in report.mismatches:
        claim = f' "{m.claim}"' if m.claim else ""
        out.print(f"[bold]{m.kind:6}[/bold] {m.article}: {m.triple}{claim}  [dim]({m.reason})[/dim]", highlight=False, soft_wrap=True)
        if m.evidence:
            out.print(f"        evidence: {m.evidence}", highlight=False, soft_wrap=True)
