"""Pictures of the graph for the demo and the notebooks, and tables to show rows in a notebook.

Pictures are matplotlib PNGs, which render anywhere (a code host shows them in a stored
notebook), plus one interactive HTML page (neo4j-viz). Colours come from the vocabulary:
nodes by label, edges by relation family (the CAMEO quad classes, and structure). Figures
are made without pyplot, so drawing neither switches the caller's backend nor leaves
figures open.
"""

from __future__ import annotations

import html
import io
import textwrap
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx
import PIL.Image
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .analysis import actor_graph, event_graph, name, ranked
from .model import Family, Label, Relation
from .queries import as_text

LABEL_COLOURS = {
    Label.COUNTRY: "#4C78A8",
    Label.ORGANIZATION: "#72B7B2",
    Label.ARMED_GROUP: "#E45756",
    Label.PERSON: "#F58518",
    Label.PLACE: "#9D755D",
    Label.CLAIM: "#BAB0AC",
}
FAMILY_COLOURS = {
    Family.VERBAL_COOPERATION: "#54A24B",
    Family.MATERIAL_COOPERATION: "#2E7D32",
    Family.VERBAL_CONFLICT: "#F2A541",
    Family.MATERIAL_CONFLICT: "#C62828",
    Family.STATEMENT: "#BAB0AC",
    Family.STRUCTURE: "#9E9E9E",
}
# matplotlib's tab10 for blocs, less the green and red that relation families use
BLOC_COLOURS = ("#1F77B4", "#FF7F0E", "#9467BD", "#8C564B", "#E377C2", "#17BECF", "#BCBD22")
OTHER_COLOUR = "#CCCCCC"
DPI = 100
# past this many relations their labels hide the graph; the colours still tell their family
EDGE_LABEL_LIMIT = 60


