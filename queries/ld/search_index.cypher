// name: ld.search_index
// description: The full-text index behind the search pages, over question texts, study and product titles and the names of people and organisations; idempotent, and waits until the index is online.
// returns: nothing
CREATE FULLTEXT INDEX kennisgraaf_text IF NOT EXISTS
FOR (n:KnowledgeQuestion|Study|KnowledgeProduct|Person|Organisation)
ON EACH [n.`questionText@nl`, n.`questionText@en`, n.dcterms_title, n.`dcterms_title@nl`,
         n.`dcterms_title@en`, n.foaf_name];

CALL db.awaitIndex('kennisgraaf_text', 300);
