// The hubs every synthetic chain links to: sectors, networks, people.
UNWIND $sectors AS code
MERGE (:Resource {iri: $base + 'def/sector/' + code})
WITH count(*) AS done
UNWIND range(0, 6) AS n
CREATE (:Resource:Network:Organisation {iri: $base + 'id/network/hub' + n, foaf_name: 'Netwerk ' + n})
WITH count(*) AS done
UNWIND range(0, 49) AS n
CREATE (:Resource:Person {iri: $base + 'id/person/hub' + n, foaf_name: 'Persoon ' + n})
