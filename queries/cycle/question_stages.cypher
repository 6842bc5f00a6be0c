// name: cycle.question_stages
// description: One row per knowledge question with the date it first reached each stage of the cycle (null where it never did) and its sectors, themes, networks and regions — the table the funnel, lead times and stalled questions are computed from. A question reaches a stage when that stage used it, a study addressing it, or a product made from either.
// param: since date = null — only questions articulated on or after this day (ISO date)
// param: until date = null — only questions articulated on or before this day (ISO date)
// returns: iri, status, articulated, created, organised, shared, used, sectors, themes, networks, regions
MATCH (q:KnowledgeQuestion)-[:prov_wasGeneratedBy]->(art:QuestionArticulation)
WHERE ($since IS NULL OR art.dcterms_date >= date($since))
  AND ($until IS NULL OR art.dcterms_date <= date($until))
WITH q, min(art.dcterms_date) AS articulated, collect(art) AS arts
WITH q, articulated, arts,
     COLLECT { MATCH (q)<-[:prov_used]-(c:KnowledgeCreation) RETURN c } AS creations,
     COLLECT { MATCH (q)<-[:prov_used]-(:KnowledgeCreation)<-[:prov_wasGeneratedBy]-(s:Study)
               RETURN s } AS studies
WITH q, articulated, arts, creations, studies,
     COLLECT { UNWIND [q] + studies AS input
               MATCH (input)<-[:prov_used]-(o:KnowledgeOrganisation) RETURN DISTINCT o } AS organisings
WITH q, articulated, arts, creations, studies, organisings,
     COLLECT { UNWIND organisings AS o
               MATCH (o)<-[:prov_wasGeneratedBy]-(p:KnowledgeProduct) RETURN DISTINCT p } AS products
WITH q, articulated, arts, creations, organisings, studies + products AS outputs
WITH q, articulated, arts, creations, organisings,
     COLLECT { UNWIND outputs AS x MATCH (x)<-[:prov_used]-(sh:KnowledgeSharing)
               RETURN DISTINCT sh } AS sharings,
     COLLECT { UNWIND outputs AS x MATCH (x)<-[:prov_used]-(u:KnowledgeUse)
               RETURN DISTINCT u } AS uses
RETURN q.iri AS iri,
       COLLECT { MATCH (q)-[:status]->(st) RETURN coalesce(st.skos_notation, st.iri) }[0] AS status,
       articulated,
       reduce(m = null, a IN creations | CASE WHEN m IS NULL OR a.dcterms_date < m THEN a.dcterms_date ELSE m END) AS created,
       reduce(m = null, a IN organisings | CASE WHEN m IS NULL OR a.dcterms_date < m THEN a.dcterms_date ELSE m END) AS organised,
       reduce(m = null, a IN sharings | CASE WHEN m IS NULL OR a.dcterms_date < m THEN a.dcterms_date ELSE m END) AS shared,
       reduce(m = null, a IN uses | CASE WHEN m IS NULL OR a.dcterms_date < m THEN a.dcterms_date ELSE m END) AS used,
       COLLECT { MATCH (q)-[:sector]->(s) WITH coalesce(s.skos_notation, s.iri) AS v
                 RETURN v ORDER BY v } AS sectors,
       COLLECT { MATCH (q)-[:theme]->(t) WITH coalesce(t.skos_notation, t.iri) AS v
                 RETURN v ORDER BY v } AS themes,
       COLLECT { UNWIND arts AS a MATCH (a)-[:articulatedIn]->(n:Network)
                 RETURN DISTINCT n.iri ORDER BY n.iri } AS networks,
       COLLECT { UNWIND arts AS a MATCH (a)-[:articulatedIn]->(n:Network)
                 UNWIND CASE WHEN n.region IS NULL THEN []
                             WHEN valueType(n.region) STARTS WITH 'LIST' THEN n.region
                             ELSE [n.region] END AS r
                 RETURN DISTINCT r ORDER BY r } AS regions
ORDER BY iri
