"""Query plans as tests read them: what `EXPLAIN` says the planner will do."""

from __future__ import annotations


def relationship_index_seeks(plan: dict) -> list[str]:
    """The details of every directed relationship index seek, unique or not, in a plan tree,
    e.g. 'UNIQUE (anon_0)-[r:URGES(key)]->(anon_1) ...'."""
    seek = plan["operatorType"].startswith(("DirectedRelationshipIndexSeek", "DirectedRelationshipUniqueIndexSeek"))
    own = [plan["args"].get("Details", "")] if seek else []
    return own + [details for child in plan.get("children", []) for details in relationship_index_seeks(child)]
