// name: load.merge_references
// description: Makes sure resources used as objects exist, so relationships have both ends.
// param: iris list — resource IRIs
// returns: nothing
UNWIND $iris AS iri
MERGE (:Resource {iri: iri})
