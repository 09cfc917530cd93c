package io.plinth.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.HealthCheckHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration;
import org.springframework.cloud.netflix.eureka.config.DiscoveryClientOptionalArgsConfiguration;

class PlinthHealthAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EurekaDiscoveryClientConfiguration.class, PlinthHealthAutoConfiguration.class))
            .withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class, EurekaClientAutoConfiguration.class,
                    DiscoveryClientOptionalArgsConfiguration.class))
            // A real Eureka client that neither registers nor fetches: nothing to reach.
            .withPropertyValues("eureka.client.healthcheck.enabled=true", "eureka.client.register-with-eureka=false",
                    "eureka.client.fetch-registry=false");

    @Test
    void theReadinessHandlerReplacesSpringCloudsAggregateOfEveryContributor() {
        contexts.run(context -> {
            assertThat(context).getBean(HealthCheckHandler.class).isInstanceOf(ReadinessHealthCheckHandler.class);
        });
    }
}
