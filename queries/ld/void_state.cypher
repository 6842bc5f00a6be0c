// name: ld.void_state
// description: What tells whether the dataset changed: the latest finished import, the number of imports, resources and relationships (counts the store keeps, so this is cheap).
// returns: modified, imports, resources, relationships
CALL () { MATCH (i:Import) WHERE i.finishedAt IS NOT NULL
          RETURN max(i.finishedAt) AS modified, count(i) AS imports }
CALL () { MATCH (n:Resource) RETURN count(n) AS resources }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN modified, imports, resources, relationships
