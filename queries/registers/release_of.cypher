// name: registers.release_of
// description: The register release behind what a source says about a resource: the current import of the source that wrote its statements, and the release that import loaded, with licence and publisher.
// param: iri string — IRI of a resource
// param: key string — the source key of the register's family
// returns: import, source, release, version, licence, publisher
MATCH (n:Resource {iri: $iri})
MATCH (i:Import {id: n['_imp:' + $key]})
OPTIONAL MATCH (r:Resource {iri: i.release})
OPTIONAL MATCH (r)-[:dcterms_license]->(l:Resource)
OPTIONAL MATCH (r)-[:dcterms_publisher]->(p:Resource)
RETURN i.id AS import, i.source AS source, i.release AS release, r.owl_versionInfo AS version,
       l.iri AS licence, p.iri AS publisher
