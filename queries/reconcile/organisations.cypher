// name: reconcile.organisations
// description: The organisations (networks aside) with these IRIs, as reconciliation candidates: names (labels, aliases and acronyms too), ROR ID and BRIN code, their classes and regions for the description, their places (the municipality of a school location, of an institution's locations, the city of a ROR record) and the organisations they are part of.
// param: iris list — IRIs of the candidates (hits of reconcile.candidates)
// returns: iri, names, identifiers, description, places, parents
MATCH (n:Resource)
WHERE n.iri IN $iris AND n:Organisation AND NOT n:Network
WITH n, COLLECT {
       MATCH (n)-[:inRegion]->(m) RETURN m.`skos_prefLabel@nl` AS place
       UNION
       MATCH (n)<-[:org_subOrganizationOf]-(:School)-[:inRegion]->(m)
       RETURN m.`skos_prefLabel@nl` AS place
     } AS municipalities
RETURN n.iri AS iri,
       [] + coalesce(n.foaf_name, []) + coalesce(n.rdfs_label, [])
         + coalesce(n.`rdfs_label@nl`, []) + coalesce(n.`rdfs_label@en`, [])
         + coalesce(n.skos_altLabel, []) + coalesce(n.`skos_altLabel@nl`, [])
         + coalesce(n.`skos_altLabel@en`, []) AS names,
       {ror: [] + coalesce(n.ror, []), brin: [] + coalesce(n.brin, [])} AS identifiers,
       [] + coalesce(n._types, []) + coalesce(n.region, []) + municipalities AS description,
       [p IN municipalities WHERE p IS NOT NULL] + coalesce(n.region, []) AS places,
       COLLECT { MATCH (n)-[:org_subOrganizationOf]->(p) RETURN p.iri } AS parents
