// name: erasure.bookkeeping
// description: The import records and batch reports (statements held back, reports of rejections), whose text may mention an erased person.
// returns: id, props
MATCH (n)
WHERE n:Import OR n:ImportBatchReport
RETURN elementId(n) AS id, properties(n) AS props
