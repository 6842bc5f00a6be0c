// name: evidence.for_question
// description: Studies and knowledge products that address a question — its studies (creation used it), products that answer it directly or synthesise its studies, the studies synthesised alongside them — and, when themes is true, those sharing one of its themes; ranked by evidence strength (kg:scaleValue of the evidence-strength concept; none last), then recency (date of the generating activity), then direct before thematic.
// param: iri string — IRI of the knowledge question
// param: limit int = 20 — rows at most
// param: themes bool = true — also list studies and products that only share a theme with the question
// returns: iri, kind (study|product), types, title_nl, title_en, strength, strength_label, design, effect_size, sample_size, date, direct, reasons, shared_themes
MATCH (q:Resource:KnowledgeQuestion {iri: $iri})
CALL (q) {
  CALL (q) {
    MATCH (q)<-[:prov_used]-(:KnowledgeCreation)<-[:prov_wasGeneratedBy]-(item:Study)
    RETURN item, 'studies the question' AS reason
    UNION
    MATCH (q)<-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(item:KnowledgeProduct)
    RETURN item, 'answers the question' AS reason
    UNION
    MATCH (q)<-[:prov_used]-(:KnowledgeCreation)<-[:prov_wasGeneratedBy]-(:Study)
          <-[:prov_used]-(:KnowledgeOrganisation)<-[:prov_wasGeneratedBy]-(item:KnowledgeProduct)
    RETURN item, 'synthesises a study of the question' AS reason
    UNION
    // background studies: used by the organisation of a product that answers the question
    MATCH (q)<-[:prov_used]-(:KnowledgeOrganisation)-[:prov_used]->(item:Study)
    RETURN item, 'synthesised in an answer to the question' AS reason
    UNION
    MATCH (q)<-[:prov_used]-(:KnowledgeCreation)<-[:prov_wasGeneratedBy]-(own:Study)
          <-[:prov_used]-(:KnowledgeOrganisation)-[:prov_used]->(item:Study)
    WHERE item <> own
    RETURN item, 'synthesised in an answer to the question' AS reason
  }
  WITH item, collect(reason) AS reasons
  // aggregated here so that a question without direct evidence still gives one row
  RETURN collect({item: item, reasons: reasons}) AS direct
}
CALL (q, direct) {
  UNWIND direct AS d
  RETURN d.item AS item, d.reasons AS reasons
  UNION
  // items that only share a theme; direct ones get their shared themes below
  MATCH (q)-[:theme]->(:skos_Concept)<-[:theme]-(item)
  WHERE $themes AND (item:Study OR item:KnowledgeProduct)
    AND NOT item IN [d IN direct | d.item]
  RETURN DISTINCT item, [] AS reasons
}
OPTIONAL MATCH (item)-[:evidenceStrength]->(strength:skos_Concept)
OPTIONAL MATCH (item)-[:studyDesign]->(design:skos_Concept)
OPTIONAL MATCH (item)-[:prov_wasGeneratedBy]->(made:prov_Activity)
WITH q, item, reasons, strength, design, min(made.dcterms_date) AS date,
     COLLECT { MATCH (q)-[:theme]->(t:skos_Concept)<-[:theme]-(item)
               RETURN t.skos_notation ORDER BY t.skos_notation } AS shared
RETURN item.iri AS iri,
       CASE WHEN item:Study THEN 'study' ELSE 'product' END AS kind,
       [l IN labels(item) WHERE l IN ['ResearchProject', 'Publication', 'PractitionerResearch',
        'KennisrotondeAnswer', 'EvidenceSummary', 'ToolkitStrand', 'PracticeGuide',
        'ProfessionalArticle']] AS types,
       item.`dcterms_title@nl` AS title_nl, item.`dcterms_title@en` AS title_en,
       strength.scaleValue AS strength, strength.`skos_prefLabel@en` AS strength_label,
       design.skos_notation AS design, item.effectSize AS effect_size,
       item.sampleSize AS sample_size, date, size(reasons) > 0 AS direct,
       reasons, shared AS shared_themes
ORDER BY coalesce(strength, -1) DESC, coalesce(date, date('0001-01-01')) DESC,
         direct DESC, iri
LIMIT $limit
