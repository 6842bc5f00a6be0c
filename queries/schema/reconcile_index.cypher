// name: schema.reconcile_index
// description: The full-text index reconciliation finds its candidates through: names (ROR's labels, aliases and acronyms too), titles and question texts (accents folded) and the identifiers (ORCID, DOI, ROR, BRIN, NRO project number) of every kind of resource the service reconciles; idempotent, and waits until the index is online.
// returns: nothing
// Replaces the index before the registers' labels were read (an index's fields are fixed).
DROP INDEX kennisgraaf_reconcile IF EXISTS;


CREATE FULLTEXT INDEX kennisgraaf_reconcile_v2 IF NOT EXISTS
FOR (n:Person|Organisation|Study|KnowledgeQuestion|KnowledgeProduct)
ON EACH [n.foaf_name, n.rdfs_label, n.`rdfs_label@nl`, n.`rdfs_label@en`,
         n.skos_altLabel, n.`skos_altLabel@nl`, n.`skos_altLabel@en`,
         n.dcterms_title, n.`dcterms_title@nl`, n.`dcterms_title@en`,
         n.`questionText@nl`, n.`questionText@en`,
         n.orcid, n.doi, n.ror, n.brin, n.nroProjectNumber]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};

CALL db.awaitIndex('kennisgraaf_reconcile_v2', 300);
