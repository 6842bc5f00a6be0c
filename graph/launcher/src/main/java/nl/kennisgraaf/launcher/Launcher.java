package nl.kennisgraaf.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with the Bolt connector on loopback only, until SIGTERM
 * (or until the process named by --exit-with-pid ends, so a test run never leaves an orphan).
 *
 * <p>With --auth, Bolt requires a user name and password, as a production server does: the user
 * neo4j gets the password in the environment variable KENNISGRAAF_NEO4J_AUTH_PASSWORD (never on
 * the command line, where every user of the machine could read it).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        Path home = null;
        int port = 7687;
        long pageCacheMb = 256;
        long exitWithPid = -1;
        boolean auth = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--page-cache-mb" -> pageCacheMb = Long.parseLong(args[++i]);
                case "--exit-with-pid" -> exitWithPid = Long.parseLong(args[++i]);
                case "--auth" -> auth = true;
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (home == null) {
            System.err.println("--home DIR is required");
            System.exit(2);
        }
        String password = System.getenv("KENNISGRAAF_NEO4J_AUTH_PASSWORD");
        if (auth && (password == null || password.length() < 8)) {
            System.err.println("--auth needs KENNISGRAAF_NEO4J_AUTH_PASSWORD of at least 8 characters");
            System.exit(2);
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                // Without --auth, loopback is the only protection.
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // The default page cache takes half the RAM.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .build();
        if (auth) {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "kennisgraaf-neo4j-shutdown"));
        if (exitWithPid > 0) {
            ProcessHandle.of(exitWithPid).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
        System.out.println("kennisgraaf-neo4j ready bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
