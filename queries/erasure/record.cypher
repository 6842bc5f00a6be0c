// name: erasure.record
// description: Records an erasure: who, when, a keyed hash of the key asked for, the stand-in, the map of keyed IRI hashes to stand-ins and the keyed hashes of the identifiers — never the identifiers themselves.
// param: id string — the erasure's id
// param: at string — ISO timestamp
// param: by string — who asked (a token's name, or the command line's user)
// param: key_hash string — keyed hash of the key
// param: stand_in string — the IRI the person's links now point at
// param: map string — JSON: keyed hash of an erased IRI → [stand-in IRI, whether it is the person]
// param: identifiers list — keyed hashes of the person's identifiers
// param: imports list — the ids of the imports it amended
// returns: id
CREATE (e:Erasure {id: $id, at: datetime($at), by: $by, keyHash: $key_hash, standIn: $stand_in,
                   map: $map, identifiers: $identifiers, imports: $imports})
RETURN e.id AS id
