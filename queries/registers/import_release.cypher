// name: registers.import_release
// description: Records on an import which register release it loads, so every statement the import wrote (its `_imp:` key on the node) leads to the release's description.
// param: id string — import id
// param: release string — IRI of the release (a dcat:Distribution)
// param: label string — the release's version or date as named
// returns: id
MATCH (i:Import {id: $id})
SET i.release = $release, i.releaseLabel = $label
RETURN i.id AS id
