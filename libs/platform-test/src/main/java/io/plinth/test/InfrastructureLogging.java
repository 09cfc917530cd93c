package io.plinth.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the embedded broker's and PostgreSQL's INFO chatter (thousands of lines of broker configuration on every
 * start) out of test output, so a failing test's own log stays readable. Warnings and errors still show.
 *
 * <p>Two halves, because Spring re-initialises logging for every application context: levels are set directly
 * before the infrastructure starts, and an {@link EnvironmentPostProcessor} (registered in
 * {@code META-INF/spring.factories}) adds the same levels as lowest-precedence defaults to every test context, which
 * a test or service can still override with {@code logging.level.*}.
 */
public final class InfrastructureLogging implements EnvironmentPostProcessor, Ordered {

    static final List<String> INFRASTRUCTURE_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.common.config.AbstractConfig",
            "io.zonky.test.db.postgres",
            "org.testcontainers",
            "tc");

    private static final String PROPERTY_SOURCE_NAME = "plinthTestInfrastructureLogging";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        Map<String, Object> levels = new LinkedHashMap<>();
        INFRASTRUCTURE_LOGGERS.forEach(logger -> levels.put("logging.level." + logger, "WARN"));
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, levels));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** For the first start, which may come before any Spring context (plain JUnit tests). */
    static void quietInfrastructureLoggers() {
        LoggingSystem logging = LoggingSystem.get(InfrastructureLogging.class.getClassLoader());
        INFRASTRUCTURE_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.WARN));
    }
}
