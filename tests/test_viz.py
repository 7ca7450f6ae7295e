"""The pictures and tables of `graphbuilder.viz`, on the small graph of graph_samples.py.

The figures are checked through their artists (exact colours, sizes, legend entries), the files
through their content: PNG pixels (palette PNGs, so colours are matched to within a few levels)
and the data block of the neo4j-viz page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx
import pytest
from graph_samples import sample_graph
from matplotlib.colors import to_hex, to_rgb
from PIL import Image

from graphbuilder import analysis, viz
from graphbuilder.model import Family, Label

PNG = b"\x89PNG\r\n\x1a\n"
ACTORS = ["IND", "PAK", "USA", "group:lashkar-e-taiba", "org:us-state-department", "person:mark-toner"]
LABELS_PRESENT = [Label.COUNTRY, Label.ORGANIZATION, Label.ARMED_GROUP, Label.PERSON]
FAMILIES_PRESENT = [Family.VERBAL_COOPERATION, Family.VERBAL_CONFLICT, Family.MATERIAL_CONFLICT, Family.STRUCTURE]


@pytest.fixture
def graph() -> networkx.MultiDiGraph:
    return sample_graph()


def _legends(fig) -> dict[str, list[tuple[str, str]]]:
    """Each legend of the figure by title: its (entry, colour) pairs."""
    legends = {}
    for legend in fig.legends:
        entries = []
        for text, handle in zip(legend.get_texts(), legend.legend_handles):
            colour = (
                handle.get_markerfacecolor() if handle.get_marker() not in (None, "None", "") else handle.get_color()
            )
            entries.append((text.get_text(), to_hex(colour)))
        legends[legend.get_title().get_text()] = entries
    return legends


def _has_colour(path, colour: str, tolerance: int = 8) -> bool:
    target = [round(255 * c) for c in to_rgb(colour)]
    pixels = {rgb for _, rgb in Image.open(path).convert("RGB").getcolors(1 << 20)}
    return any(max(abs(a - b) for a, b in zip(rgb, target)) <= tolerance for rgb in pixels)


def test_nodes_are_the_actors_with_relations_coloured_by_label_and_sized_by_degree(graph):
    ax = viz.plot_graph(graph).axes[0]
    (nodes,) = ax.collections
    assert [to_hex(c) for c in nodes.get_facecolors()] == [
        viz.LABEL_COLOURS[graph.nodes[n]["label"]].lower() for n in ACTORS
    ], "claims and the unrelated place are left out, the rest coloured by label"
    size = dict(zip(ACTORS, nodes.get_sizes()))
    assert size["USA"] > size["PAK"] == size["group:lashkar-e-taiba"] > size["IND"] == size["person:mark-toner"]
    assert size == pytest.approx(viz.node_sizes(viz.drawable(graph)))


def test_edges_are_coloured_by_family_and_event_edges_labelled(graph):
    ax = viz.plot_graph(graph).axes[0]
    drawn = {to_hex(patch.get_edgecolor()) for patch in ax.patches}
    assert drawn == {viz.FAMILY_COLOURS[f].lower() for f in FAMILIES_PRESENT}
    assert len(ax.patches) == 6  # URGES, CRITICIZES, ATTACKS, THREATENS, PART_OF, AFFILIATED_WITH
    texts = {text.get_text() for text in ax.texts}
    assert {"URGES", "CRITICIZES", "ATTACKS", "THREATENS", "United States", "Mark Toner"} <= texts
    assert "PART_OF" not in texts, "structure is dashed, not labelled"


def test_legends_list_the_labels_and_families_drawn_in_their_colours(graph):
    legends = _legends(viz.plot_graph(graph, highlight=["USA"]))
    assert legends["actors (size: degree)"] == [
        *[(str(label), viz.LABEL_COLOURS[label].lower()) for label in LABELS_PRESENT],
        ("focus", "#ffffff"),
    ]
    assert legends["relations"] == [(str(f), viz.FAMILY_COLOURS[f].lower()) for f in FAMILIES_PRESENT]


def test_draw_graph_writes_a_png_in_the_vocabulary_colours(graph, tmp_path):
    path = viz.draw_graph(graph, tmp_path / "sub" / "actors.png", title="sample")
    assert path.read_bytes()[:8] == PNG
    assert Image.open(path).size == (13 * viz.DPI, 9 * viz.DPI)
    for colour in [
        *(viz.LABEL_COLOURS[label] for label in LABELS_PRESENT),
        *(viz.FAMILY_COLOURS[f] for f in FAMILIES_PRESENT),
    ]:
        assert _has_colour(path, colour), colour
    assert not _has_colour(path, viz.FAMILY_COLOURS[Family.MATERIAL_COOPERATION], tolerance=2)


def test_an_empty_graph_is_a_picture_that_says_so(tmp_path):
    fig = viz.plot_graph(networkx.MultiDiGraph())
    assert [t.get_text() for t in fig.axes[0].texts] == ["no relations between actors yet"]
    assert not fig.legends
    assert viz.draw_graph(networkx.MultiDiGraph(), tmp_path / "empty.png").read_bytes()[:8] == PNG


def test_charts_draw_rows_and_no_rows(graph, tmp_path):
    balance = viz.draw_balance(analysis.event_balance(graph, "USA"), tmp_path / "balance.png", subject="United States")
    assert _has_colour(balance, viz.FAMILY_COLOURS[Family.VERBAL_COOPERATION])  # URGES, done by the USA
    assert _has_colour(balance, viz.FAMILY_COLOURS[Family.VERBAL_CONFLICT])
    timeline = viz.draw_timeline(analysis.timeline(graph), tmp_path / "timeline.png")
    assert _has_colour(timeline, viz.FAMILY_COLOURS[Family.MATERIAL_CONFLICT])  # the dated attack
    ranking = viz.draw_ranking(
        analysis.centrality(graph), {"targeted": "targeted", "pressures": "pressures"}, tmp_path / "rank.png"
    )
    assert _has_colour(ranking, viz.LABEL_COLOURS[Label.COUNTRY]) and _has_colour(
        ranking, viz.LABEL_COLOURS[Label.ARMED_GROUP]
    )
    blocs = analysis.cooperation_communities(graph)
    communities = viz.draw_communities(graph, blocs, tmp_path / "blocs.png", bridges=["USA"])
    assert _has_colour(communities, viz.BLOC_COLOURS[0]) and _has_colour(communities, viz.OTHER_COLOUR)
    empty = networkx.MultiDiGraph()
    for path in [
        viz.draw_balance([], tmp_path / "e1.png", subject="Nowhere"),
        viz.draw_timeline([], tmp_path / "e2.png"),
        viz.draw_ranking([], {"targeted": "targeted"}, tmp_path / "e3.png"),
        viz.draw_communities(empty, [], tmp_path / "e4.png"),
    ]:
        assert path.read_bytes()[:8] == PNG


# three components, each less than half the graph, so that a subgraph of one iterates in a set's order
SEVERAL_COMPONENTS = """
import sys
from pathlib import Path
from graph_samples import fact
from graphbuilder import analysis, viz
from graphbuilder.store.graph import build_networkx
graph = build_networkx(
    [(c, "Country", c) for c in "ABCDEFGHIJ"],
    [fact(s, "URGES", o) for s, o in ("AB", "BC", "CD", "DA", "EF", "FG", "HI")] + [fact("A", "ATTACKS", "E")],
)
blocs = analysis.cooperation_communities(graph)
viz.draw_graph(graph, Path(sys.argv[1], "graph.png"))
viz.draw_communities(graph, blocs, Path(sys.argv[1], "blocs.png"), bridges=[r["id"] for r in analysis.bridges(graph, blocs)])
"""


def test_pictures_are_the_same_in_every_process(tmp_path):
    """Stored notebooks change only where results do, so no picture may depend on the hash seed of the process."""
    for seed in ("1", "2"):
        (tmp_path / seed).mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parent)}
        subprocess.run([sys.executable, "-c", SEVERAL_COMPONENTS, str(tmp_path / seed)], env=env, check=True)
    for name in ("graph.png", "blocs.png"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def _page_data(path) -> dict:
    match = re.search(
        r'<script type="application/json" id="neo4j-viz-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S
    )
    return json.loads(match.group(1))


def test_html_page_holds_the_actor_graph_in_the_vocabulary_colours(graph, tmp_path):
    path = viz.write_html(graph, tmp_path / "actors.html", title="Pakistan & <friends>")
    page = path.read_text(encoding="utf-8")
    assert "<title>Pakistan &amp; &lt;friends&gt;</title>" in page
    assert not re.search(r"<script[^>]+src=", page), "the page loads nothing from elsewhere"
    data = _page_data(path)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert sorted(nodes) == ACTORS
    for id_, node in nodes.items():
        assert node["color"] == viz.LABEL_COLOURS[graph.nodes[id_]["label"]].lower()
        assert node["caption"] == graph.nodes[id_]["name"]
    assert nodes["USA"]["size"] > nodes["PAK"]["size"] > nodes["IND"]["size"]
    relationships = {(r["from"], r["caption"], r["to"]): r for r in data["relationships"]}
    assert relationships[("USA", "URGES", "PAK")]["color"] == viz.FAMILY_COLOURS[Family.VERBAL_COOPERATION].lower()
    assert relationships[("USA", "URGES", "PAK")]["properties"]["n_sources"] == 2
    assert (
        relationships[("group:lashkar-e-taiba", "ATTACKS", "IND")]["color"]
        == viz.FAMILY_COLOURS[Family.MATERIAL_CONFLICT].lower()
    )
    legend = data["legend"]
    assert [e["label"] for e in legend["nodes"]["entries"]] == [str(label) for label in LABELS_PRESENT]
    assert [(e["label"], e["color"]) for e in legend["relationships"]["entries"]] == [
        (str(f), viz.FAMILY_COLOURS[f].lower()) for f in FAMILIES_PRESENT
    ]


def test_html_page_of_an_empty_graph(tmp_path):
    data = _page_data(viz.write_html(networkx.MultiDiGraph(), tmp_path / "empty.html"))
    assert data["nodes"] == [] and data["relationships"] == []


def _headings(html: str) -> list[str]:
    return re.findall(r"<th(?: [^>]*)?>(.*?)</th>", html)


def test_table_renders_rows_as_escaped_html_and_text():
    table = viz.table(
        [{"speaker": "Toner", "claim": "<b>act</b>"}, {"speaker": "Carter", "targets": ["PAK", "IND"]}],
        caption="Who & what",
    )
    html = table._repr_html_()
    assert "<caption" in html and "Who &amp; what" in html
    assert _headings(html) == ["speaker", "claim", "targets"]
    assert "&lt;b&gt;act&lt;/b&gt;" in html and "<b>" not in html
    assert "PAK; IND" in html, "cells are written as the query tables write them"
    assert repr(table).splitlines() == [
        "Who & what",
        "speaker | claim | targets",
        "Toner | <b>act</b> | ",
        "Carter |  | PAK; IND",
    ]
    assert "no rows" in viz.table([])._repr_html_() and repr(viz.table([], caption="x")) == "x\n(no rows)"
    assert _headings(viz.table([{"a": 1, "b": 2}], columns=["b"])._repr_html_()) == ["b"]
