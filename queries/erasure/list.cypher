// name: erasure.list
// description: The erasure records, oldest first: who, when, the keyed hash of the key and the stand-in.
// returns: id, at, by, keyHash, standIn, imports
MATCH (e:Erasure)
RETURN e.id AS id, toString(e.at) AS at, e.by AS by, e.keyHash AS keyHash,
       e.standIn AS standIn, e.imports AS imports
ORDER BY e.at
