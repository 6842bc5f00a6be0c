// name: agenda.items
// description: Items of research agendas with the questions that fed them (kg:fedBy, with their status) and what took them up (kg:takenUpBy: programmes, calls, grants, studies), plus the grants behind that — taken up directly or under a programme or call that took the item up. On the sample (agenda kennisagenda): feedback fed by q29 and q44, taken up by grant 40.5.21502.004; lerarentekort fed by q13, q17 and q43 (q43 open), taken up by programme praktijkgericht-onderzoek and grant 40.5.21501.003, grants 40.5.19501.001, 40.5.19501.002 and 40.5.21501.003; onderzoekstijd fed by q06 and q38 (both open), taken up by nothing.
// param: agenda string = null — IRI of one research agenda; null for every agenda
// returns: agenda, agenda_title_nl, agenda_title_en, agenda_kind, item, title_nl, title_en, questions, taken_up_by, grants
MATCH (i:AgendaItem)-[:dcterms_isPartOf]->(a:ResearchAgenda)
WHERE $agenda IS NULL OR a.iri = $agenda
RETURN a.iri AS agenda, a.`dcterms_title@nl` AS agenda_title_nl, a.`dcterms_title@en` AS agenda_title_en,
       COLLECT { MATCH (a)-[:agendaKind]->(k) RETURN coalesce(k.skos_notation, k.iri) }[0] AS agenda_kind,
       i.iri AS item, i.`dcterms_title@nl` AS title_nl, i.`dcterms_title@en` AS title_en,
       COLLECT { MATCH (i)-[:fedBy]->(q:KnowledgeQuestion)
                 WITH q ORDER BY q.iri
                 RETURN {iri: q.iri,
                         status: COLLECT { MATCH (q)-[:status]->(s) RETURN coalesce(s.skos_notation, s.iri) }[0]} }
         AS questions,
       COLLECT { MATCH (i)-[:takenUpBy]->(t)
                 WITH t ORDER BY t.iri
                 RETURN {iri: t.iri,
                         kind: CASE WHEN t:Programme THEN 'programme' WHEN t:Call THEN 'call'
                                    WHEN t:Grant THEN 'grant' WHEN t:Study THEN 'study' ELSE 'other' END} }
         AS taken_up_by,
       COLLECT { MATCH (i)-[:takenUpBy]->(t)<-[:dcterms_isPartOf*0..2]-(g:Grant)
                 WITH DISTINCT g.iri AS v RETURN v ORDER BY v } AS grants
ORDER BY agenda, item
