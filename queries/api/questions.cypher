// name: api.questions
// description: One page of knowledge questions, filtered by sector, theme, network of articulation, articulation period, words of the text and a set of IRIs (the stage filter), in IRI order, with the number of questions that pass the filters.
// param: sector string = null — notation of a sector concept (PO, VO, …; case-insensitive)
// param: theme string = null — notation of a theme concept (case-insensitive)
// param: network string = null — IRI of the network the question was articulated in
// param: since date = null — articulated on or after this day
// param: until date = null — articulated on or before this day
// param: words list = null — lower-case words that must all occur in the question's text (Dutch or English)
// param: among list = null — only questions with these IRIs
// param: offset int = 0 — questions to skip
// param: limit int = 50 — questions at most
// returns: total, items (iri, text_nl, text_en, status, sectors, themes, articulated)
MATCH (q:KnowledgeQuestion)
WHERE ($among IS NULL OR q.iri IN $among)
  AND ($sector IS NULL OR EXISTS {
        MATCH (q)-[:sector]->(s)
        WHERE toLower(coalesce(s.skos_notation, '')) = toLower($sector)
           OR toLower(s.iri) ENDS WITH '/' + toLower($sector) })
  AND ($theme IS NULL OR EXISTS {
        MATCH (q)-[:theme]->(t)
        WHERE toLower(coalesce(t.skos_notation, '')) = toLower($theme)
           OR toLower(t.iri) ENDS WITH '/' + toLower($theme) })
  AND ($network IS NULL OR EXISTS {
        MATCH (q)-[:prov_wasGeneratedBy]->(:QuestionArticulation)-[:articulatedIn]->(n:Network)
        WHERE n.iri = $network })
  AND ($since IS NULL AND $until IS NULL OR EXISTS {
        MATCH (q)-[:prov_wasGeneratedBy]->(a:QuestionArticulation)
        WHERE ($since IS NULL OR a.dcterms_date >= date($since))
          AND ($until IS NULL OR a.dcterms_date <= date($until)) })
// a key holds a string, or a list when the question has several texts in one language
WITH q, [] + coalesce(q.`questionText@nl`, []) + coalesce(q.`questionText@en`, []) AS texts
WHERE $words IS NULL
   OR all(w IN $words WHERE any(t IN texts WHERE toLower(t) CONTAINS w))
WITH q ORDER BY q.iri
WITH collect(q) AS found
CALL (found) {
  UNWIND found[$offset..($offset + $limit)] AS q
  RETURN collect({
    iri: q.iri,
    text_nl: q.`questionText@nl`,
    text_en: q.`questionText@en`,
    status: COLLECT { MATCH (q)-[:status]->(st) RETURN coalesce(st.skos_notation, st.iri) }[0],
    sectors: COLLECT { MATCH (q)-[:sector]->(s) WITH coalesce(s.skos_notation, s.iri) AS v
                       RETURN v ORDER BY v },
    themes: COLLECT { MATCH (q)-[:theme]->(t) WITH coalesce(t.skos_notation, t.iri) AS v
                      RETURN v ORDER BY v },
    articulated: COLLECT { MATCH (q)-[:prov_wasGeneratedBy]->(a:QuestionArticulation)
                           RETURN a.dcterms_date AS d ORDER BY d }[0]
  }) AS items
}
RETURN size(found) AS total, items
