// name: schema.reconcile_index
// description: The full-text index reconciliation finds its candidates through: names, titles and question texts (accents folded) and the identifiers (ORCID, DOI, ROR, BRIN, NRO project number) of every kind of resource the service reconciles; idempotent, and waits until the index is online.
// returns: nothing
CREATE FULLTEXT INDEX kennisgraaf_reconcile IF NOT EXISTS
FOR (n:Person|Organisation|Study|KnowledgeQuestion|KnowledgeProduct)
ON EACH [n.foaf_name, n.dcterms_title, n.`dcterms_title@nl`, n.`dcterms_title@en`,
         n.`questionText@nl`, n.`questionText@en`,
         n.orcid, n.doi, n.ror, n.brin, n.nroProjectNumber]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};

CALL db.awaitIndex('kennisgraaf_reconcile', 300);
