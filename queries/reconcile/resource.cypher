// name: reconcile.resource
// description: The names, classes and identifiers of one resource, for a reconciliation preview; no row when the graph lacks the IRI.
// param: iri string — IRI of any resource
// returns: iri, types, names, identifiers
MATCH (n:Resource {iri: $iri})
RETURN n.iri AS iri, [] + coalesce(n._types, []) AS types,
       [] + coalesce(n.foaf_name, []) + coalesce(n.`dcterms_title@nl`, [])
         + coalesce(n.`dcterms_title@en`, []) + coalesce(n.`questionText@nl`, [])
         + coalesce(n.`questionText@en`, []) AS names,
       [k IN ['orcid', 'ror', 'brin', 'doi', 'nroProjectNumber'] WHERE n[k] IS NOT NULL
        | [k] + n[k]] AS identifiers
