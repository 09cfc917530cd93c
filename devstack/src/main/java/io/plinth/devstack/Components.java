package io.plinth.devstack;

import java.util.List;
import java.util.Map;

/** The names, default ports and databases of everything the devstack runs. */
public final class Components {

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    /** The S3-compatible object store (S3Proxy, filesystem backend): video-service's storage. */
    public static final String S3 = "s3";
    public static final String DISCOVERY = "discovery";
    public static final String AUTH = "auth-service";
    public static final String CREDIT = "credit-service";
    public static final String PAYMENT = "payment-service";
    public static final String VIDEO = "video-service";
    public static final String INTEGRATION = "integration-service";
    public static final String SANDBOX = "provider-sandbox";
    /** The operators' web console: no database; it calls the admin APIs through the gateway. */
    public static final String CONSOLE = "console";
    public static final String GATEWAY = "gateway";

    /** Not a component: the KRaft controller listener of the {@link #KAFKA} process. */
    public static final String KAFKA_CONTROLLER = "kafka-controller";

    /** Not a component: the {@link #GATEWAY}'s management port (health, metrics), which it never routes. */
    public static final String GATEWAY_MANAGEMENT = "gateway-management";

    /** Ports that belong to a component but are not one. */
    static final List<String> EXTRA_PORTS = List.of(KAFKA_CONTROLLER, GATEWAY_MANAGEMENT);

    /** Every component, in start order. */
    public static final List<String> ALL = List.of(
            POSTGRES, KAFKA, S3, DISCOVERY, AUTH, CREDIT, PAYMENT, VIDEO, INTEGRATION, SANDBOX, CONSOLE, GATEWAY);

    /** The five business services, each with its own database of the same short name. */
    public static final Map<String, String> DATABASES = Map.of(
            AUTH, "auth",
            CREDIT, "credit",
            PAYMENT, "payment",
            VIDEO, "video",
            INTEGRATION, "integration");

    /** Every port the devstack binds: one per component plus the Kafka controller's and the gateway's management. */
    public static final List<String> PORT_NAMES = java.util.stream.Stream
            .concat(ALL.stream(), EXTRA_PORTS.stream()).toList();

    public static final List<String> SERVICES = List.of(AUTH, CREDIT, PAYMENT, VIDEO, INTEGRATION);

    /** What the gateway routes to, each with a public path that proves it: the services' OpenAPI documents, the console's sign-in page. */
    static String routedProbePath(String name) {
        return CONSOLE.equals(name) ? "/console/login" : "/docs/" + name + "/v3/api-docs";
    }

    /** The fixed ports of the local platform (README, ARCHITECTURE.md). */
    public static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(
            Map.entry(POSTGRES, 15432),
            Map.entry(KAFKA, 9092),
            Map.entry(KAFKA_CONTROLLER, 9093),
            Map.entry(S3, 9000),
            Map.entry(DISCOVERY, 8761),
            Map.entry(AUTH, 8081),
            Map.entry(CREDIT, 8082),
            Map.entry(PAYMENT, 8083),
            Map.entry(VIDEO, 8084),
            Map.entry(INTEGRATION, 8085),
            Map.entry(SANDBOX, 8090),
            Map.entry(CONSOLE, 8086),
            Map.entry(GATEWAY, 8080),
            Map.entry(GATEWAY_MANAGEMENT, 8180));

    private Components() {
    }

    static void requireKnown(String name) {
        if (!ALL.contains(name)) {
            throw new DevstackException("unknown component '" + name + "' — one of: " + String.join(", ", ALL));
        }
    }
}
