// Synthetic cycle chains for the trace benchmark, written straight into the property graph with
// the labels, relationship types and keys of graph/MAPPING.md (no validation: this measures the
// trace query, not the load). $start and $count choose the chain numbers, committed $rows chains
// per transaction (CALL … IN TRANSACTIONS: run it in an auto-commit transaction); every chain links to
// shared hubs (one of a few sectors, themes, networks, organisations, people) so hub nodes get
// hundreds of thousands of links, as they would in a real graph.
UNWIND range($start, $start + $count - 1) AS i
CALL (i) {
  WITH i, $base + 'id/' AS id
  CREATE (q:Resource:KnowledgeQuestion:prov_Entity {iri: id + 'question/b' + i,
          `questionText@nl`: 'Vraag ' + i})
  CREATE (a:Resource:QuestionArticulation:CycleActivity:prov_Activity {iri: id + 'articulation/b' + i,
          dcterms_date: date('2019-01-01') + duration({days: i % 700})})
  CREATE (q)-[:prov_wasGeneratedBy]->(a)
  WITH i, id, q, a
  MATCH (sector:Resource {iri: $base + 'def/sector/' + $sectors[i % size($sectors)]})
  MATCH (net:Resource {iri: id + 'network/hub' + (i % 7)})
  MATCH (person:Resource {iri: id + 'person/hub' + (i % 50)})
  CREATE (q)-[:sector]->(sector), (a)-[:articulatedIn]->(net), (a)-[:prov_wasAssociatedWith]->(person)
  WITH i, id, q, person, net
  WHERE i % 5 <> 0
  CREATE (c:Resource:KnowledgeCreation:CycleActivity:prov_Activity {iri: id + 'creation/b' + i,
          dcterms_date: date('2021-01-01') + duration({days: i % 300})})
  CREATE (s:Resource:Study:ResearchProject:prov_Entity {iri: id + 'study/b' + i,
          `dcterms_title@nl`: 'Studie ' + i})
  CREATE (c)-[:prov_used]->(q), (s)-[:prov_wasGeneratedBy]->(c), (c)-[:prov_wasAssociatedWith]->(person)
  WITH i, id, s, person, net
  WHERE i % 5 <> 1
  CREATE (o:Resource:KnowledgeOrganisation:CycleActivity:prov_Activity {iri: id + 'organising/b' + i,
          dcterms_date: date('2022-01-01') + duration({days: i % 200})})
  CREATE (p:Resource:KnowledgeProduct:EvidenceSummary:prov_Entity {iri: id + 'product/b' + i})
  CREATE (o)-[:prov_used]->(s), (p)-[:prov_wasGeneratedBy]->(o)
  WITH i, id, p, person, net
  WHERE i % 5 <> 2
  CREATE (sh:Resource:KnowledgeSharing:CycleActivity:prov_Activity {iri: id + 'sharing/b' + i,
          dcterms_date: date('2023-01-01') + duration({days: i % 100})})
  CREATE (sh)-[:prov_used]->(p), (sh)-[:throughNetwork]->(net)
  CREATE (u:Resource:KnowledgeUse:CycleActivity:prov_Activity {iri: id + 'use/b' + i,
          dcterms_date: date('2023-06-01') + duration({days: i % 100})})
  CREATE (u)-[:prov_used]->(p), (u)-[:prov_wasInformedBy]->(sh), (u)-[:prov_wasAssociatedWith]->(person)
} IN TRANSACTIONS OF $rows ROWS
