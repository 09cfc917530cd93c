package io.plinth.devstack;

import static io.plinth.devstack.Components.AUTH;
import static io.plinth.devstack.Components.DISCOVERY;
import static io.plinth.devstack.Components.GATEWAY;
import static io.plinth.devstack.Components.KAFKA;
import static io.plinth.devstack.Components.POSTGRES;
import static io.plinth.devstack.Components.S3;
import static io.plinth.devstack.Components.SANDBOX;
import static io.plinth.devstack.Components.VIDEO;

import io.plinth.embedded.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The platform as child processes: PostgreSQL, Kafka and the S3 object store first, then Eureka, then the five
 * services and the provider sandbox together, then the gateway. Services are configured only
 * through environment variables, with the same names docker-compose and k8s use, so the
 * devstack exercises the configuration paths production uses.
 */
public final class Topology {

    /** Marks a child's command line so a leftover from a killed devstack can be recognised. */
    static final String COMPONENT_MARKER = "-Dplinth.component=";

    static final int STAGE_INFRA = 0;
    static final int STAGE_DISCOVERY = 1;
    static final int STAGE_SERVICES = 2;
    static final int STAGE_GATEWAY = 3;

    private static final List<String> POSTGRES_HOLDER_JVM = List.of(
            "-Xms16m", "-Xmx48m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private static final List<String> KAFKA_JVM = List.of(
            "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxDirectMemorySize=128m", "-XX:+ExitOnOutOfMemoryError", "-Xshare:auto");

    /** The local object store's fixed credentials: a laptop's S3Proxy, nothing secret. */
    static final String S3_IDENTITY = "plinth";
    static final String S3_CREDENTIAL = "plinth-devstack-secret";
    /** {@code io.plinth.events.user.MailTokenSeal.DEVELOPMENT_KEY}: what auth-service seals with on a devstack. */
    static final String MAIL_TOKEN_DEVELOPMENT_KEY = "cGxpbnRoLWRldnN0YWNrLW1haWwtdG9rZW5zLW9ubHk=";
    /** The provider sandbox's SendGrid API key (provider-sandbox/application.yml). */
    static final String SANDBOX_SENDGRID_KEY = "SG.plinth-devstack.sandbox-api-key";

    private Topology() {
    }

    /**
     * Resolves every jar and the infrastructure classpath now, so a missing build is reported
     * before anything starts.
     */
    public static List<ComponentSpec> of(DevstackSettings settings) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String infraClasspath = infraClasspath(settings.root());
        List<ComponentSpec> specs = new ArrayList<>();

        int pg = settings.port(POSTGRES);
        String databases = String.join(",", new java.util.TreeSet<>(Components.DATABASES.values()));
        specs.add(infra(settings, POSTGRES, pg, List.of(), java, POSTGRES_HOLDER_JVM, infraClasspath,
                "io.plinth.devstack.infra.PostgresMain",
                // Always kept across a stop and start of the component: an outage drill must find its data
                // again. Without keepData the Devstack itself throws the data away when it starts and stops.
                List.of(Integer.toString(pg), settings.postgresDataDir().toString(), "true", databases),
                HealthProbe.postgres(pg)));

        int kafka = settings.port(KAFKA);
        specs.add(infra(settings, KAFKA, kafka, List.of(settings.port(Components.KAFKA_CONTROLLER)), java, KAFKA_JVM, infraClasspath,
                "io.plinth.devstack.infra.KafkaMain",
                List.of(Integer.toString(kafka), Integer.toString(settings.port(Components.KAFKA_CONTROLLER)),
                        settings.kafkaDataDir().toString(), "true"),
                HealthProbe.kafka(kafka)));

        int s3 = settings.port(S3);
        specs.add(objectStore(settings, s3, java));

        String eureka = "http://localhost:" + settings.port(DISCOVERY) + "/eureka/";

        Map<String, String> discoveryEnv = new LinkedHashMap<>();
        discoveryEnv.put("SERVER_PORT", Integer.toString(settings.port(DISCOVERY)));
        discoveryEnv.put("EUREKA_INSTANCE_HOSTNAME", "localhost");
        discoveryEnv.put("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", eureka);
        // A laptop platform should show a new instance in seconds, not after the 30 s cache refresh.
        discoveryEnv.put("EUREKA_SERVER_RESPONSECACHEUPDATEINTERVALMS", "3000");
        specs.add(boot(settings, DISCOVERY, STAGE_DISCOVERY, java, discoveryEnv, "/actuator/health"));

