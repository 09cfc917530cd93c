package io.plinth.platform.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every reactive Plinth service answers errors as problem+json. The handler outranks Boot's
 * error handler, which therefore never renders anything.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ProblemMapper plinthProblemMapper(ObjectProvider<DomainProblems> domain) {
        return new ProblemMapper(domain.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemExceptionHandler plinthProblemExceptionHandler(ProblemMapper mapper, ObjectProvider<JsonMapper> json,
            @Value("${plinth.problem.type-base:https://plinth.io/problems/}") String typeBase) {
        return new ProblemExceptionHandler(mapper, json.getIfAvailable(JsonMapper::shared), typeBase);
    }
}
