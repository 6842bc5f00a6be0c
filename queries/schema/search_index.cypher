// name: schema.search_index
// description: The two full-text indexes behind the search pages, over the same texts — question texts (as asked, as sharpened), answers, titles and descriptions of studies, products and initiatives, names and labels — one with the Dutch analyzer (stemming: "lezen" finds "leest"), one with the folding analyzer (accents folded: "ideeen" finds "ideeën") that also holds every identifier (KR number, ORCID, ROR ID, DOI, BRIN, NRO project number); idempotent, and waits until both are online.
// returns: nothing
// Replaces the index before the Dutch and folding ones (an index's fields are fixed).
DROP INDEX kennisgraaf_text IF EXISTS;

CREATE FULLTEXT INDEX kennisgraaf_search_nl IF NOT EXISTS
FOR (n:KnowledgeQuestion|Study|KnowledgeProduct|Initiative|Network|Person|Organisation)
ON EACH [n.`questionText@nl`, n.`questionText@en`, n.`questionAsAsked@nl`, n.`questionAsAsked@en`,
         n.`sharpenedQuestion@nl`, n.`sharpenedQuestion@en`,
         n.dcterms_title, n.`dcterms_title@nl`, n.`dcterms_title@en`,
         n.`dcterms_abstract@nl`, n.`dcterms_abstract@en`,
         n.`dcterms_description@nl`, n.`dcterms_description@en`,
         n.foaf_name, n.rdfs_label, n.`rdfs_label@nl`, n.`rdfs_label@en`,
         n.`skos_prefLabel@nl`, n.`skos_prefLabel@en`, n.skos_altLabel, n.`skos_altLabel@nl`,
         n.`skos_altLabel@en`]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}};

CREATE FULLTEXT INDEX kennisgraaf_search_folded IF NOT EXISTS
FOR (n:KnowledgeQuestion|Study|KnowledgeProduct|Initiative|Network|Person|Organisation)
ON EACH [n.`questionText@nl`, n.`questionText@en`, n.`questionAsAsked@nl`, n.`questionAsAsked@en`,
         n.`sharpenedQuestion@nl`, n.`sharpenedQuestion@en`,
         n.dcterms_title, n.`dcterms_title@nl`, n.`dcterms_title@en`,
         n.`dcterms_abstract@nl`, n.`dcterms_abstract@en`,
         n.`dcterms_description@nl`, n.`dcterms_description@en`,
         n.foaf_name, n.rdfs_label, n.`rdfs_label@nl`, n.`rdfs_label@en`,
         n.`skos_prefLabel@nl`, n.`skos_prefLabel@en`, n.skos_altLabel, n.`skos_altLabel@nl`,
         n.`skos_altLabel@en`,
         n.dcterms_identifier, n.orcid, n.ror, n.doi, n.brin, n.nroProjectNumber]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};

CALL db.awaitIndex('kennisgraaf_search_nl', 300);
CALL db.awaitIndex('kennisgraaf_search_folded', 300);
