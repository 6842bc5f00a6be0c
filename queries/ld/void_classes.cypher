// name: ld.void_classes
// description: Entities per asserted class (the class labels the exporter writes as rdf:type), for VoID class partitions.
// returns: name, entities
MATCH (n:Resource)
UNWIND coalesce(n._types, [l IN labels(n) WHERE l <> 'Resource']) AS name
RETURN name, count(*) AS entities
ORDER BY name
