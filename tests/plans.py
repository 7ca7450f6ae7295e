"""Query plans as tests read them: what `EXPLAIN` says the planner will do."""

from __future__ import annotations


def relationship_index_seeks(plan: dict) -> list[str]:
    """The details of every directed relationship index seek in a plan tree, e.g. 'RANGE INDEX ... r:URGES(key) ...'."""
    own = [plan["args"].get("Details", "")] if plan["operatorType"].startswith("DirectedRelationshipIndexSeek") else []
    return own + [details for child in plan.get("children", []) for details in relationship_index_seeks(child)]
