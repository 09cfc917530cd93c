package io.plinth.platform.idempotency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import io.plinth.platform.security.CrossAppTokenVerifier;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import io.plinth.platform.problem.ProblemAutoConfiguration;
import io.plinth.platform.problem.ProblemExceptionHandler;

/**
 * Idempotency-Key support for every reactive service with an R2DBC database. The table comes from
 * the platform migration {@code db/platform/V0_2__idempotency_keys.sql}.
 */
@AutoConfiguration(after = ProblemAutoConfiguration.class,
        afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(DatabaseClient.class)
@ConditionalOnBean({ConnectionFactory.class, ProblemExceptionHandler.class})
@ConditionalOnBooleanProperty(name = "plinth.idempotency.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    /** Must match the codec limit so a body too large for the handler is also too large to hash. */
    private static final DataSize DEFAULT_MAX_BODY = DataSize.ofMegabytes(1);

    @Bean
    @ConditionalOnMissingBean
    public IdempotencyCallerResolver plinthIdempotencyCallerResolver(ObjectProvider<CrossAppTokenVerifier> crossApp,
                                                                     ObjectProvider<JsonMapper> json) {
        CrossAppTokenVerifier verifier = crossApp.getIfAvailable();
        return verifier == null ? IdempotencyCallerResolver.standard()
                : new CrossAppSessionCallers(IdempotencyCallerResolver.standard(), verifier,
                        json.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    IdempotencyStore plinthIdempotencyStore(ConnectionFactory connectionFactory, IdempotencyProperties properties,
                                            ObjectProvider<MeterRegistry> meters) {
        // Own client on the shared pool: the claim must never join a handler's transaction.
        return new IdempotencyStore(DatabaseClient.create(connectionFactory), properties,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public IdempotencyKeyWebFilter plinthIdempotencyKeyWebFilter(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping,
            IdempotencyStore store, IdempotencyCallerResolver callers, ProblemExceptionHandler problems,
            Environment environment) {
        DataSize maxBody = environment.getProperty("spring.http.codecs.max-in-memory-size", DataSize.class,
                DEFAULT_MAX_BODY);
        int maxBytes = maxBody.toBytes() < 0 || maxBody.toBytes() > Integer.MAX_VALUE ? -1 : (int) maxBody.toBytes();
        return new IdempotencyKeyWebFilter(handlerMapping::getObject, store, callers, problems, maxBytes);
    }

    @Bean
    public IdempotencyKeySweeper plinthIdempotencyKeySweeper(IdempotencyStore store, IdempotencyProperties properties) {
        return new IdempotencyKeySweeper(store, properties);
    }
}
