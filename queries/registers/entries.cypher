// name: registers.entries
// description: The organisations of the national registers (DUO schools and boards, ROR), those whose IRI starts with one of the register prefixes: their names and labels (acronyms and aliases aside: they are not the name), identifiers (BRIN, ROR ID, GRID, the external IRIs of schema:sameAs), places (CBS code and name of the municipality, of an institution's locations, a ROR record's city) and the organisations they are part of.
// param: prefixes list — IRI prefixes of the register organisations (…/id/organisation/brin/ and so on)
// returns: iri, names, brin, ror, grid, same_as, places, parents
MATCH (o:Organisation)
WHERE any(p IN $prefixes WHERE o.iri STARTS WITH p)
RETURN o.iri AS iri,
       [] + coalesce(o.foaf_name, []) + coalesce(o.rdfs_label, [])
         + coalesce(o.`rdfs_label@nl`, []) + coalesce(o.`rdfs_label@en`, []) AS names,
       [] + coalesce(o.brin, []) AS brin,
       [] + coalesce(o.ror, []) AS ror,
       [x IN [] + coalesce(o.dcterms_identifier, []) WHERE toString(x) STARTS WITH 'grid.'
        | toString(x)] AS grid,
       COLLECT { MATCH (o)-[:schema_sameAs]->(x) RETURN x.iri } AS same_as,
       COLLECT {
         MATCH (o)-[:inRegion]->(m) RETURN m.cbsCode AS place
         UNION MATCH (o)-[:inRegion]->(m) RETURN m.`skos_prefLabel@nl` AS place
         UNION MATCH (o)<-[:org_subOrganizationOf]-(:School)-[:inRegion]->(m)
               RETURN m.cbsCode AS place
         UNION MATCH (o)<-[:org_subOrganizationOf]-(:School)-[:inRegion]->(m)
               RETURN m.`skos_prefLabel@nl` AS place
       } + coalesce(o.region, []) AS places,
       COLLECT { MATCH (o)-[:org_subOrganizationOf]->(p) RETURN p.iri } AS parents
ORDER BY iri
