// name: seed.serving
// description: Which agenda activities and initiatives serve which functions (kg:servesFunction, in cycle order) and sectors (kg:sector); kind is the activity's class or 'Initiative'. Filter with function and sector notations (null: all).
// param: function string = null — only those serving this function (notation, e.g. sharing)
// param: sector string = null — only those for this sector (notation, e.g. PO)
// returns: iri, kind, title, region, functions, sectors
CALL () {
  MATCH (x:AgendaActivity) RETURN x
  UNION
  MATCH (x:Initiative) RETURN x
}
WITH x,
     COLLECT { MATCH (x)-[:servesFunction]->(f:skos_Concept)
               WITH DISTINCT f ORDER BY f.cycleOrder RETURN f.skos_notation } AS functions,
     COLLECT { MATCH (x)-[:sector]->(s:skos_Concept)
               RETURN DISTINCT s.skos_notation AS s ORDER BY s } AS sectors
WHERE ($function IS NULL OR $function IN functions) AND ($sector IS NULL OR $sector IN sectors)
RETURN x.iri AS iri,
       [l IN labels(x) WHERE l IN ['SpecificActivity', 'StructuralExploration', 'Initiative']][0]
         AS kind,
       coalesce(x.`dcterms_title@nl`, x.`dcterms_title@en`) AS title, x.region AS region,
       functions, sectors
ORDER BY kind, title, iri
