// name: geography.province_coverage
// description: Per province (the vocabulary's twelve, or the one asked), the school locations of the DUO register in it (kg:School with kg:inRegion a municipality of the province; the register's institutions and boards are not counted, only its locations) as the denominator, and how many of them are in a network (org:hasMember names the location, its BRIN institution or its board, or an organisation schema:sameAs one of them — the link `registers link` writes — or a part of such an organisation), in a network that shares research (one serving the function sharing), and in a network serving each of the five functions. Answers "how many schools in Zeeland are in a network that shares research?". Schools in a municipality the region register does not place in a province are in no row (geography.unplaced_schools lists them). A school another source describes and linking ties to its register entry (schema:sameAs a kg:School) is counted once, as that entry.
// param: province string = null — CBS code or name of one province (PV29, Zeeland, any case); null: all twelve
// returns: code, iri, name_nl, name_en, schools, in_network, sharing, functions (list of {function, schools}, in cycle order)
WITH COLLECT { MATCH (f:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme
                 {iri: 'https://w3id.org/kennisgraaf/def/function'})
               RETURN f.skos_notation ORDER BY f.cycleOrder } AS functions
MATCH (p:skos_Concept)-[:skos_inScheme]->(:skos_ConceptScheme {iri: 'https://w3id.org/kennisgraaf/def/region'})
WHERE p.cbsCode STARTS WITH 'PV'
  AND ($province IS NULL OR p.cbsCode = toUpper($province)
       OR toLower($province) IN [label IN [p.`skos_prefLabel@nl`, p.`skos_prefLabel@en`, p.`skos_altLabel@nl`]
                                 WHERE label IS NOT NULL | toLower(label)])
CALL (p) {
  OPTIONAL MATCH (p)<-[:skos_broader*0..1]-(:skos_Concept)<-[:inRegion]-(s:School)
  WHERE NOT (s)-[:schema_sameAs]->(:School)  // linked to its register entry: counted as that
  WITH DISTINCT s
  // the member is the location, its institution or its board (e), or an organisation that
  // registers link names as one of them (schema:sameAs), or one part of such a member (a
  // school of the board that is a member)
  WITH s, COLLECT { MATCH (s)-[:org_subOrganizationOf*0..1]->(e)
                    MATCH (e)-[:schema_sameAs*0..1]-(x)-[:org_subOrganizationOf*0..1]->(member)
                          <-[:org_hasMember]-(n:Network)
                    RETURN DISTINCT n } AS networks
  WITH s, networks,
       COLLECT { UNWIND networks AS n
                 MATCH (n)-[:servesFunction]->(f:skos_Concept)
                 RETURN DISTINCT f.skos_notation } AS served
  RETURN count(s) AS schools,
         count(CASE WHEN size(networks) > 0 THEN s END) AS in_network,
         collect(served) AS served
}
RETURN p.cbsCode AS code, p.iri AS iri, p.`skos_prefLabel@nl` AS name_nl, p.`skos_prefLabel@en` AS name_en,
       schools, in_network, size([x IN served WHERE 'sharing' IN x]) AS sharing,
       [f IN functions | {function: f, schools: size([x IN served WHERE f IN x])}] AS functions
ORDER BY code
