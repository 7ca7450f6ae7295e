from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.errors import QueryError
from graphbuilder.model import Relation
from graphbuilder.queries import as_text, catalogue, cypher_dir, cypher_literal, get_query, parse_query

SOURCE = """// title: Pressure on a country
// description: Who pressures the given country.
// param: country str -- ISO3 id of the target
// param: min_sources int = 1 -- at least this many articles
// param: types list = ["URGES", "DEMANDS"] -- relation types
// param: strict bool = false -- only strong rules
// example: graphbuilder query pressure -p country=IRN
MATCH (s)-[r]->(c:Country {id: $country}) RETURN s.name AS actor
"""


def test_header_gives_title_params_and_defaults():
    query = parse_query("pressure", SOURCE)
    assert query.title == "Pressure on a country"
    assert [(p.name, p.type, p.default) for p in query.params] == [
        ("country", "str", None), ("min_sources", "int", 1), ("types", "list", ["URGES", "DEMANDS"]), ("strict", "bool", False)]
    assert query.text.startswith("MATCH") and "//" not in query.text


def test_bind_parses_command_line_values_by_type():
    query = parse_query("pressure", SOURCE)
    values = query.bind({"country": "IRN", "min_sources": "3", "types": "ATTACKS, THREATENS", "strict": "yes"})
    assert values == {"country": "IRN", "min_sources": 3, "types": ["ATTACKS", "THREATENS"], "strict": True}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "needs country \\(str\\); it takes country: str, min_sources: int = 1"),
        ({"country": "IRN", "limit": "3"}, "has no parameter limit"),
        ({"country": "IRN", "min_sources": "many"}, "must be int"),
        ({"country": "IRN", "strict": "perhaps"}, "must be bool"),
    ],
)
def test_bad_parameters_are_refused_with_a_reason(given, message):
    with pytest.raises(QueryError, match=message):
        parse_query("pressure", SOURCE).bind(given)


def test_unknown_query_names_the_available_ones():
    with pytest.raises(QueryError, match="who_urges_whom"):
        get_query("no_such_query")


def test_every_shipped_query_has_a_title_description_and_example():
    queries = catalogue()
    assert "who_urges_whom" in queries and "schema" not in queries
    for query in queries.values():
        assert query.title != query.name and query.description and query.example.startswith("graphbuilder query " + query.name)
        assert set(re.findall(r"\$(\w+)", query.text)) <= {p.name for p in query.params}


def test_python_values_are_taken_as_they_are_when_of_the_right_type():
    query = parse_query("pressure", SOURCE)
    values = query.bind({"country": "IRN", "min_sources": 3, "types": ("ATTACKS",), "strict": True})
    assert values == {"country": "IRN", "min_sources": 3, "types": ["ATTACKS"], "strict": True}
    for wrong in ({"min_sources": True}, {"min_sources": 2.5}, {"strict": 1}, {"types": "x", "country": 3}):
        with pytest.raises(QueryError, match="must be"):
            query.bind({"country": "IRN", **wrong})


def test_browser_line_sets_defaults_and_the_examples_required_values():
    query = parse_query("pressure", SOURCE)
    assert query.browser_line() == ':params {country: "IRN", min_sources: 1, types: ["URGES", "DEMANDS"], strict: false}'
    assert cypher_literal({"q": 'say "hi"', "n": None, "x": 1.5}) == '{q: "say \\"hi\\"", n: null, x: 1.5}'


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_header_has_the_browser_line_of_its_defaults(name):
    query = get_query(name)
    assert query.browser == query.browser_line()
    # and every optional parameter reads as its default when Browser sends null
    for param in query.params:
        if param.default is not None:
            assert f"coalesce(${param.name}, " in query.text, param.name


def _literals(pattern: str) -> dict[str, str]:
    found = {}
    for path in sorted(cypher_dir().glob("*.cypher")):
        for match in re.finditer(pattern, path.read_text(encoding="utf-8"), re.S):
            found[f"{path.stem}@{match.start()}"] = match.group(1)
    return found


def test_relation_families_in_cypher_match_the_vocabulary():
    """The quad-class map literal, copied into every query that needs it, cannot drift from model.VOCABULARY."""
    families = {relation.value: relation.info.family.value for relation in Relation if relation.is_event}
    literals = _literals(r"\{([^{}]*)\}\s+AS\s+family_of\b")
    assert {"country_profile", "contradictions"} <= {key.split("@")[0] for key in literals}
    for where, body in literals.items():
        assert dict(re.findall(r"(\w+)\s*:\s*'([^']*)'", body)) == families, where
    symmetric = {relation.value for relation in Relation if relation.info.symmetric}
    for where, body in _literals(r"\[([^\[\]]*)\]\s+AS\s+symmetric\b").items():
        assert set(re.findall(r"'(\w+)'", body)) == symmetric, where


def test_relationship_type_lists_in_cypher_name_whole_families_of_the_vocabulary():
    """Typed patterns keep queries off articles and claims; a long list that drifts from the vocabulary would
    silently drop a relation type."""
    events = {relation.value for relation in Relation if relation.is_event}
    structure = {"AFFILIATED_WITH", "PART_OF", "BASED_IN", "LOCATED_IN"}
    verbal_conflict = {r.value for r in Relation if r.is_event and r.info.family.value == "verbal conflict"}
    allowed = [events, events | structure, events | structure | {"SAID", "ABOUT"}]
    lists = _literals(r"\[\w*:(\w+(?:\|\w+)+)\]")
    assert lists
    for where, body in lists.items():
        types = set(body.split("|"))
        assert types <= {relation.value for relation in Relation}, where
        if where.startswith("pressure_on_country"):
            assert types == verbal_conflict, where
        elif len(types) > 4:  # "every event", "events and structure", "every sourced type"
            assert types in allowed, where


def test_results_read_as_text_cells():
    usa = {"labels": ["Country"], "id": "USA", "name": "United States"}
    pak = {"labels": ["Country"], "id": "PAK", "name": "Pakistan"}
    claim = {"labels": ["Claim"], "id": "claim:1", "text": "Pakistan must do more."}
    path = {"nodes": [pak, usa, claim], "relationships": [
        {"type": "URGES", "from": "USA", "to": "PAK"}, {"type": "SAID", "from": "USA", "to": "claim:1"}]}
    assert as_text(path) == "Pakistan <-[URGES]- United States -[SAID]-> Pakistan must do more."
    assert as_text(["q1", "q3"]) == "q1; q3"
    assert as_text(None) == "" and as_text(2) == "2" and as_text({"a": [1]}) == '{"a": [1]}'


def test_cli_lists_queries_and_prints_them_for_browser():
    runner = CliRunner()
    listed = runner.invoke(app, ["query", "--list"])
    assert listed.exit_code == 0
    for query in catalogue().values():
        assert query.name in listed.stdout
    script = runner.invoke(app, ["query", "--browser"]).stdout
    for query in catalogue().values():
        assert f"// {query.name}: {query.title}\n{query.browser}\n\n{query.text}" in script