def degree_share(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Each node's degree as a share of the highest, so that sizes stay bounded however big the hubs."""
    degree = dict(graph.degree())
    top = max(degree.values(), default=0) or 1
    return {node: d / top for node, d in degree.items()}


def node_sizes(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Marker areas in the PNGs (pt²), growing with degree."""
    return {node: 250 + 1350 * share for node, share in degree_share(graph).items()}


def drawable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """What the network pictures draw: the actor graph less the actors with no relation."""
    actors = actor_graph(graph)
    actors.remove_nodes_from([n for n in list(actors) if actors.degree(n) == 0])
    return actors


def _label_colour(label: str | None) -> str:
    return LABEL_COLOURS.get(label, OTHER_COLOUR)


def _figure(width: float, height: float, columns: int = 1) -> tuple[Figure, list[Axes]]:
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return fig, list(fig.subplots(1, columns, squeeze=False)[0])


def _save(fig: Figure, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rendered = io.BytesIO()
    fig.savefig(rendered, format="png", facecolor="white")
    _palette_image(PIL.Image.open(rendered).convert("RGB")).save(path, optimize=True)
    return path


def _palette_image(image: PIL.Image.Image) -> PIL.Image.Image:
    """`image` in 256 colours, which makes the file, and a notebook showing it, a third the size. The palette
    holds every colour of ours exactly, however few pixels have it (a legend entry, one edge); the rest is
    fitted to the picture."""
    fixed = [
        to_rgb(c)
        for c in ("#FFFFFF", "#000000", *LABEL_COLOURS.values(), *FAMILY_COLOURS.values(), *BLOC_COLOURS, OTHER_COLOUR)
    ]
    fitted = image.quantize(256 - len(fixed), method=PIL.Image.Quantize.FASTOCTREE).getpalette()[
        : 3 * (256 - len(fixed))
    ]
    palette = PIL.Image.new("P", (1, 1))
    palette.putpalette([round(255 * c) for rgb in fixed for c in rgb] + fitted)
    return image.quantize(palette=palette, dither=PIL.Image.Dither.NONE)


def _empty(ax: Axes, message: str) -> None:
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#666666", transform=ax.transAxes)


def present(colours: Mapping[str, str], values: Iterable[str]) -> dict[str, str]:
    """The entries of `colours`, in its order, whose key is among `values`: what a legend lists."""
    seen = set(values)
    return {str(key): colour for key, colour in colours.items() if key in seen}


def _family_handles(families: Iterable[str]) -> list[Line2D]:
    return [
        Line2D([], [], color=colour, lw=2.5, ls="--" if family == Family.STRUCTURE else "-", label=family)
        for family, colour in present(FAMILY_COLOURS, families).items()
    ]


def _dot(colour: str, label: str, edge: str = "white") -> Line2D:
    return Line2D(
        [],
        [],
        marker="o",
        ls="",
        markersize=11,
        markerfacecolor=colour,
        markeredgecolor=edge,
        markeredgewidth=1.5,
        label=label,
    )


def _legends(fig: Figure, nodes: list[Line2D], node_title: str, families: Iterable[str]) -> None:
    if nodes:
        fig.legend(handles=nodes, title=node_title, loc="outside right upper", frameon=False, fontsize=9)
    if handles := _family_handles(families):
        fig.legend(handles=handles, title="relations", loc="outside right lower", frameon=False, fontsize=9)


def layout(graph: nx.MultiDiGraph, seed: int = 7, aspect: float = 1.4) -> dict[str, tuple[float, float]]:
    """Positions: a force-directed layout (ForceAtlas2) of each connected component in a box whose side grows with
    its size, the boxes packed in rows, biggest first, into a rectangle of about `aspect`. One layout of a whole
    news graph, with its many small components, squeezes each component into a blob."""
    components = sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    # the side grows like the square root of the size, so density stays even; the margins leave room between boxes
    sides = [1.0 + 1.3 * len(component) ** 0.5 for component in components]
    row_width = max(max(sides, default=0), (aspect * sum(side**2 for side in sides)) ** 0.5)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component, side in zip(components, sides):
        if x and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        centre = (x + side / 2, y - side / 2)
        pos |= _spread(graph, sorted(component), seed, 0.38 * side, centre)
        x += side
        row_height = max(row_height, side)
    return pos


def _spread(
    graph: nx.MultiDiGraph, nodes: list[str], seed: int, scale: float, centre: tuple[float, float]
) -> dict[str, tuple[float, float]]:
    """Positions of one component, the `nodes` of `graph`, around `centre`."""
    if len(nodes) == 1:
        return {nodes[0]: centre}
    # built in a fixed order: the seeded start positions go to the nodes in order, and a subgraph's order
    # follows a set's, which changes from process to process
    ties = nx.Graph()
    ties.add_nodes_from(nodes)
    ties.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.subgraph(nodes).edges()))
    # giving nodes a size turns on ForceAtlas2's overlap prevention
    pos = nx.forceatlas2_layout(ties, seed=seed, max_iter=300, node_size=dict.fromkeys(ties, 1.0))
    cx, cy = centre
    return {node: (cx + x, cy + y) for node, (x, y) in nx.rescale_layout_dict(pos, scale=scale).items()}


def _draw_network(
    ax: Axes, graph: nx.MultiDiGraph, colours: Mapping[str, str], highlight: Collection[str], seed: int
) -> None:
    """Nodes sized by degree with their names below, relations as arrows coloured by family, structure dashed."""
    ax.axis("off")
    nodes = sorted(graph)
    sizes = node_sizes(graph)
    pos = layout(graph, seed)
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=nodes,
        ax=ax,
        node_size=[sizes[n] for n in nodes],
        node_color=[colours[n] for n in nodes],
        edgecolors=["#222222" if n in highlight else "white" for n in nodes],
        linewidths=[3 if n in highlight else 1 for n in nodes],
    )
    # the relations of one pair of nodes fan out, each on its own arc
    pairs: dict[frozenset, list[tuple[str, str, str]]] = defaultdict(list)
    for u, v, key in sorted(graph.edges(keys=True)):
        pairs[frozenset((u, v))].append((u, v, key))
    with_labels = graph.number_of_edges() <= EDGE_LABEL_LIMIT
    for edges in pairs.values():
        for i, (u, v, key) in enumerate(edges):
            family = Relation(key).info.family
            structure = family is Family.STRUCTURE
            arc = f"arc3,rad={0.1 + 0.18 * i}"
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=[(u, v, key)],
                ax=ax,
                nodelist=nodes,
                node_size=[sizes[n] for n in nodes],
                edge_color=FAMILY_COLOURS[family],
                style="--" if structure else "-",
                width=1.0 if structure else 1.8,
                arrows=True,
                arrowsize=14,
                connectionstyle=arc,
                alpha=0.7 if structure else 0.9,
            )
            if with_labels and not structure:
                nx.draw_networkx_edge_labels(
                    graph,
                    pos,
                    edge_labels={(u, v, key): key},
                    ax=ax,
                    connectionstyle=arc,
                    font_size=6.5,
                    font_color=FAMILY_COLOURS[family],
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
                )
    # names sit under their node, so that they hide neither its colour nor the arrows into it
    for node in nodes:
        ax.annotate(
            textwrap.fill(name(graph, node), 20),
            pos[node],
            xytext=(0, -(sizes[node] ** 0.5 / 2 + 2)),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    ax.margins(0.08)


def plot_graph(
    graph: nx.MultiDiGraph, *, title: str = "graphbuilder", highlight: Collection[str] = (), seed: int = 7
) -> Figure:
    """The actor graph: nodes coloured by label and sized by degree, edges coloured by relation family."""
    actors = drawable(graph)
    fig, (ax,) = _figure(13, 9)
    ax.set_title(title, fontsize=14)
    if not actors:
        _empty(ax, "no relations between actors yet")
        return fig
    labels = {n: actors.nodes[n].get("label") for n in actors}
    _draw_network(ax, actors, {n: _label_colour(label) for n, label in labels.items()}, highlight, seed)
    nodes = [_dot(colour, label) for label, colour in present(LABEL_COLOURS, labels.values()).items()]
    if highlight:
        nodes.append(_dot("white", "focus", edge="#222222"))
    _legends(fig, nodes, "actors (size: degree)", (d for _, _, d in actors.edges(data="family")))
    return fig


def draw_graph(
    graph: nx.MultiDiGraph, path: Path, *, title: str = "graphbuilder", highlight: Collection[str] = (), seed: int = 7
) -> Path:
    """Write the actor graph (`plot_graph`) as a PNG; `highlight` outlines the nodes to focus on."""
    return _save(plot_graph(graph, title=title, highlight=highlight, seed=seed), path)


def draw_communities(
    graph: nx.MultiDiGraph,
    blocs: list[set[str]],
    path: Path,
    *,
    bridges: Collection[str] = (),
    title: str = "blocs",
    seed: int = 7,
) -> Path:
    """The actors in events, coloured by bloc (`analysis.cooperation_communities`), bridges outlined."""
    events = event_graph(graph)
    fig, (ax,) = _figure(13, 9)
    ax.set_title(title, fontsize=14)
    if not events:
        _empty(ax, "no events between actors yet")
        return _save(fig, path)
    bloc_of = {node: i for i, bloc in enumerate(blocs) for node in bloc}
    colours = {n: BLOC_COLOURS[bloc_of[n] % len(BLOC_COLOURS)] if n in bloc_of else OTHER_COLOUR for n in events}
    _draw_network(ax, events, colours, bridges, seed)
    nodes = [_dot(BLOC_COLOURS[i % len(BLOC_COLOURS)], f"bloc {i + 1} ({len(bloc)})") for i, bloc in enumerate(blocs)]
    nodes.append(_dot(OTHER_COLOUR, "in no bloc"))
    if bridges:
        nodes.append(_dot("white", "bridge", edge="#222222"))
    _legends(fig, nodes, "actors (size: degree)", (d for _, _, d in events.edges(data="family")))
    return _save(fig, path)


def _integer_axis(ax: Axes, signed: bool = False) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if signed:  # counts drawn to the left are negative only on paper
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{abs(x):g}"))


def draw_balance(rows: list[dict], path: Path, *, subject: str, title: str | None = None) -> Path:
    """Reports per relation type done to `subject` (left, hatched) and by it (right): `analysis.event_balance`."""
    fig, (ax,) = _figure(10, 1.8 + 0.45 * max(2, len(rows)))
    ax.set_title(title or f"What {subject} does and what is done to it", fontsize=13)
    if not rows:
        _empty(ax, f"no such relations involving {subject} yet")
        return _save(fig, path)
    y = range(len(rows))
    colours = [FAMILY_COLOURS[Family(row["family"])] for row in rows]
    outgoing = ax.barh(y, [row["outgoing"] for row in rows], height=0.6, color=colours)
    incoming = ax.barh(
        y, [-row["incoming"] for row in rows], height=0.6, color=colours, hatch="///", alpha=0.55, edgecolor="white"
    )
    for bars, key in ((outgoing, "outgoing"), (incoming, "incoming")):
        ax.bar_label(bars, labels=[row[key] or "" for row in rows], padding=3, fontsize=9)
    top = max(max(row["incoming"], row["outgoing"]) for row in rows)
    ax.set_xlim(-1.25 * top, 1.25 * top)
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(list(y), [row["relation"] for row in rows])
    ax.set_ylim(max(2, len(rows)) - 0.5, -0.5)  # first row on top; one row stays a bar, not a wall
    _integer_axis(ax, signed=True)
    ax.set_xlabel(f"← reports of it done to {subject}            reports of it done by {subject} →")
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(
        handles=[
            Patch(facecolor=colour, label=family)
            for family, colour in present(FAMILY_COLOURS, (row["family"] for row in rows)).items()
        ],
        loc="outside right upper",
        fontsize=9,
        frameon=False,
    )
    return _save(fig, path)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:  # undated, or only a year or month
        return None


def draw_timeline(rows: list[dict], path: Path, *, title: str = "timeline", limit: int = 40) -> Path:
    """The latest `limit` dated events of `analysis.timeline`, one line each, a dot on its date coloured by family."""
    dated = [(day, row) for row in rows if (day := _day(row["date"]))][-limit:]
    fig, (ax,) = _figure(11, 1.8 + 0.32 * max(3, len(dated)))
    ax.set_title(title, fontsize=13)
    if not dated:
        _empty(ax, "no dated events yet")
        return _save(fig, path)
    days = [day for day, _ in dated]
    y = list(range(len(dated)))
    ax.hlines(y, min(days), days, colors="#E0E0E0", lw=0.8)
    ax.scatter(days, y, s=70, zorder=3, c=[FAMILY_COLOURS[Family(row["family"])] for _, row in dated])
    ax.set_yticks(y, [f"{row['subject']}  {row['relation']}  {row['object']}" for _, row in dated], fontsize=9)
    ax.invert_yaxis()
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if min(days) == max(days):  # a single day: give the axis a width
        ax.set_xlim(date.fromordinal(days[0].toordinal() - 15), date.fromordinal(days[0].toordinal() + 15))
    ax.grid(axis="x", ls=":", color="#BBBBBB")
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(
        handles=_family_handles(row["family"] for _, row in dated), loc="outside right upper", frameon=False, fontsize=9
    )
    return _save(fig, path)


def draw_ranking(rows: list[dict], columns: Mapping[str, str], path: Path, *, title: str = "", limit: int = 10) -> Path:
    """One bar chart per column (key -> heading) of its top `limit` actors (`analysis.ranked`), bars by label."""
    fig, axes = _figure(6 * len(columns), 1.8 + 0.38 * limit, columns=len(columns))
    fig.suptitle(title, fontsize=14)
    labels: set[str] = set()
    for ax, (key, heading) in zip(axes, columns.items()):
        ax.set_title(heading, fontsize=12)
        top = ranked(rows, key, limit)
        if not top:
            _empty(ax, "none yet")
            continue
        labels |= {row["label"] for row in top}
        y = list(range(len(top)))
        bars = ax.barh(y, [row[key] for row in top], color=[_label_colour(row["label"]) for row in top])
        ax.bar_label(bars, padding=3, fontsize=9)
        ax.set_yticks(y, [textwrap.shorten(row["actor"], 28) for row in top])
        ax.invert_yaxis()
        _integer_axis(ax)
        ax.set_xlabel("reports")
        ax.spines[["top", "right"]].set_visible(False)
    _legends(fig, [_dot(colour, label) for label, colour in present(LABEL_COLOURS, labels).items()], "actors", ())
    return _save(fig, path)


def write_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "graphbuilder", height: str = "800px") -> Path:
    """An interactive page of the actor graph (neo4j-viz): pan, zoom, search, a legend, and each node's and
    relation's properties on click. Self-contained (several MB of inlined JavaScript), so it opens offline."""
    from neo4j_viz import Node, Relationship, VisualizationGraph

    actors = drawable(graph)
    share = degree_share(actors)
    nodes = [
        Node(
            id=node,
            caption=name(actors, node),
            size=12 + 24 * share[node],
            color=_label_colour(data.get("label")),
            properties={
                "id": node,
                "label": data.get("label"),
                "name": name(actors, node),
                "degree": actors.degree(node),
            },
        )
        for node, data in sorted(actors.nodes(data=True))
    ]
    relationships = [
        Relationship(
            id=f"{u}|{key}|{v}",
            source=u,
            target=v,
            caption=key,
            color=FAMILY_COLOURS[Family(data["family"])],
            width=1 + min(data["n_sources"], 5),
            properties={"type": key, **data},
        )
        for u, v, key, data in sorted(actors.edges(keys=True, data=True), key=lambda e: e[:3])
    ]
    view = VisualizationGraph(nodes, relationships)
    view.set_legend(
        nodes=present(LABEL_COLOURS, (label for _, label in actors.nodes(data="label"))),
        relationships=present(FAMILY_COLOURS, (family for *_, family in actors.edges(data="family"))),
    )
    page = view.render(height=height, theme="light").data
    page = page.replace("<title>neo4j-viz</title>", f"<title>{html.escape(title)}</title>", 1)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Table:
    """Rows of dicts shown as an HTML table in a notebook, and as plain text elsewhere; cells as `queries.as_text`."""

    rows: list[dict]
    columns: list[str] = field(default_factory=list)
    caption: str = ""

    def _columns(self) -> list[str]:
        return self.columns or list(dict.fromkeys(key for row in self.rows for key in row))

    def _repr_html_(self) -> str:
        caption = (
            f"<caption style='text-align:left;font-weight:bold'>{html.escape(self.caption)}</caption>"
            if self.caption
            else ""
        )
        if not self.rows:
            return f"<table>{caption}<tr><td><i>no rows</i></td></tr></table>"
        columns = self._columns()
        head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{html.escape(as_text(row.get(c)))}</td>" for c in columns)
            + "</tr>"
            for row in self.rows
        )
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        if not self.rows:
            return "\n".join([*lines, "(no rows)"])
        columns = self._columns()
        lines.append(" | ".join(columns))
        lines += [" | ".join(as_text(row.get(c)) for c in columns) for row in self.rows]
        return "\n".join(lines)


def table(rows: Iterable[dict], columns: Iterable[str] = (), caption: str = "") -> Table:
    return Table(list(rows), list(columns), caption)
