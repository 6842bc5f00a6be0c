// name: erasure.person
// description: A person to erase: labels and stored properties, their memberships, the resources linked to them whose IRI spells their key, and the source keys of everything that will change.
// param: iri string — the person's IRI
// param: slug string — the last segment of the IRI when it may spell a name ('' for an opaque one)
// returns: labels, props, renamed, keys
MATCH (p:Resource {iri: $iri})
WITH p, COLLECT { MATCH (p)<-[:org_member]-(m:Resource) RETURN m.iri } +
        COLLECT { MATCH (p)--(n:Resource)
                  WHERE $slug <> '' AND n.iri CONTAINS $slug RETURN n.iri } AS linked
RETURN labels(p) AS labels, properties(p) AS props,
       COLLECT { UNWIND linked AS iri RETURN DISTINCT iri } AS renamed,
       COLLECT { MATCH (p)-[r]-() UNWIND coalesce(r.sources, []) AS k RETURN DISTINCT k } +
       COLLECT { UNWIND linked AS iri MATCH (n:Resource {iri: iri})
                 UNWIND coalesce(n._sources, []) AS k RETURN DISTINCT k } AS keys
