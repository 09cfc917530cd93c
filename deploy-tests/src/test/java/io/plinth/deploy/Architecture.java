package io.plinth.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts from ARCHITECTURE.md that the deployment artefacts must agree with, written once: which
 * workloads exist, their ports and databases, the Kafka topics each writes and reads, and who calls whom.
 * Every check in this module compares the files against this, so a new service or edge is one entry here.
 */
final class Architecture {

    /**
     * One deployable.
     *
     * @param name        the module, the container, the Service and {@code spring.application.name}
     * @param port        where it serves HTTP
     * @param metricsPort where its actuator answers (the gateway's is a separate, unrouted management port)
     * @param database    its own PostgreSQL database, or null
     * @param produces    the topics it writes (its outbox)
     * @param consumes    the topics it reads; it also writes their {@code .dlt}
     * @param calls       the other workloads it calls over HTTP
     * @param providers   whether it calls third-party provider APIs (internet egress in prod, the sandbox in dev)
     */
    record Workload(String name, int port, int metricsPort, String database, Set<String> produces,
            Set<String> consumes, Set<String> calls, boolean providers) {

        boolean usesKafka() {
            return !produces.isEmpty() || !consumes.isEmpty();
        }
    }

    static final String DISCOVERY = "discovery";
    static final String GATEWAY = "gateway";
    static final String AUTH = "auth-service";
    static final String CREDIT = "credit-service";
    static final String PAYMENT = "payment-service";
    static final String VIDEO = "video-service";
    static final String INTEGRATION = "integration-service";
    static final String SANDBOX = "provider-sandbox";
    static final String CONSOLE = "console";

    static final String USERS = "plinth.users.v1";
    static final String PAYMENTS = "plinth.payments.v1";
    static final String CREDITS = "plinth.credits.v1";
    static final String VIDEOS = "plinth.videos.v1";
    static final String WEBHOOKS = "plinth.webhooks.v1";
    static final String SIGNATURES = "plinth.signatures.v1";

    /** Every service checks tokens against auth-service's JWKS, so every one calls auth-service. */
    static final List<Workload> SERVICES = List.of(
            new Workload(AUTH, 8081, 8081, "auth", Set.of(USERS), Set.of(), Set.of(), false),
            // credit-service also takes user.registered (the starting grant), which the topic table omits.
            new Workload(CREDIT, 8082, 8082, "credit", Set.of(CREDITS), Set.of(USERS, PAYMENTS, VIDEOS),
                    Set.of(AUTH), false),
            new Workload(PAYMENT, 8083, 8083, "payment", Set.of(PAYMENTS), Set.of(WEBHOOKS), Set.of(AUTH), true),
            new Workload(VIDEO, 8084, 8084, "video", Set.of(VIDEOS), Set.of(PAYMENTS, WEBHOOKS, SIGNATURES),
                    Set.of(AUTH, CREDIT), true),
            new Workload(INTEGRATION, 8085, 8085, "integration", Set.of(WEBHOOKS, SIGNATURES),
                    Set.of(USERS, PAYMENTS, CREDITS, VIDEOS, WEBHOOKS), Set.of(AUTH), true));

    static final Workload GATEWAY_WORKLOAD = new Workload(GATEWAY, 8080, 8180, null, Set.of(), Set.of(),
            Set.of(AUTH, CREDIT, PAYMENT, VIDEO, INTEGRATION, CONSOLE), false);

    /** The admin console: no data of its own; it calls the admin APIs through the gateway (ADR 0008). */
    static final Workload CONSOLE_WORKLOAD = new Workload(CONSOLE, 8086, 8086, null, Set.of(), Set.of(),
            Set.of(GATEWAY), false);

    static final Workload DISCOVERY_WORKLOAD = new Workload(DISCOVERY, 8761, 8761, null, Set.of(), Set.of(),
            Set.of(DISCOVERY), false);

    static final Workload SANDBOX_WORKLOAD = new Workload(SANDBOX, 8090, 8090, null, Set.of(), Set.of(),
            Set.of(), false);

