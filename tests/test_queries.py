from __future__ import annotations

import re

import pytest

from graphbuilder.errors import QueryError
from graphbuilder.queries import catalogue, get_query, parse_query

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
        ({}, "needs country"),
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
