// The graphbuilder schema (SCHEMA.md): a unique `id` for every label, the article
// date index, a full-text index over entity names and aliases, and on every sourced
// relationship type a unique `key` and an index on (n_sources, confidence).
// Applied by `GraphStore.ensure_schema` (graphbuilder/store/neo4j.py), and safe to
// apply again: every statement says IF NOT EXISTS. Statements end with ';'.

CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT armed_group_id IF NOT EXISTS FOR (n:ArmedGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;

CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);

// entity lookup by any of its names: CALL db.index.fulltext.queryNodes('entity_names', $text)
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Country|Organization|ArmedGroup|Person|Place) ON EACH [n.name, n.aliases];

// One relationship per key (SCHEMA.md: the same fact from two articles is one relationship with
// two sources). A key holds its event date, so two busy actors gather one relationship per type
// and per day; the store's MERGE seeks the key here instead of scanning them all (at 100,000
// articles a batch's write went from 4.0 s to 0.5-0.8 s, docs/performance.md). As a constraint,
// not a plain index, the seek is the plan at any size: with a plain index, in graphs of a few
// thousand articles the planner walked the pair's relationships instead, slower as they grow.
// A graph written before this has a plain index on the key, beside which Neo4j refuses the
// constraint: `ensure_schema` drops it first (DROP INDEX its_name, by hand).
CREATE CONSTRAINT rel_urges_key_unique IF NOT EXISTS FOR ()-[r:URGES]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_demands_key_unique IF NOT EXISTS FOR ()-[r:DEMANDS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_criticizes_key_unique IF NOT EXISTS FOR ()-[r:CRITICIZES]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_rejects_key_unique IF NOT EXISTS FOR ()-[r:REJECTS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_threatens_key_unique IF NOT EXISTS FOR ()-[r:THREATENS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_sanctions_key_unique IF NOT EXISTS FOR ()-[r:SANCTIONS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_attacks_key_unique IF NOT EXISTS FOR ()-[r:ATTACKS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_cooperates_with_key_unique IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_supports_key_unique IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_aids_key_unique IF NOT EXISTS FOR ()-[r:AIDS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_meets_key_unique IF NOT EXISTS FOR ()-[r:MEETS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_said_key_unique IF NOT EXISTS FOR ()-[r:SAID]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_about_key_unique IF NOT EXISTS FOR ()-[r:ABOUT]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_affiliated_with_key_unique IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_part_of_key_unique IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_based_in_key_unique IF NOT EXISTS FOR ()-[r:BASED_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT rel_located_in_key_unique IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.key IS UNIQUE;

// The queries that rank facts by their sources or confidence (overview, corroborated_facts,
// single_source_facts) seek these instead of reading every relationship: at 100,000 articles
// 1.1-2.5 s became 20-300 ms (docs/performance.md).
CREATE INDEX rel_urges_sources IF NOT EXISTS FOR ()-[r:URGES]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_demands_sources IF NOT EXISTS FOR ()-[r:DEMANDS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_criticizes_sources IF NOT EXISTS FOR ()-[r:CRITICIZES]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_rejects_sources IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_threatens_sources IF NOT EXISTS FOR ()-[r:THREATENS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_sanctions_sources IF NOT EXISTS FOR ()-[r:SANCTIONS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_attacks_sources IF NOT EXISTS FOR ()-[r:ATTACKS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_cooperates_with_sources IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_supports_sources IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_aids_sources IF NOT EXISTS FOR ()-[r:AIDS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_meets_sources IF NOT EXISTS FOR ()-[r:MEETS]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_said_sources IF NOT EXISTS FOR ()-[r:SAID]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_about_sources IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_affiliated_with_sources IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_part_of_sources IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_based_in_sources IF NOT EXISTS FOR ()-[r:BASED_IN]-() ON (r.n_sources, r.confidence);
CREATE INDEX rel_located_in_sources IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.n_sources, r.confidence);
