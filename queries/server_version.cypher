// name: server_version
// description: Name, version and edition of the Neo4j server.
// returns: name, version, edition
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
