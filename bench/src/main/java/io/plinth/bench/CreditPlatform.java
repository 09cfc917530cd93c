package io.plinth.bench;

import static io.plinth.bench.Env.env;
import static io.plinth.bench.Env.freePort;
import static io.plinth.bench.Env.portEnv;

import io.plinth.embedded.KafkaNode;
import io.plinth.test.security.TestTokens;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the credit bench measures: credit-service's jar against the PostgreSQL named by the
 * environment (the one pgbench measured) and a real KRaft broker in this JVM, or an endpoint already
 * running (BENCH_TARGET_URL); and for the gateway runs, discovery (Eureka) and the gateway's jar on
 * loopback ports, the service registered with that Eureka, the gateway validating tokens against this
 * JVM's JWKS as the service does.
 *
 * @param gateway   null when the gateway runs are skipped
 * @param servicePid -1 when the service was not started here
 * @param gatewayPid -1 without a gateway
 */
record CreditPlatform(String target, String gateway, long servicePid, long gatewayPid, Children.Child gatewayChild,
        KafkaNode kafka) implements AutoCloseable {

    static final String SERVICE_LOG = env("BENCH_SERVICE_LOG", "/tmp/credit-bench-service.log");
    static final String GATEWAY_LOG = "/tmp/credit-bench-gateway.log";

    /** Starts what is needed, each child awaited until healthy; {@code children} stops them. */
    static CreditPlatform start(Children children, int pool, boolean viaGateway) throws Exception {
        String target = System.getenv("BENCH_TARGET_URL");
        boolean startService = target == null || target.isBlank();
        boolean startGateway = viaGateway && startService;
        String eurekaZone = null;
        if (startGateway) {
            int eurekaPort = portEnv("BENCH_EUREKA_PORT");
            eurekaZone = "http://127.0.0.1:" + eurekaPort + "/eureka/";
            children.startDiscovery(eurekaPort, "/tmp/credit-bench-discovery.log");
        }
        KafkaNode kafka = null;
        long servicePid = -1;
        if (startService) {
            kafka = KafkaNode.onFreePorts(Files.createTempDirectory("bench-kafka")).start();
            int port = freePort();
            servicePid = startService(children, port, pool, kafka.bootstrapServers(), eurekaZone).pid();
            target = "http://localhost:" + port;
        }
        if (!startGateway) {
            return new CreditPlatform(target, null, servicePid, -1, null, kafka);
        }
        int gatewayPort = portEnv("BENCH_GATEWAY_PORT");
        Children.Child gateway = startGateway(children, gatewayPort, eurekaZone);
        return new CreditPlatform(target, "http://127.0.0.1:" + gatewayPort, servicePid, gateway.pid(), gateway, kafka);
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Children.Child startService(Children children, int port, int pool, String kafka, String eurekaZone)
            throws java.io.IOException {
        String jar = env("BENCH_SERVICE_JAR", "credit-service/target/credit-service-0.1.0-SNAPSHOT.jar");
        String pg = "//" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25432") + "/" + env("BENCH_DATABASE", "credit");
        String javaOpts = "-Xmx768m " + env("BENCH_SERVICE_JAVA_OPTS", "");
        if (eurekaZone != null) {
            // A system property: from an environment variable the serviceUrl map key binds as "defaultzone".
            javaOpts += " -Deureka.client.service-url.defaultZone=" + eurekaZone;
        }
        Map<String, String> e = new LinkedHashMap<>();
        e.putAll(Env.serviceOnDatabase(port, pg));
        e.put("SPRING_R2DBC_POOL_MAX_SIZE", env("BENCH_POOL", Integer.toString(pool)));
        e.put("SPRING_R2DBC_POOL_INITIAL_SIZE", env("BENCH_POOL", Integer.toString(pool)));
        e.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        e.put("PLINTH_SECURITY_JWKS_URI", TestTokens.jwksUri());
        if (eurekaZone != null) {
            // Register as 127.0.0.1 (loopback only), and renew/fetch often enough to be routable in seconds.
            e.put("EUREKA_INSTANCE_PREFER_IP_ADDRESS", "true");
            e.put("EUREKA_INSTANCE_IP_ADDRESS", "127.0.0.1");
            e.put("EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "5");
        } else {
            e.put("EUREKA_CLIENT_ENABLED", "false");
            e.put("SPRING_CLOUD_DISCOVERY_ENABLED", "false");
        }
        // glibc's default malloc arenas, as in every figure in bench/README.md.
        return children.start("credit-service", jar, javaOpts, List.of(), e, port, port, "/actuator/health/readiness",
                SERVICE_LOG);
    }

    private static Children.Child startGateway(Children children, int port, String eurekaZone) throws java.io.IOException {
        String extra = env("BENCH_GATEWAY_ARGS", "");
        return children.startGateway(port, eurekaZone,
                extra.isBlank() ? List.of() : Arrays.asList(extra.trim().split("\\s+")), GATEWAY_LOG);
    }
}
