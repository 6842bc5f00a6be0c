// name: ld.void_links
// description: Statements linking resources, per relationship type, for VoID property partitions and the triple count.
// returns: type, triples
MATCH (:Resource)-[r]->(:Resource)
RETURN type(r) AS type, count(*) AS triples
ORDER BY type
