// name: schema.constraints
// description: Constraints and indexes every load and query relies on; each statement is idempotent.
// returns: nothing
CREATE CONSTRAINT resource_iri IF NOT EXISTS
FOR (r:Resource) REQUIRE r.iri IS UNIQUE;

CREATE CONSTRAINT import_id IF NOT EXISTS
FOR (i:Import) REQUIRE i.id IS UNIQUE;

// One writer lease per database (graph/lease.py): MERGE on it cannot make two.
CREATE CONSTRAINT writer_lease_name IF NOT EXISTS
FOR (l:WriterLease) REQUIRE l.name IS UNIQUE;

// What an unfinished import's batches sent to quarantine, read when it resumes.
CREATE INDEX import_batch_report IF NOT EXISTS
FOR (r:ImportBatchReport) ON (r.import);

CREATE CONSTRAINT probe_id IF NOT EXISTS
FOR (p:ConnectivityProbe) REQUIRE p.id IS UNIQUE;

// Later statements may rely on the indexes being online.
CALL db.awaitIndexes(300);
