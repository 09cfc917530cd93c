package io.plinth.platform.health;

import com.netflix.appinfo.HealthCheckHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Eureka follows readiness: with {@code eureka.client.healthcheck.enabled} (a platform default) the
 * instance status is the {@code readiness} health group's, in place of Spring Cloud's handler, which
 * backs off when a {@link HealthCheckHandler} bean exists.
 */
@AutoConfiguration(before = EurekaDiscoveryClientConfiguration.class)
@ConditionalOnClass({HealthCheckHandler.class, HealthEndpoint.class})
@ConditionalOnProperty(name = "eureka.client.healthcheck.enabled", havingValue = "true")
public class PlinthHealthAutoConfiguration {

    /** The group Kubernetes probes as {@code /actuator/health/readiness}. */
    static final String READINESS_GROUP = "readiness";

    @Bean
    @ConditionalOnMissingBean(HealthCheckHandler.class)
    HealthCheckHandler plinthReadinessHealthCheckHandler(ObjectProvider<HealthEndpoint> health) {
        return new ReadinessHealthCheckHandler(health, READINESS_GROUP);
    }
}
