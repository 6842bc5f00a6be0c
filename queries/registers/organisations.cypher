// name: registers.organisations
// description: The organisations that are not register entries (networks aside) — the seed's, the sample's, every loader's —, with what they can be linked to a register entry by: names, identifiers (BRIN, ROR ID, GRID, the external IRIs of schema:sameAs) and places (CBS code and name of the municipality it is in; a free-text region or a province is no municipality and is not read).
// param: prefixes list — IRI prefixes of the register organisations, left out here
// returns: iri, names, brin, ror, grid, same_as, places
MATCH (o:Organisation)
WHERE NOT o:Network AND NOT any(p IN $prefixes WHERE o.iri STARTS WITH p)
RETURN o.iri AS iri,
       [] + coalesce(o.foaf_name, []) + coalesce(o.rdfs_label, [])
         + coalesce(o.`rdfs_label@nl`, []) + coalesce(o.`rdfs_label@en`, []) AS names,
       [] + coalesce(o.brin, []) AS brin,
       [] + coalesce(o.ror, []) AS ror,
       [x IN [] + coalesce(o.dcterms_identifier, []) WHERE toString(x) STARTS WITH 'grid.'
        | toString(x)] AS grid,
       COLLECT { MATCH (o)-[:schema_sameAs]->(x) RETURN x.iri } AS same_as,
       COLLECT {
         MATCH (o)-[:inRegion]->(m) WHERE m.cbsCode STARTS WITH 'GM' RETURN m.cbsCode AS place
         UNION MATCH (o)-[:inRegion]->(m) WHERE m.cbsCode STARTS WITH 'GM'
               RETURN m.`skos_prefLabel@nl` AS place
       } AS places
ORDER BY iri
