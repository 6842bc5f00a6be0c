package nl.kennisgraaf.owlcheck;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLOntologyLoaderMetaData;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLCardinalityRestriction;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * Checks Turtle documents against the OWL 2 DL profile and reasons over them together with HermiT.
 *
 * <p>Arguments are {@code name=path} pairs. Each document is parsed on its own, as a tool that
 * fetched it would read it (undeclared terms are guessed, as Protégé does), and checked against
 * the profile; then all documents' axioms together are checked, their cardinality restrictions
 * listed (an axiom a tool could not read would be missing there) and classified with HermiT.
 * Prints one JSON object on standard output.
 */
public final class OwlCheck {
    private OwlCheck() {}

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder("{\"documents\":[");
        OWLOntologyManager mergedManager = OWLManager.createOWLOntologyManager();
        OWLOntology merged = mergedManager.createOntology();
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        for (int i = 0; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
                    new FileDocumentSource(new File(pair[1]), new TurtleDocumentFormat()), config);
            mergedManager.addAxioms(merged, ontology.axioms());
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"name\":").append(quote(pair[0]))
                    .append(",\"axioms\":").append(ontology.getAxiomCount())
                    .append(",\"violations\":").append(violations(ontology));
            OWLOntologyLoaderMetaData meta = manager.getOntologyFormat(ontology)
                    .getOntologyLoaderMetaData().orElse(null);
            List<String> unparsed = new ArrayList<>();
            if (meta != null) {
                meta.getUnparsedTriples().forEach(t -> unparsed.add(t.toString()));
            }
            out.append(",\"unparsed\":").append(strings(unparsed)).append('}');
        }
        out.append("],\"merged\":{\"axioms\":").append(merged.getAxiomCount())
                .append(",\"violations\":").append(violations(merged))
                .append(",\"cardinalities\":").append(strings(merged.nestedClassExpressions()
                        .filter(e -> e instanceof OWLCardinalityRestriction)
                        .map(Object::toString).sorted().collect(Collectors.toList())));
        long began = System.nanoTime();
        OWLReasoner reasoner = new ReasonerFactory().createReasoner(merged);
        try {
            boolean consistent = reasoner.isConsistent();
            out.append(",\"reasoner\":").append(quote("HermiT " + reasoner.getReasonerVersion()))
                    .append(",\"consistent\":").append(consistent);
            List<String> unsatisfiable = new ArrayList<>();
            if (consistent) {
                for (OWLClass cls : reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom()) {
                    unsatisfiable.add(cls.getIRI().toString());
                }
            }
            out.append(",\"unsatisfiable\":").append(strings(unsatisfiable));
        } finally {
            reasoner.dispose();
        }
        out.append(",\"reasoner_seconds\":")
                .append(String.format("%.3f", (System.nanoTime() - began) / 1e9)).append("}}");
        System.out.println(out);
    }

    private static String violations(OWLOntology ontology) {
        List<String> items = new ArrayList<>();
        for (OWLProfileViolation v : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            items.add("{\"kind\":" + quote(v.getClass().getSimpleName())
                    + ",\"text\":" + quote(v.toString().strip()) + "}");
        }
        return "[" + String.join(",", items) + "]";
    }

    private static String strings(List<String> values) {
        return "[" + values.stream().map(OwlCheck::quote).collect(Collectors.joining(",")) + "]";
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
