// name: funding.open_access
// description: Open-access share of the outputs of grants (schema:fundedItem), grouped by programme or by the sectors of the grants' participating organisations; each output counts once per group, by its COAR access right (dcterms:accessRights; none = unknown). On the sample, by programme: praktijkgericht-onderzoek 7 outputs, 1 open (r01), 6 unknown, share 1/7; kennissynthese 4 outputs, 2 open (t01, p11r), 1 embargoed (rp01), 1 metadata only (t02), share 0.5. By sector: HBO 4 outputs 2 open (0.5); PO 5 outputs 1 open (0.2); VO 2 outputs 0 open (0.0); WO 11 outputs 3 open (3/11).
// param: by string = programme — programme or sector
// returns: group, title_nl, title_en, outputs, open, embargoed, restricted, metadata_only, unknown, share
MATCH (g:Grant)-[:schema_fundedItem]->(out)
WHERE out:Study OR out:KnowledgeProduct
UNWIND CASE $by
         WHEN 'programme' THEN COLLECT { MATCH (g)-[:dcterms_isPartOf]->(:Call)-[:dcterms_isPartOf]->(p:Programme)
                                         RETURN p }
         WHEN 'sector' THEN COLLECT { MATCH (g)-[:participatingOrganisation]->(:Resource)-[:sector]->(s)
                                      RETURN DISTINCT s }
         ELSE [] END AS grp
WITH grp, out, COLLECT { MATCH (out)-[:dcterms_accessRights]->(a) RETURN a.iri }[0] AS access
WITH DISTINCT grp, out, access
WITH grp, count(out) AS outputs,
     count(CASE WHEN access = 'http://purl.org/coar/access_right/c_abf2' THEN 1 END) AS open,
     count(CASE WHEN access = 'http://purl.org/coar/access_right/c_f1cf' THEN 1 END) AS embargoed,
     count(CASE WHEN access = 'http://purl.org/coar/access_right/c_16ec' THEN 1 END) AS restricted,
     count(CASE WHEN access = 'http://purl.org/coar/access_right/c_14cb' THEN 1 END) AS metadata_only,
     count(CASE WHEN access IS NULL THEN 1 END) AS unknown
RETURN coalesce(grp.skos_notation, grp.iri) AS group,
       coalesce(grp.`dcterms_title@nl`, grp.`skos_prefLabel@nl`) AS title_nl,
       coalesce(grp.`dcterms_title@en`, grp.`skos_prefLabel@en`) AS title_en,
       outputs, open, embargoed, restricted, metadata_only, unknown,
       toFloat(open) / outputs AS share
ORDER BY group
