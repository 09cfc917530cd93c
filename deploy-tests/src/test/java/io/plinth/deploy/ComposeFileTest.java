package io.plinth.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.plinth.deploy.Architecture.Workload;
import org.junit.jupiter.api.Test;

import static io.plinth.deploy.Architecture.DISCOVERY;
import static io.plinth.deploy.Architecture.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml: the devstack topology on containers, without the devstack's unsafe conveniences. */
class ComposeFileTest {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEY_ENCRYPTION_KEY|API_KEY|TOKEN).*");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void runsTheArchitecturesTopology() {
        Set<String> expected = new TreeSet<>(Set.of("postgres", "kafka", Architecture.OBJECT_STORE, Architecture.SANDBOX));
        Architecture.platform().forEach(w -> expected.add(w.name()));
        assertThat(compose.serviceNames()).isEqualTo(expected);
        assertThat(compose.volumes()).contains("pgdata", "kafkadata", "s3data");

        for (String name : compose.serviceNames()) {
            assertThat(compose.healthcheck(name)).as("%s has a health check", name).isNotBlank();
        }
        for (Workload w : Architecture.SERVICES) {
            Map<String, Object> build = ComposeFile.map(compose.service(w.name()), "build");
            assertThat(ComposeFile.map(build, "args")).as("%s is built from its module", w.name())
                    .containsEntry("MODULE", w.name());
            Set<String> infrastructure = new TreeSet<>(Set.of("postgres", "kafka", DISCOVERY));
            if (Architecture.OBJECT_STORE_CLIENTS.contains(w.name())) {
                infrastructure.add(Architecture.OBJECT_STORE);
            }
            assertThat(compose.dependsOn(w.name())).as("%s waits for its infrastructure", w.name())
                    .containsOnlyKeys(infrastructure.toArray(String[]::new))
                    .allSatisfy((dep, condition) -> assertThat(String.valueOf(condition)).contains("service_healthy"));
            assertThat(compose.healthcheck(w.name())).as("%s probes readiness on its own port", w.name())
                    .contains("localhost:" + w.metricsPort() + "/actuator/health/readiness");
        }
    }

    @Test
    void givesEveryWorkloadWhatItNeeds() {
        for (Workload w : Architecture.platform()) {
            Set<String> needed = new TreeSet<>(Architecture.REQUIRED_ENV.getOrDefault(w.name(), Set.of()));
            if (w.database() != null) {
                needed.addAll(Architecture.SERVICE_ENV);
            }
            if (!w.name().equals(DISCOVERY)) {
                needed.add("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE");
            }
            assertThat(compose.environment(w.name()).keySet()).as(w.name()).containsAll(needed);
            if (w.providers()) {
                assertThat(compose.environment(w.name())).containsEntry("PLINTH_SANDBOX_URL", "http://provider-sandbox:8090");
            }
        }
    }

    @Test
    void videoServiceStoresInTheObjectStoreAndTheSandboxKnowsItsProviderCredentials() {
        Map<String, String> video = compose.environment(Architecture.VIDEO);
        Map<String, String> store = compose.environment(Architecture.OBJECT_STORE);
        int port = Architecture.OBJECT_STORE_PORT;
        assertThat(video).containsEntry("PLINTH_VIDEO_STORAGE_ENDPOINT", "http://" + Architecture.OBJECT_STORE + ":" + port)
                .containsEntry("PLINTH_VIDEO_STORAGE_PATH_STYLE", "true")
                .containsEntry("PLINTH_VIDEO_STORAGE_CREATE_BUCKET", "true")
                .containsEntry("PLINTH_VIDEO_CAPCUT_WEBHOOK_URL", "http://gateway:8080/api/v1/webhooks/capcut");
        // Download URLs are signed for the host a browser uses: the store's port published on loopback.
        assertThat(compose.ports(Architecture.OBJECT_STORE)).containsExactly("127.0.0.1:" + port + ":" + port);
        assertThat(video.get("PLINTH_VIDEO_STORAGE_PUBLIC_ENDPOINT")).isEqualTo("http://localhost:" + port);
        // The store accepts exactly the identity the service signs with, from the same variables.
        assertThat(store).containsEntry("S3PROXY_IDENTITY", video.get("PLINTH_VIDEO_STORAGE_ACCESS_KEY"))
                .containsEntry("S3PROXY_CREDENTIAL", video.get("PLINTH_VIDEO_STORAGE_SECRET_KEY"))
                .containsEntry("S3PROXY_ENDPOINT", "http://0.0.0.0:" + port)
                .containsEntry("JCLOUDS_PROVIDER", "filesystem");
        assertThat(video.get("PLINTH_VIDEO_STORAGE_SECRET_KEY")).matches(REQUIRED.pattern());
        assertThat(String.valueOf(compose.service(Architecture.OBJECT_STORE).get("volumes"))).contains("s3data:");
        assertThat(compose.healthcheck(Architecture.OBJECT_STORE)).contains("/healthz").contains(String.valueOf(port));
        // The sandbox plays CapCut and VdoCipher: it must accept the credentials video-service sends.
        Map<String, String> sandbox = compose.environment(Architecture.SANDBOX);
        assertThat(sandbox).containsEntry("PLINTH_SANDBOX_CAPCUT_API_KEY", video.get("PLINTH_VIDEO_CAPCUT_API_KEY"))
                .containsEntry("PLINTH_SANDBOX_CAPCUT_API_SECRET", video.get("PLINTH_VIDEO_CAPCUT_API_SECRET"))
                .containsEntry("PLINTH_SANDBOX_VDOCIPHER_API_SECRET", video.get("PLINTH_VIDEO_VDOCIPHER_API_SECRET"))
                .containsEntry("PLINTH_SANDBOX_WEBHOOKS_CAPCUT_SECRETS",
                        compose.environment(Architecture.INTEGRATION).get("PLINTH_WEBHOOKS_CAPCUT_SECRET"));
    }

    @Test
    void publishesOnlyTheGatewayBeyondLoopback() {
        Map<String, List<String>> exposed = new LinkedHashMap<>();
        for (String name : compose.serviceNames()) {
            for (String port : compose.ports(name)) {
                boolean loopback = port.startsWith("127.0.0.1:");
                boolean gatewayApi = name.equals(GATEWAY) && port.endsWith(":8080") && !port.contains("8180");
                if (!loopback && !gatewayApi) {
                    exposed.computeIfAbsent(name, k -> new ArrayList<>()).add(port);
                }
            }
        }
        assertThat(exposed).as("ports published on every interface").isEmpty();
        assertThat(compose.ports(GATEWAY)).containsExactly("8080:8080");
    }

    @Test
    void everyServiceConnectsAsItsOwnDatabaseRole() {
        for (Workload w : Architecture.SERVICES) {
            Map<String, String> env = compose.environment(w.name());
            String db = w.database();
            assertThat(env).as(w.name())
                    .containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://postgres:5432/" + db)
                    .containsEntry("SPRING_FLYWAY_URL", "jdbc:postgresql://postgres:5432/" + db)
                    .containsEntry("SPRING_R2DBC_USERNAME", db)
                    .containsEntry("SPRING_FLYWAY_USER", db);
            String password = passwordVariable(db);
            assertThat(env.get("SPRING_R2DBC_PASSWORD")).as(w.name()).matches("\\$\\{" + password + ":\\?[^}]+}");
            assertThat(env.get("SPRING_FLYWAY_PASSWORD")).as(w.name()).isEqualTo(env.get("SPRING_R2DBC_PASSWORD"));
            // The init script creates the role from the same variable, so postgres must be given it.
            assertThat(compose.environment("postgres").get(password)).as("postgres gets " + password)
                    .isEqualTo(env.get("SPRING_R2DBC_PASSWORD"));
        }
        assertThat(String.valueOf(compose.service("postgres").get("volumes")))
                .contains("./docker/postgres-init.sh:/docker-entrypoint-initdb.d/");
    }

    @Test
    void refusesToStartWithoutItsSecrets() {
        List<String> optionalSecrets = new ArrayList<>();
        for (String name : compose.serviceNames()) {
            compose.environment(name).forEach((key, value) -> {
                if (SECRET_NAME.matcher(key).matches() && (value == null || !REQUIRED.matcher(value).find())) {
                    optionalSecrets.add(name + ": " + key + "=" + value);
                }
            });
        }
        assertThat(optionalSecrets).as("secrets with a default or empty value").isEmpty();

        Map<String, Set<String>> variables = compose.variables();
        List<String> secretsWithDefaults = variables.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
                .filter(e -> !e.getValue().equals(Set.of(":?")))
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        assertThat(secretsWithDefaults).as("secret variables used without :?").isEmpty();

        assertThat(compose.environment(Architecture.AUTH).get("PLINTH_AUTH_KEY_ENCRYPTION_KEY"))
                .matches(REQUIRED.pattern());
        for (String name : compose.serviceNames()) {
            assertThat(compose.environment(name)).as(name).doesNotContainKey(Architecture.DEVELOPMENT_KEY_FLAG);
        }
    }

    @Test
    void documentsEveryRequiredVariableInEnvExample() throws IOException {
        List<String> lines = Files.readAllLines(Architecture.root().resolve(".env.example"));
        Map<String, String> example = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                assertThat(i).as("%s has a comment above it", line).isPositive();
                assertThat(lines.get(i - 1)).as("the line above %s explains it", line).startsWith("#");
                example.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        Set<String> required = compose.variables().entrySet().stream().filter(e -> e.getValue().contains(":?"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(required).isNotEmpty();
        assertThat(example.keySet()).containsAll(required);
        // A copied example must not start the stack with values everyone knows.
        required.stream().filter(v -> SECRET_NAME.matcher(v).matches())
                .forEach(v -> assertThat(example.get(v)).as("%s in .env.example", v).isEmpty());
    }

    @Test
    void keepsEurekaBehindCredentials() {
        Map<String, String> discovery = compose.environment(DISCOVERY);
        assertThat(discovery.get("PLINTH_DISCOVERY_PASSWORD")).matches(REQUIRED.pattern());
        assertThat(discovery).containsKey("PLINTH_DISCOVERY_USERNAME");
        List<String> clients = new ArrayList<>(List.of(GATEWAY));
        Architecture.SERVICES.forEach(w -> clients.add(w.name()));
        for (String client : clients) {
            String zone = compose.environment(client).get("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE");
            assertThat(zone).as(client + " registers with credentials")
                    .matches("http://\\$\\{PLINTH_DISCOVERY_USERNAME[^}]*}:\\$\\{PLINTH_DISCOVERY_PASSWORD:\\?[^}]+}"
                            + "@discovery:8761/eureka/");
        }
    }

    @Test
    void probesTheGatewayOnItsManagementPort() {
        Map<String, String> env = compose.environment(GATEWAY);
        assertThat(env).containsEntry("MANAGEMENT_SERVER_PORT", "8180");
        assertThat(compose.healthcheck(GATEWAY)).contains("localhost:8180/actuator/health/readiness");
        assertThat(env).doesNotContainKey("PLINTH_GATEWAY_TRUSTED_PROXIES"); // published directly: the peer is the client
    }

    private static String passwordVariable(String database) {
        return database.toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD";
    }
}
