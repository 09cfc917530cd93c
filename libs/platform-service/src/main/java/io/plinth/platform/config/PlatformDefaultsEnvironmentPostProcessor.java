package io.plinth.platform.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Plinth service shares, added as the LAST (lowest-precedence) property source:
 * a service's application.yml, environment variables and command line all override them, and
 * each service's own configuration stays a few lines long.
 *
 * <p>Set {@code PLINTH_LOG_FORMAT=text} (property {@code plinth.log.format}) for human-readable
 * console logs instead of JSON.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "plinthPlatformDefaults";
    public static final String LOG_FORMAT_PROPERTY = "plinth.log.format";

    /** After ConfigData (application.yml) is loaded, so the log-format switch can live there too. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        String logFormat = environment.getProperty(LOG_FORMAT_PROPERTY, "json").trim().toLowerCase(Locale.ROOT);
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
                defaults(logFormat, buildVersion(application))));
    }

    /**
     * The version Maven wrote into the jar's manifest (Implementation-Version), as Spring Boot's banner reads it; null
     * when not run from a built jar (an IDE, a test).
     */
    static String buildVersion(SpringApplication application) {
        Class<?> main = application.getMainApplicationClass();
        return main == null || main.getPackage() == null ? null : main.getPackage().getImplementationVersion();
    }

    static Map<String, Object> defaults(String logFormat) {
        return defaults(logFormat, null);
    }

    static Map<String, Object> defaults(String logFormat, String buildVersion) {
        Map<String, Object> d = new LinkedHashMap<>();

        // Actuator: what k8s probes, Prometheus and ops need; nothing else is exposed.
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.group.liveness.include", "livenessState");
        // Readiness is what a service cannot answer without: its own database (r2dbc, Boot's ConnectionFactory
        // contributor). Not Kafka: writes go to the outbox and wait there, so a broker outage must not pull
        // every instance out of routing at once; the kafka component stays visible in /actuator/health.
        d.put("management.endpoint.health.group.readiness.include", "readinessState,r2dbc");
        // A service without a database (gateway, sandbox) shares these groups: members it lacks are skipped.
        d.put("management.endpoint.health.validate-group-membership", "false");
        d.put("management.endpoint.health.show-components", "always");
        d.put("management.endpoint.health.show-details", "when-authorized");
        d.put("management.endpoint.health.roles", "ADMIN");
        d.put("management.info.env.enabled", "true");
        d.put("management.metrics.tags.application", "${spring.application.name:plinth}");
        d.put("management.observations.key-values.application", "${spring.application.name:plinth}");

        // A connection the pool cannot hand out or open in time is an error, not a wait without end: a health
        // check or request stuck on acquire would otherwise hold its thread (Eureka's status replicator
        // included, which then never reports the instance UP) until the pool shuts down.
        d.put("spring.r2dbc.pool.max-acquire-time", "10s");
        d.put("spring.r2dbc.pool.max-create-connection-time", "10s");

        // Flyway: the platform's tables (outbox, inbox, idempotency keys) first, then the service's own.
        d.put("spring.flyway.locations", "classpath:db/platform,classpath:db/migration");
        // A new platform migration (V0_x) sorts below the service's own (V1…) that a database already
        // has; without out-of-order, Flyway refuses to start ("resolved migration not applied").
        d.put("spring.flyway.out-of-order", "true");

        // OpenAPI per service at a stable path the gateway aggregates.
        d.put("springdoc.api-docs.path", "/v3/api-docs");
        d.put("springdoc.swagger-ui.path", "/swagger-ui.html");

        // Bodies above 1 MB are refused with 413 (problem+json) instead of buffering without limit.
        d.put("spring.http.codecs.max-in-memory-size", "1MB");

        // Graceful shutdown: finish in-flight requests on SIGTERM before the pod goes away.
        d.put("server.shutdown", "graceful");
        d.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");

        // Eureka: pods register by IP and report their readiness (io.plinth.platform.health), not just "process alive".
        d.put("eureka.instance.prefer-ip-address", "true");
        d.put("eureka.instance.health-check-url-path", "/actuator/health");
        d.put("eureka.instance.status-page-url-path", "/actuator/info");
        d.put("eureka.instance.lease-renewal-interval-in-seconds", "10");
        d.put("eureka.instance.lease-expiration-duration-in-seconds", "30");
        d.put("eureka.client.healthcheck.enabled", "true");
        // A health change reaches Eureka on the next instance-info replication, by default 30 s (40 s for the
        // first): a service that reported DOWN for a moment while starting stayed unroutable that long.
        d.put("eureka.client.instance-info-replication-interval-seconds", "5");
        d.put("eureka.client.initial-instance-info-replication-interval-seconds", "5");
        // serviceUrl is a map: from the environment variable alone its key would bind as "defaultzone",
        // which the Eureka client never reads, and the service would quietly register at localhost.
        d.put("eureka.client.service-url.defaultZone",
                "${EUREKA_CLIENT_SERVICEURL_DEFAULTZONE:http://localhost:8761/eureka/}");
        d.put("eureka.client.registry-fetch-interval-seconds", "10");
        // What each instance runs, for the console's overview (it reads the registry, not every service).
        if (buildVersion != null) {
            d.put("eureka.instance.metadata-map.version", buildVersion);
        }

        // Spring Security's own observations (a span and timer per filter-chain phase, authentication and
        // authorization) add nothing the HTTP server observation does not show, and with automatic context
        // propagation each one is opened and restored around every Reactor signal of the request.
        d.put("management.observations.enable.spring.security", "false");

        // Trace id, span id and request id follow the request across threads into the MDC.
        d.put("spring.reactor.context-propagation", "auto");
        d.put("logging.pattern.correlation",
                "[${spring.application.name:},%X{traceId:-},%X{spanId:-},%X{requestId:-}] ");
        d.put("logging.include-application-name", "false");
        if (!"text".equals(logFormat)) {
            // ECS JSON: MDC entries (traceId, spanId, requestId) become top-level members of each line.
            d.put("logging.structured.format.console", "ecs");
        }
        return d;
    }
}
