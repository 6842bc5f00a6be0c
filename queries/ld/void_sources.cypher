// name: ld.void_sources
// description: The datasets the loaded data describes itself as (dcat:Dataset or void:Dataset resources) with their licences.
// returns: iri, licences
MATCH (d:Resource) WHERE d:dcat_Dataset OR d:void_Dataset
RETURN d.iri AS iri, COLLECT { MATCH (d)-[:dcterms_license]->(l) RETURN l.iri ORDER BY l.iri } AS licences
ORDER BY iri
