"""Pictures of the graph for the demo and the notebooks (matplotlib, so they render anywhere)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .model import Family, Label, Relation

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


def actor_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The actors and the events and structure between them: claims and articles left out."""
    keep = [n for n, data in graph.nodes(data=True) if data.get("label") not in (Label.CLAIM, Label.ARTICLE)]
    return graph.subgraph(keep).copy()


def draw_graph(graph: nx.MultiDiGraph, path: Path, *, title: str = "graphbuilder", seed: int = 7) -> Path:
    """Write a PNG: nodes coloured by label and sized by degree, edges coloured by relation family."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    actors = actor_graph(graph)
    actors.remove_nodes_from([n for n in list(actors) if actors.degree(n) == 0])
    fig, ax = plt.subplots(figsize=(12, 9), dpi=110)
    ax.set_title(title)
    ax.axis("off")
    if actors.number_of_nodes():
        pos = nx.spring_layout(actors, seed=seed, k=1.6 / max(1, actors.number_of_nodes()) ** 0.5)
        degree = dict(actors.degree())
        nx.draw_networkx_nodes(
            actors, pos, ax=ax,
            node_color=[LABEL_COLOURS.get(actors.nodes[n].get("label"), "#CCCCCC") for n in actors],
            node_size=[250 + 120 * degree[n] for n in actors], alpha=0.9,
        )
        for u, v, key in actors.edges(keys=True):
            family = Relation(key).info.family
            nx.draw_networkx_edges(
                actors, pos, edgelist=[(u, v)], ax=ax, edge_color=FAMILY_COLOURS.get(family, "#999999"),
                arrows=True, arrowsize=12, width=1.6, connectionstyle="arc3,rad=0.08",
            )
        nx.draw_networkx_labels(actors, pos, labels={n: actors.nodes[n].get("name", n) for n in actors}, font_size=8, ax=ax)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=str(lbl)) for lbl, c in LABEL_COLOURS.items() if lbl != Label.CLAIM]
    handles += [Line2D([], [], color=c, label=str(f)) for f, c in FAMILY_COLOURS.items() if f != Family.STATEMENT]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path
