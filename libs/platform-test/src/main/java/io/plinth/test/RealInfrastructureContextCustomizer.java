package io.plinth.test;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points one application context at the JVM's PostgreSQL (a database of its own) and Kafka broker.
 *
 * <p>Equality decides context caching: Spring keys its context cache on the merged configuration, which includes
 * the customizers. All instances are equal, so {@code @RealInfrastructure} adds nothing that tells two test classes
 * apart and classes that are otherwise configured alike share one context. The database is created in
 * {@link #customizeContext}, which runs once per context actually built, never for a cache hit.
 */
final class RealInfrastructureContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "plinthRealInfrastructure";
    static final String DATABASE_PROPERTY = "plinth.test.database";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        String database = PlatformInfrastructure.newDatabase(mergedConfig.getTestClass().getSimpleName());
        PostgresServer postgres = PlatformInfrastructure.postgres();

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(DATABASE_PROPERTY, database);
        properties.put("spring.r2dbc.url", postgres.r2dbcUrl(database));
        properties.put("spring.r2dbc.username", postgres.username());
        properties.put("spring.r2dbc.password", postgres.password());
        properties.put("spring.flyway.url", postgres.jdbcUrl(database));
        properties.put("spring.flyway.user", postgres.username());
        properties.put("spring.flyway.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", PlatformInfrastructure.kafka().bootstrapServers());
        // No discovery server runs in tests: a service context must start without trying to register.
        properties.put("eureka.client.enabled", "false");
        properties.put("spring.cloud.discovery.enabled", "false");
        properties.put("spring.cloud.service-registry.auto-registration.enabled", "false");

        addBelowTestProperties(context.getEnvironment(), new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
    }

    /**
     * Above system properties, environment variables and application.yml (a CI runner's {@code SPRING_R2DBC_URL} must
     * not send tests elsewhere), below what the test itself declares (inlined and dynamic test properties, which
     * Spring puts first).
     */
    private static void addBelowTestProperties(ConfigurableEnvironment environment, MapPropertySource source) {
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return "RealInfrastructure";
    }
}
