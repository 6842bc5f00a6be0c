// name: erasure.records
// description: Every erasure's map (keyed hash of an erased IRI → its stand-in) and the keyed hashes of the erased identifiers, for a load to keep erased people out.
// returns: map (JSON), identifiers
MATCH (e:Erasure)
RETURN e.map AS map, coalesce(e.identifiers, []) AS identifiers
