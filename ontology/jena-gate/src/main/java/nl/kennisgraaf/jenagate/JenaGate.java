package nl.kennisgraaf.jenagate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.Path;

/**
 * The load gate's SHACL engine: Apache Jena SHACL, run as a child process of the loading
 * process and spoken to over its standard input and output only (no port, no file, no
 * network).
 *
 * <p>Every message is a frame: a 4-byte big-endian length, then that many bytes of UTF-8. The
 * parent sends the shapes, then the model the shapes read (the ontology and vocabularies), both
 * as N-Triples, and this answers "ready". Then each frame is a data graph in N-Triples; the
 * model is added to it, it is validated, and the answer is "ok" and a line break followed by
 * the report as N-Triples (one blank node per result, SHACL's result properties), or "error"
 * and a line break followed by what went wrong. Blank node labels are kept as given, so the
 * parent reads the focus nodes and source shapes under its own names. End of input ends the
 * process.
 */
public final class JenaGate {
  private static final String SH = "http://www.w3.org/ns/shacl#";
  /** The parent takes the path from the source shape when it is not a single predicate. */
  private static final String COMPLEX_PATH = "urn:kennisgraaf:jena-gate:complexPath";

  private JenaGate() {}

  public static void main(String[] args) throws IOException {
    int maxFrame = args.length > 0 ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    // Standard output carries frames only: anything a library prints goes to standard error.
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    byte[] shapesFrame = readFrame(in, maxFrame);
    byte[] modelFrame = readFrame(in, maxFrame);
    Shapes shapes;
    Graph model;
    try {
      shapes = Shapes.parse(parse(shapesFrame));
      model = parse(modelFrame);
    } catch (RuntimeException e) {
      writeFrame(out, "error\n" + e);
      return;
    }
    writeFrame(out, "ready");
    while (true) {
      byte[] frame;
      try {
        frame = readFrame(in, maxFrame);
      } catch (EOFException e) {
        return;
      }
      String answer;
      try {
        Graph data = parse(frame);
        model.find().forEachRemaining(data::add);
        answer = "ok\n" + report(ShaclValidator.get().validate(shapes, data));
      } catch (RuntimeException | StackOverflowError e) {
        answer = "error\n" + e;
      }
      writeFrame(out, answer);
    }
  }

  private static byte[] readFrame(DataInputStream in, int maxFrame) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > maxFrame) {
      throw new IOException("frame of " + length + " bytes exceeds the bound of " + maxFrame);
    }
    byte[] frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  private static void writeFrame(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  private static Graph parse(byte[] ntriples) {
    Graph graph = GraphFactory.createDefaultGraph();
    RDFParser.create()
        .source(new ByteArrayInputStream(ntriples))
        .lang(Lang.NTRIPLES)
        .labelToNode(LabelToNode.createUseLabelAsGiven())
        .checking(false)
        .errorHandler(ErrorHandlerFactory.errorHandlerStrictNoLogging)
        .parse(graph);
    return graph;
  }

  private static String report(ValidationReport report) {
    StringBuilder text = new StringBuilder();
    int n = 0;
    for (ReportEntry entry : report.getEntries()) {
      String result = "_:r" + n++;
      statement(text, result, SH + "focusNode", entry.focusNode());
      Path path = entry.resultPath();
      if (path instanceof P_Link link) {
        statement(text, result, SH + "resultPath", link.getNode());
      } else if (path != null) {
        text.append(result).append(" <").append(COMPLEX_PATH).append("> \"true\" .\n");
      }
      statement(text, result, SH + "value", entry.value());
      statement(text, result, SH + "resultSeverity", entry.severity().level());
      statement(text, result, SH + "sourceShape", entry.source());
      statement(text, result, SH + "sourceConstraintComponent", entry.sourceConstraintComponent());
      String message = entry.message();
      if (message != null) {
        Node literal = org.apache.jena.graph.NodeFactory.createLiteralString(message);
        statement(text, result, SH + "resultMessage", literal);
      }
    }
    return text.toString();
  }

  private static void statement(StringBuilder text, String subject, String predicate, Node o) {
    if (o == null) {
      return;
    }
    text.append(subject).append(" <").append(predicate).append("> ").append(term(o)).append(" .\n");
  }

  private static String term(Node node) {
    if (node.isBlank()) {
      return "_:" + node.getBlankNodeLabel();
    }
    return NodeFmtLib.strNT(node);
  }
}
