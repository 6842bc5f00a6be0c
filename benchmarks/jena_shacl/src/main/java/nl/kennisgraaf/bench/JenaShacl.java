package nl.kennisgraaf.bench;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Validates an N-Triples file batch by batch with Jena SHACL: each batch is its own graph with
 * the model (ontology and vocabularies) added, as the gate gives pyshacl a batch with the model
 * mixed in. Prints one JSON line: seconds per pass, statements, results. Messages in other
 * languages than English are left out of the shapes (Jena takes one per SPARQL constraint).
 *
 * <p>Arguments: SHAPES MODEL... DATA BATCH_LINES PASSES
 */
public final class JenaShacl {
  private JenaShacl() {}

  public static void main(String[] args) throws Exception {
    int n = args.length;
    Path data = Path.of(args[n - 3]);
    int batchLines = Integer.parseInt(args[n - 2]);
    int passes = Integer.parseInt(args[n - 1]);
    Shapes shapes = Shapes.parse(englishOnly(RDFDataMgr.loadGraph(args[0])));
    Graph model = GraphFactory.createDefaultGraph();
    for (int i = 1; i < n - 3; i++) {
      RDFDataMgr.read(model, args[i]);
    }
    List<Double> seconds = new ArrayList<>();
    long statements = 0;
    long results = 0;
    for (int pass = 0; pass < passes; pass++) {
      statements = 0;
      results = 0;
      long began = System.nanoTime();
      try (BufferedReader reader = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
        StringBuilder batch = new StringBuilder();
        int lines = 0;
        String line;
        while (true) {
          line = reader.readLine();
          if (line != null) {
            batch.append(line).append('\n');
            lines++;
          }
          if ((line == null && lines > 0) || lines >= batchLines) {
            results += validate(shapes, model, batch.toString());
            statements += lines;
            batch.setLength(0);
            lines = 0;
          }
          if (line == null) {
            break;
          }
        }
      }
      seconds.add((System.nanoTime() - began) / 1e9);
    }
    System.out.println(
        "{\"seconds\": " + seconds + ", \"statements\": " + statements + ", \"results\": " + results
            + "}");
  }

  /** Jena takes one sh:message per SPARQL constraint; the shapes give one per language. */
  private static Graph englishOnly(Graph shapes) {
    Node message = NodeFactory.createURI("http://www.w3.org/ns/shacl#message");
    List<Triple> other = new ArrayList<>();
    shapes.find(Node.ANY, message, Node.ANY).forEachRemaining(t -> {
      Node o = t.getObject();
      if (o.isLiteral() && !o.getLiteralLanguage().isEmpty()
          && !o.getLiteralLanguage().equals("en")) {
        other.add(t);
      }
    });
    other.forEach(shapes::delete);
    return shapes;
  }

  private static long validate(Shapes shapes, Graph model, String ntriples) {
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.create().source(new StringReader(ntriples)).lang(Lang.NTRIPLES).parse(g);
    model.find().forEachRemaining(g::add);
    ValidationReport report = ShaclValidator.get().validate(shapes, g);
    return report.getEntries().size();
  }
}
