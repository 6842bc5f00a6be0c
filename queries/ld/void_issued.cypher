// name: ld.void_issued
// description: When the dataset was first published: the earliest finished import.
// returns: issued
MATCH (i:Import) WHERE i.finishedAt IS NOT NULL
RETURN min(i.finishedAt) AS issued