    /** The gateway, the console and the five services: everything that registers in Eureka and scales horizontally. */
    static List<Workload> scaled() {
        return concat(List.of(GATEWAY_WORKLOAD, CONSOLE_WORKLOAD), SERVICES);
    }

    /** Everything Plinth runs in every environment (the sandbox only in dev). */
    static List<Workload> platform() {
        return concat(List.of(DISCOVERY_WORKLOAD, GATEWAY_WORKLOAD, CONSOLE_WORKLOAD), SERVICES);
    }

    static Optional<Workload> byName(String name) {
        return concat(platform(), List.of(SANDBOX_WORKLOAD)).stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * Environment variables each workload must be given outside the devstack (on top of where PostgreSQL,
     * Kafka, Eureka and the JWKS are), whatever the run mode.
     */
    static final Map<String, Set<String>> REQUIRED_ENV = Map.of(
            AUTH, Set.of("PLINTH_AUTH_KEY_ENCRYPTION_KEY", "PLINTH_MAIL_TOKEN_KEY", "PLINTH_ADMIN_EMAIL", "PLINTH_ADMIN_PASSWORD"),
            INTEGRATION, Set.of("PLINTH_INTEGRATION_CREDENTIALS_KEYS", "PLINTH_MAIL_TOKEN_KEY"),
            // Its object store and its providers' credentials: without them it would use the devstack's.
            VIDEO, Set.of("PLINTH_VIDEO_STORAGE_ENDPOINT", "PLINTH_VIDEO_STORAGE_REGION", "PLINTH_VIDEO_STORAGE_BUCKET",
                    "PLINTH_VIDEO_STORAGE_PATH_STYLE", "PLINTH_VIDEO_STORAGE_CREATE_BUCKET",
                    "PLINTH_VIDEO_STORAGE_ACCESS_KEY", "PLINTH_VIDEO_STORAGE_SECRET_KEY",
                    "PLINTH_VIDEO_VDOCIPHER_API_SECRET", "PLINTH_VIDEO_CAPCUT_API_KEY", "PLINTH_VIDEO_CAPCUT_API_SECRET",
                    "PLINTH_VIDEO_CAPCUT_WEBHOOK_URL", "PLINTH_VIDEO_CAPCUT_CALLBACK_SECRET"),
            PAYMENT, Set.of("STRIPE_API_BASE", "STRIPE_SECRET_KEY", "MPESA_API_BASE", "MPESA_CONSUMER_KEY",
                    "MPESA_CONSUMER_SECRET", "MPESA_SHORTCODE", "MPESA_PASSKEY", "MPESA_CALLBACK_BASE_URL",
                    "PLINTH_WEBHOOKS_MPESA_SECRET", "PIPIT_API_BASE", "PIPIT_API_KEY"),
            GATEWAY, Set.of("MANAGEMENT_SERVER_PORT", "PLINTH_SECURITY_JWKS_URI"),
            DISCOVERY, Set.of("PLINTH_DISCOVERY_USERNAME", "PLINTH_DISCOVERY_PASSWORD"));

    /**
     * The S3-compatible object store: the compose service and, in the dev cluster, the Service the overlay
     * expects (pods labelled {@code plinth.io/datastore=s3}); production uses S3/R2 over HTTPS.
     */
    static final String OBJECT_STORE = "s3";
    static final int OBJECT_STORE_PORT = 9000;
    /** The workloads that read and write objects. */
    static final Set<String> OBJECT_STORE_CLIENTS = Set.of(VIDEO);

        /** Every service with a database and Kafka needs these. */
    static final Set<String> SERVICE_ENV = Set.of("SPRING_R2DBC_URL", "SPRING_R2DBC_USERNAME", "SPRING_R2DBC_PASSWORD",
            "SPRING_FLYWAY_URL", "SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
            "EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", "PLINTH_SECURITY_JWKS_URI");

    /** The devstack-only switch that lets auth-service start on the public development key. */
    static final String DEVELOPMENT_KEY_FLAG = "PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY";

    static Path root() {
        return Path.of(System.getProperty("plinth.root", "..")).toAbsolutePath().normalize();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<? extends T>... lists) {
        return java.util.Arrays.stream(lists).<T>flatMap(List::stream).toList();
    }

    private Architecture() {
    }
}
