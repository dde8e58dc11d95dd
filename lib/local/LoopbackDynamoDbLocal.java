import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local bound to 127.0.0.1 only (lib/local/dynamodb.ts). DynamoDBLocal.jar has no option for the
 * listening address: its Jetty server is created with a port only, which listens on every interface. This
 * launcher builds the server exactly as the jar's own main does (same command-line options), sets the host
 * of its connectors to loopback, then starts it. Run with Java's source launcher (java -cp DynamoDBLocal.jar
 * LoopbackDynamoDbLocal.java ...), which needs a JDK (javac), as the README's Java 17 requirement says.
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    exitWhenParentGoes();
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("unexpected connector " + connector + ": refusing to listen unbound");
      }
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    proxy.join();
  }

  /**
   * The parent (the local runtime) holds this process's standard input open; when the parent ends in any way,
   * even killed by a test runner's timeout, the input closes and the server exits instead of living on as an
   * orphan that holds a core and a port.
   */
  private static void exitWhenParentGoes() {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {}
              } catch (java.io.IOException ignored) {
                // a broken input is a gone parent too
              }
              System.exit(0);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
