// The graphbuilder schema (SCHEMA.md): a unique `id` for every label, the article
// date index, and a full-text index over entity names and aliases.
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
