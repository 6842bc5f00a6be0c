// name: funding.outputs
// description: Grants with their call, programme, lead applicant, partners, period and amount, and per output (schema:fundedItem, a study or knowledge product) its access right and its follow-up — the sharings and uses of the output itself or, for a study, of a knowledge product made from it. On the sample (header of sample.ttl): 4 grants; 40.5.19501.001 funds s01 (shared sh01, used u01), p01 (sh01, u01) and review r01 (open access, not shared); 40.5.19501.002 funds s04 and p04 (sh04a sh04b, u04); 40.5.21501.003 funds s17 and p17 (sh17, no use); 40.5.21502.004 funds t01, t02, p11r and report rp01, none shared.
// param: iri string = null — a programme, call or grant; null for every grant
// returns: grant_iri, project_number, call_iri, programme, programme_title_nl, programme_title_en, funders, lead, partners, start_date, end_date, amount, currency, outputs
MATCH (g:Grant)
OPTIONAL MATCH (g)-[:dcterms_isPartOf]->(c:Call)
OPTIONAL MATCH (c)-[:dcterms_isPartOf]->(p:Programme)
WITH g, c, p
WHERE $iri IS NULL OR $iri IN [g.iri, c.iri, p.iri]
OPTIONAL MATCH (g)-[:schema_amount]->(amount)
CALL (g) {
  OPTIONAL MATCH (g)-[:schema_fundedItem]->(out)
  WHERE out:Study OR out:KnowledgeProduct
  WITH out, [out] + COLLECT {
         MATCH (out)<-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(made:KnowledgeProduct)
         WHERE out:Study RETURN DISTINCT made } AS carriers
  WITH out, carriers ORDER BY out.iri
  RETURN collect(CASE WHEN out IS NULL THEN null ELSE {
    iri: out.iri,
    kind: CASE WHEN out:Study THEN 'study' ELSE 'product' END,
    title_nl: out.`dcterms_title@nl`, title_en: out.`dcterms_title@en`,
    access: COLLECT { MATCH (out)-[:dcterms_accessRights]->(a) RETURN a.iri }[0],
    sharings: COLLECT { UNWIND carriers AS x MATCH (x)<-[:prov_used]-(sh:KnowledgeSharing)
                        WITH DISTINCT sh.iri AS v RETURN v ORDER BY v },
    uses: COLLECT { UNWIND carriers AS x MATCH (x)<-[:prov_used]-(u:KnowledgeUse)
                    WITH DISTINCT u.iri AS v RETURN v ORDER BY v }
  } END) AS outputs
}
RETURN g.iri AS grant_iri, g.nroProjectNumber AS project_number, c.iri AS call_iri, p.iri AS programme,
       p.`dcterms_title@nl` AS programme_title_nl, p.`dcterms_title@en` AS programme_title_en,
       COLLECT { MATCH (g)-[:funder]->(f) WITH DISTINCT f.iri AS v RETURN v ORDER BY v } AS funders,
       COLLECT { MATCH (g)-[:leadApplicant]->(l) RETURN l.iri }[0] AS lead,
       COLLECT { MATCH (g)-[:participatingOrganisation]->(o) WITH DISTINCT o.iri AS v
                 RETURN v ORDER BY v } AS partners,
       g.startDate AS start_date, g.endDate AS end_date,
       amount.schema_value AS amount, amount.schema_currency AS currency, outputs
ORDER BY programme, grant_iri