        for (String service : Components.SERVICES) {
            Map<String, String> env = clientEnvironment(settings, service, eureka);
            String database = Components.DATABASES.get(service);
            env.put("SPRING_R2DBC_URL", "r2dbc:postgresql://localhost:" + pg + "/" + database);
            env.put("SPRING_R2DBC_USERNAME", "postgres");
            env.put("SPRING_R2DBC_PASSWORD", "postgres");
            env.put("SPRING_FLYWAY_URL", "jdbc:postgresql://localhost:" + pg + "/" + database);
            env.put("SPRING_FLYWAY_USER", "postgres");
            env.put("SPRING_FLYWAY_PASSWORD", "postgres");
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafka);
            env.put("PLINTH_SANDBOX_URL", "http://localhost:" + settings.port(SANDBOX));
            if (service.equals(VIDEO)) {
                env.put("PLINTH_VIDEO_STORAGE_ENDPOINT", "http://127.0.0.1:" + s3);
                env.put("PLINTH_VIDEO_STORAGE_ACCESS_KEY", S3_IDENTITY);
                env.put("PLINTH_VIDEO_STORAGE_SECRET_KEY", S3_CREDENTIAL);
                // CapCut's completion webhooks come back through the gateway to the ingress.
                env.put("PLINTH_VIDEO_CAPCUT_WEBHOOK_URL",
                        "http://localhost:" + settings.port(GATEWAY) + "/api/v1/webhooks/capcut");
            }
            if (service.equals(Components.INTEGRATION)) {
                env.putAll(WebhookSecrets.forIngress());
                // The devstack's key for stored integration credentials (AES-256, 32 bytes); production's is a Secret.
                env.put("PLINTH_INTEGRATION_CREDENTIALS_KEYS", "devstack-1:cGxpbnRoLWRldnN0YWNrLWNyZWRlbnRpYWxzLWtleSE=");
                // The published development mail-token key, the one auth-service seals with on a laptop (ADR 0007).
                env.put("PLINTH_MAIL_TOKEN_KEY", MAIL_TOKEN_DEVELOPMENT_KEY);
                // Mail goes to the provider sandbox's SendGrid (its known key), so its mailbox shows every mail.
                env.put("SENDGRID_API_KEY", SANDBOX_SENDGRID_KEY);
            }
            if (service.equals(Components.PAYMENT)) {
                env.put("PLINTH_WEBHOOKS_MPESA_SECRET", WebhookSecrets.MPESA);
                // Daraja calls back through the gateway, wherever the devstack put it.
                env.put("MPESA_CALLBACK_BASE_URL", "http://localhost:" + settings.port(GATEWAY));
            }
            if (service.equals(AUTH)) {
                env.put("PLINTH_ADMIN_EMAIL", settings.adminEmail());
                env.put("PLINTH_ADMIN_PASSWORD", settings.adminPassword());
                // A laptop platform runs on the published development keys; compose and k8s never set this.
                env.put("PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY", "true");
            }
            specs.add(boot(settings, service, STAGE_SERVICES, java, env, "/actuator/health/readiness"));
        }

        Map<String, String> sandboxEnv = new LinkedHashMap<>();
        sandboxEnv.put("SERVER_PORT", Integer.toString(settings.port(SANDBOX)));
        // Webhooks go where providers' would: through the gateway to the ingress, signed with the ingress's secrets.
        sandboxEnv.putAll(WebhookSecrets.forSandbox("http://localhost:" + settings.port(GATEWAY)));
        specs.add(boot(settings, SANDBOX, STAGE_SERVICES, java, sandboxEnv, "/actuator/health"));

        // The console owns no data: it needs Eureka (the gateway finds it there) and calls the admin APIs
        // through the gateway, lazily, so it starts with the services.
        Map<String, String> consoleEnv = clientEnvironment(settings, Components.CONSOLE, eureka);
        consoleEnv.put("PLINTH_CONSOLE_API_URL", "http://localhost:" + settings.port(GATEWAY));
        specs.add(boot(settings, Components.CONSOLE, STAGE_SERVICES, java, consoleEnv, "/actuator/health/readiness"));

        Map<String, String> gatewayEnv = clientEnvironment(settings, GATEWAY, eureka);
        // Health and metrics on a port of their own that the gateway never routes (k8s probes use it too).
        int management = settings.port(Components.GATEWAY_MANAGEMENT);
        gatewayEnv.put("MANAGEMENT_SERVER_PORT", Integer.toString(management));
        ComponentSpec gateway = boot(settings, GATEWAY, STAGE_GATEWAY, java, gatewayEnv, "/actuator/health");
        specs.add(new ComponentSpec(gateway.name(), gateway.port(), List.of(management), gateway.stage(),
                gateway.command(), gateway.environment(), gateway.workDir(), gateway.logFile(),
                HealthProbe.http(URI.create("http://localhost:" + management + "/actuator/health")), gateway.url(),
                gateway.bootJar(), gateway.imageDir(), gateway.classDataSharing()));
        return List.copyOf(specs);
    }

    /**
     * S3Proxy from the jar the devstack build copied (it embeds its own Jetty, so it runs from its
     * own jar, not the devstack's classpath), buckets under {@code .plinth/s3}, kept across restarts.
     */
    private static ComponentSpec objectStore(DevstackSettings settings, int port, String java) {
        Path jar = settings.root().resolve("devstack").resolve("target").resolve("s3proxy").resolve("s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new DevstackException("S3Proxy is missing (" + settings.root().relativize(jar)
                    + ") — build the devstack first: ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>(S3ProxyServer.command(java, jar, port, settings.s3DataDir(),
                S3_IDENTITY, S3_CREDENTIAL, S3ProxyServer.defaultJvmOptions()));
        command.add(1, COMPONENT_MARKER + S3);
        // Its working directory is the bucket directory, so it exists before S3Proxy opens it.
        return new ComponentSpec(S3, port, List.of(), STAGE_INFRA, command, Map.of(), settings.s3DataDir(),
                settings.logFile(S3), HealthProbe.s3(URI.create("http://127.0.0.1:" + port)), null, null, null, false);
    }

    /** What every Eureka client gets: its port, where Eureka is, how to find auth's keys. */
    private static Map<String, String> clientEnvironment(DevstackSettings settings, String name, String eureka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(settings.port(name)));
        env.put("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", eureka);
        // Register as 127.0.0.1: a laptop's hostname may not resolve, or resolve to a VPN address.
        env.put("EUREKA_INSTANCE_PREFER_IP_ADDRESS", "true");
        env.put("EUREKA_INSTANCE_IP_ADDRESS", "127.0.0.1");
        env.put("EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "5");
        env.put("PLINTH_SECURITY_JWKS_URI",
                "http://localhost:" + settings.port(AUTH) + "/.well-known/jwks.json");
        // The readiness group is only on by default on Kubernetes; the devstack waits on it.
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        return env;
    }

    private static ComponentSpec boot(DevstackSettings settings, String name, int stage, String java,
            Map<String, String> env, String healthPath) {
        Path jar = jar(settings.root(), name);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(settings.serviceJvmOptions());
        command.add(COMPONENT_MARKER + name);
        String eurekaZone = env.get("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE");
        if (eurekaZone != null && !name.equals(DISCOVERY)) {
            // serviceUrl is a map: from an environment variable its key binds as "defaultzone", which
            // the Eureka client never reads, so a service without its own placeholder would quietly
            // register at localhost:8761. A system property keeps the key's case.
            command.add("-Deureka.client.service-url.defaultZone=" + eurekaZone);
        }
        URI base = URI.create("http://localhost:" + settings.port(name));
        env = new LinkedHashMap<>(env);
        // glibc gives each busy thread its own 64 MB malloc arena; two are plenty for an idle service.
        env.put("MALLOC_ARENA_MAX", "2");
        return new ComponentSpec(name, settings.port(name), List.of(), stage, command, env,
                settings.stateDir().resolve("work").resolve(name), settings.logFile(name),
                HealthProbe.http(base.resolve(healthPath)), base, jar, settings.stateDir().resolve("apps").resolve(name),
                settings.classDataSharing());
    }

    private static ComponentSpec infra(DevstackSettings settings, String name, int port, List<Integer> otherPorts,
            String java,
            List<String> jvm, String classpath, String mainClass, List<String> args, HealthProbe probe) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvm);
        command.add(COMPONENT_MARKER + name);
        // Library logging of the holder process goes to its log file, at INFO.
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return new ComponentSpec(name, port, otherPorts, STAGE_INFRA, command, Map.of(),
                settings.stateDir(), settings.logFile(name), probe, null, null, null, false);
    }

    /** The executable jar Spring Boot's repackage goal leaves in {@code MODULE/target}. */
    static Path jar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        List<Path> jars;
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jars = files.filter(p -> {
                    String file = p.getFileName().toString();
                    return file.startsWith(module + "-") && file.endsWith(".jar")
                            && !file.endsWith("-plain.jar") && !file.endsWith("-sources.jar")
                            && !file.endsWith("-javadoc.jar") && !file.endsWith("-tests.jar");
                }).sorted(Comparator.comparing(Topology::lastModified).reversed()).collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            jars = List.of();
        }
        if (jars.isEmpty()) {
            throw new DevstackException("no jar for " + module + " in " + root.relativize(target)
                    + " — build it first: ./mvnw install -DskipTests (./plinth up does this for you)");
        }
        return jars.get(0);
    }

    /**
     * The devstack's own classes plus the runtime classpath Maven wrote at build time: the
     * PostgreSQL and Kafka holder processes run from it.
     */
    static String infraClasspath(Path root) {
        Path target = root.resolve("devstack").resolve("target");
        Path classes = target.resolve("classes");
        Path listFile = target.resolve("runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(listFile)) {
            throw new DevstackException("the devstack module is not built (" + root.relativize(listFile)
                    + " missing) — build it first: ./mvnw install -DskipTests");
        }
        String entries;
        try {
            entries = Files.readString(listFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String entry : entries.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                throw new DevstackException("the devstack classpath names " + entry
                        + ", which is gone — rebuild: ./mvnw install -DskipTests");
            }
        }
        return classes + (entries.isEmpty() ? "" : java.io.File.pathSeparator + entries);
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
