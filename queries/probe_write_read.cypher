// name: probe_write_read
// description: Writes a probe node, reads it back and removes it: proves the write path end to end.
// param: id string — identifier of the probe node
// param: at string — ISO timestamp stored on the probe
// returns: id, at
MERGE (p:ConnectivityProbe {id: $id})
SET p.at = $at
WITH p, p.id AS id, p.at AS at
DELETE p
RETURN id, at
