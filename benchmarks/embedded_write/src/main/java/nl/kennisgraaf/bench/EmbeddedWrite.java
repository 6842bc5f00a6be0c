package nl.kennisgraaf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

/**
 * Writes a load's prepared batches (one JSON line per batch: new nodes, references, new links,
 * as graph/batch_rows.py prepares them) into an embedded Neo4j, one transaction per batch, in two
 * ways on the same warmed engine: the writer's own Cypher run inside the JVM, and the embedded
 * core API. Neither goes through Bolt or Python, so the difference to a Bolt write of the same
 * rows is what the driver and the wire cost, and the core API's figure is the floor of a loader
 * in the engine's JVM.
 *
 * <p>With SHAPES, MODEL files and the N-Triples DATA the batches were prepared from, a third
 * variant validates each batch's statements with Jena SHACL (the batch parsed, the model added)
 * on a second thread while the batch before is written through the core API: the floor of a
 * validated load in the engine's JVM, short of mapping the statements (prepared here already).
 *
 * <p>{@code EmbeddedWrite BATCHES SCHEMA CYPHER_DIR HOME PAGE_CACHE_MB WARM ROUNDS
 * [SHAPES MODEL... DATA]}
 */
public final class EmbeddedWrite {
    private static final Label RESOURCE = Label.label("Resource");
    private static final int WIPE_CHUNK = 20_000;

    private EmbeddedWrite() {}

    record NodeRow(Map<String, Object> props, Label[] labels) {}

    record LinkRow(String s, RelationshipType type, String o, Map<String, Object> props) {}

    record Batch(
            List<NodeRow> nodes, List<String> refs, List<LinkRow> links,
            Map<String, Object> cypherNodes, Map<String, Object> cypherRefs,
            Map<String, Object> cypherLinks) {}

    interface Writer {
        void write(Transaction tx, Batch batch);
    }

