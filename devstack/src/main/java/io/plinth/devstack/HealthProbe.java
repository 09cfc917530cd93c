package io.plinth.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** How the supervisor asks a component whether it is ready to serve. */
public interface HealthProbe {

    /** True when the component answers as healthy within {@code timeout}; never throws. */
    boolean healthy(Duration timeout);

    /** What is probed, for messages: "GET http://localhost:8081/actuator/health/readiness". */
    String describe();

    HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Spring Boot actuator: 200 means UP (DOWN and OUT_OF_SERVICE answer 503). */
    static HealthProbe http(URI uri) {
        return new HealthProbe() {
            @Override
            public boolean healthy(Duration timeout) {
                try {
                    HttpResponse<Void> response = HTTP.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    return response.statusCode() == 200;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (java.io.IOException e) {
                    return false;
                }
            }

            @Override
            public String describe() {
                return "GET " + uri;
            }
        };
    }

    /** An S3 API answers anything at all (403 to an unsigned request): it is serving. */
    static HealthProbe s3(URI endpoint) {
        return new HealthProbe() {
            @Override
            public boolean healthy(Duration timeout) {
                return io.plinth.embedded.S3ProxyServer.answers(endpoint);
            }

            @Override
            public String describe() {
                return "S3 API at " + endpoint;
            }
        };
    }

    /** A real login and query: the port alone can be open while PostgreSQL is still recovering. */
    static HealthProbe postgres(int port) {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        return new HealthProbe() {
            @Override
            public boolean healthy(Duration timeout) {
                Properties props = new Properties();
                props.setProperty("user", "postgres");
                props.setProperty("password", "postgres");
                props.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
                props.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
                try (Connection connection = DriverManager.getConnection(url, props);
                        Statement statement = connection.createStatement()) {
                    return statement.execute("select 1");
                } catch (SQLException e) {
                    return false;
                }
            }

            @Override
            public String describe() {
                return "select 1 on " + url;
            }
        };
    }

    /** The broker answers a metadata request and names itself as controller. */
    static HealthProbe kafka(int port) {
        String bootstrap = "localhost:" + port;
        return new HealthProbe() {
            @Override
            public boolean healthy(Duration timeout) {
                int millis = (int) timeout.toMillis();
                Map<String, Object> config = Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                        AdminClientConfig.CLIENT_ID_CONFIG, "plinth-devstack-probe");
                try (Admin admin = Admin.create(config)) {
                    return admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                            .controller().get(millis, TimeUnit.MILLISECONDS) != null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    return false;
                }
            }

            @Override
            public String describe() {
                return "Kafka metadata from " + bootstrap;
            }
        };
    }
}
