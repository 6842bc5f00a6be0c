package nl.kennisgraaf.bulkimport;

import java.nio.file.Path;
import java.util.Arrays;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * Runs Neo4j's offline importer ("neo4j-admin database import full") on the store of a local
 * engine home: {@code BulkImport HOME [import options...]}. The engine must be stopped.
 */
public final class BulkImport {
    private BulkImport() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: BulkImport HOME [import options...]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        ExecutionContext context = new ExecutionContext(
                home, home.resolve("conf"), System.out, System.err,
                new DefaultFileSystemAbstraction());
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        int code = new CommandLine(new ImportCommand.Full(context)).execute(options);
        System.exit(code);
    }
}