    public static void main(String[] args) throws IOException {
        List<Batch> batches = readBatches(Path.of(args[0]));
        List<String> schema = statements(Files.readString(Path.of(args[1])));
        Path cypher = Path.of(args[2]);
        String createNodes = body(cypher.resolve("create_nodes.cypher"));
        String mergeRefs = body(cypher.resolve("merge_references.cypher"));
        String writeLinks = body(cypher.resolve("write_relationships.cypher"));
        int warm = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(args[3]))
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.mebiBytes(Long.parseLong(args[4])))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .build();
        try {
            GraphDatabaseService db = dbms.database("neo4j");
            for (String statement : schema) {
                db.executeTransactionally(statement);
            }
            db.executeTransactionally("CALL db.awaitIndexes(600)");
            Writer viaCypher = (tx, b) -> {
                tx.execute(createNodes, b.cypherNodes()).close();
                tx.execute(mergeRefs, b.cypherRefs()).close();
                tx.execute(writeLinks, b.cypherLinks()).close();
            };
            Writer viaCore = EmbeddedWrite::writeCore;
            Map<String, Writer> writers = new LinkedHashMap<>();
            writers.put("cypher in the JVM", viaCypher);
            writers.put("core API", viaCore);
            if (args.length > 7) {
                List<String> model = List.of(args).subList(8, args.length - 1);
                Validation validation = new Validation(
                        args[7], model, Path.of(args[args.length - 1]), batches.size());
                writers.put("core API + Jena SHACL", validation);
            }
            for (int i = 0; i < warm; i++) {
                for (Writer w : writers.values()) {
                    writeAll(db, batches, w);
                }
            }
            List<String> names = new ArrayList<>(writers.keySet());
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(names);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String name : order) {
                    double[] t = writeAll(db, batches, writers.get(name));
                    System.out.printf("%d\t%s\t%.3f\t%.3f\t%.3f%n", round + 1, name, t[0], t[1], t[2]);
                    System.err.println("graph after " + name + ": " + census(db));
                    if (writers.get(name) instanceof Validation v) {
                        System.err.println("validation results: " + v.results);
                    }
                }
            }
        } finally {
            dbms.shutdown();
        }
    }

    /** What a variant wrote, to see that all wrote the same: nodes, labels, relationships and
     * properties, counted. */
    static String census(GraphDatabaseService db) {
        return db.executeTransactionally(
                "MATCH (n) WITH count(n) AS nodes, sum(size(labels(n))) AS labels, "
                        + "sum(size(keys(n))) AS nodeProps "
                        + "OPTIONAL MATCH ()-[r]->() RETURN nodes, labels, nodeProps, "
                        + "count(r) AS links, sum(size(keys(r))) AS linkProps",
                Map.of(), result -> result.next().toString());
    }

    /** Seconds in the writes, seconds in the commits, CPU seconds of this process. */
    static double[] writeAll(GraphDatabaseService db, List<Batch> batches, Writer writer) {
        wipe(db);
        if (writer instanceof Validation v) {
            v.start();
        }
        var os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long writing = 0;
        long committing = 0;
        for (Batch batch : batches) {
            long began = System.nanoTime();
            try (Transaction tx = db.beginTx()) {
                writer.write(tx, batch);
                long wrote = System.nanoTime();
                tx.commit();
                writing += wrote - began;
                committing += System.nanoTime() - wrote;
            }
        }
        return new double[] {writing / 1e9, committing / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
    }

    /** The same writes as the Cypher: create the new nodes, make sure referenced ones exist,
     * create the new links between them; ends looked up once per batch through the iri index. */
    static void writeCore(Transaction tx, Batch batch) {
        Map<String, Node> ends = new HashMap<>();
        for (NodeRow row : batch.nodes()) {
            Node n = tx.createNode(row.labels());
            for (Map.Entry<String, Object> p : row.props().entrySet()) {
                n.setProperty(p.getKey(), p.getValue());
            }
            ends.put((String) row.props().get("iri"), n);
        }
        for (String iri : batch.refs()) {
            ends.put(iri, resource(tx, iri));
        }
        for (LinkRow row : batch.links()) {
            Node a = ends.computeIfAbsent(row.s(), iri -> tx.findNode(RESOURCE, "iri", iri));
            Node b = ends.computeIfAbsent(row.o(), iri -> tx.findNode(RESOURCE, "iri", iri));
            Relationship r = a.createRelationshipTo(b, row.type());
            for (Map.Entry<String, Object> p : row.props().entrySet()) {
                r.setProperty(p.getKey(), p.getValue());
            }
        }
    }

    /** Validates the next batches (two ahead) on their own thread while batch i is written; a
     * batch is written only when its validation is done, as a gate would have it. */
    static final class Validation implements Writer {
        private final Shapes shapes;
        private final Graph model;
        private final List<byte[]> chunks;  // N-Triples, UTF-8
        private static final int AHEAD = 2;
        private final ExecutorService pool =
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "validate");
                    t.setDaemon(true);
                    return t;
                });
        private final List<Future<Integer>> pending = new ArrayList<>();
        private int next;
        long results;

        Validation(String shapesFile, List<String> modelFiles, Path data, int batches)
                throws IOException {
            shapes = Shapes.parse(englishOnly(RDFDataMgr.loadGraph(shapesFile)));
            model = GraphFactory.createDefaultGraph();
            for (String f : modelFiles) {
                RDFDataMgr.read(model, f);
            }
            long lines;
            try (var counted = Files.lines(data, StandardCharsets.UTF_8)) {
                lines = counted.count();
            }
            // The file's lines in as many equal parts as there are batches: within a few
            // statements of the batches the rows were prepared from.
            long size = (lines + batches - 1) / batches;
            chunks = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
                StringBuilder chunk = new StringBuilder();
                long n = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    chunk.append(line).append('\n');
                    if (++n % size == 0) {
                        chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
                        chunk.setLength(0);
                    }
                }
                if (chunk.length() > 0) {
                    chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        /** Jena takes one sh:message per SPARQL constraint; the shapes give one per language. */
        private static Graph englishOnly(Graph g) {
            var message = NodeFactory.createURI("http://www.w3.org/ns/shacl#message");
            List<Triple> other = new ArrayList<>();
            g.find(org.apache.jena.graph.Node.ANY, message, org.apache.jena.graph.Node.ANY)
                    .forEachRemaining(t -> {
                        var o = t.getObject();
                        if (o.isLiteral() && !o.getLiteralLanguage().isEmpty()
                                && !o.getLiteralLanguage().equals("en")) {
                            other.add(t);
                        }
                    });
            other.forEach(g::delete);
            return g;
        }

        void start() {
            pending.clear();
            next = 0;
            results = 0;
            for (int i = 0; i < Math.min(AHEAD, chunks.size()); i++) {
                submit(i);
            }
        }

        private void submit(int i) {
            byte[] chunk = chunks.get(i);
            pending.add(pool.submit(() -> validate(chunk)));
        }

        private int validate(byte[] ntriples) {
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.create().source(new ByteArrayInputStream(ntriples)).lang(Lang.NTRIPLES).parse(g);
            model.find().forEachRemaining(g::add);
            return ShaclValidator.get().validate(shapes, g).getEntries().size();
        }

        @Override
        public void write(Transaction tx, Batch batch) {
            try {
                if (next + AHEAD < chunks.size()) {
                    submit(next + AHEAD);
                }
                if (next < pending.size()) {
                    results += pending.get(next++).get();
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
            writeCore(tx, batch);
        }
    }

    static Node resource(Transaction tx, String iri) {
        Node found = tx.findNode(RESOURCE, "iri", iri);
        if (found == null) {
            found = tx.createNode(RESOURCE);
            found.setProperty("iri", iri);
        }
        return found;
    }

    static void wipe(GraphDatabaseService db) {
        while (true) {
            try (Transaction tx = db.beginTx()) {
                long n = (long) tx.execute(
                        "MATCH (n) WITH n LIMIT $chunk DETACH DELETE n RETURN count(*) AS n",
                        Map.of("chunk", WIPE_CHUNK)).next().get("n");
                tx.commit();
                if (n == 0) {
                    return;
                }
            }
        }
    }

    static List<Batch> readBatches(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Batch> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.add(batch(json.readTree(line)));
            }
        }
        return out;
    }

    static Batch batch(JsonNode line) {
        List<NodeRow> nodes = new ArrayList<>();
        List<Object> nodeMaps = new ArrayList<>();
        for (JsonNode row : line.get("nodes")) {
            Map<String, Object> props = properties(row.get("props"));
            List<Object> names = new ArrayList<>();
            List<Label> labels = new ArrayList<>(List.of(RESOURCE));
            for (JsonNode l : row.get("labels")) {
                names.add(l.asText());
                labels.add(Label.label(l.asText()));
            }
            nodes.add(new NodeRow(props, labels.toArray(Label[]::new)));
            nodeMaps.add(Map.of("props", props, "labels", names));
        }
        List<String> refs = new ArrayList<>();
        line.get("refs").forEach(r -> refs.add(r.asText()));
        List<LinkRow> links = new ArrayList<>();
        List<Object> linkMaps = new ArrayList<>();
        for (JsonNode row : line.get("links")) {
            Map<String, Object> props = properties(row.get("props"));
            String s = row.get("s").asText();
            String type = row.get("type").asText();
            String o = row.get("o").asText();
            links.add(new LinkRow(s, RelationshipType.withName(type), o, props));
            linkMaps.add(Map.of("s", s, "type", type, "o", o, "props", props));
        }
        return new Batch(nodes, refs, links, Map.of("rows", nodeMaps),
                Map.of("iris", new ArrayList<Object>(refs)), Map.of("rows", linkMaps));
    }

    /** Property values as Neo4j takes them: scalars, homogeneous arrays, dates ({"$date": iso}). */
    static Map<String, Object> properties(JsonNode props) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = props.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            out.put(f.getKey(), value(f.getValue()));
        }
        return out;
    }

    static Object value(JsonNode v) {
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(x -> items.add(value(x)));
            Object first = items.get(0);
            if (first instanceof String) {
                return items.toArray(String[]::new);
            }
            if (first instanceof Long) {
                return items.stream().mapToLong(x -> (Long) x).toArray();
            }
            if (first instanceof Double) {
                return items.stream().mapToDouble(x -> (Double) x).toArray();
            }
            if (first instanceof Boolean) {
                boolean[] out = new boolean[items.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (Boolean) items.get(i);
                }
                return out;
            }
            return items.toArray(LocalDate[]::new);
        }
        if (v.isObject()) {
            return LocalDate.parse(v.get("$date").asText());
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }

    /** A query file without its comment header. */
    static String body(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("//")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(";\n")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
