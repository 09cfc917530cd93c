package io.plinth.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import io.plinth.web.RequestIdWebFilter;

/** Request ids on every reactive Plinth service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RequestIdAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RequestIdWebFilter plinthRequestIdWebFilter() {
        // First of all filters, so security and idempotency problems carry the id too.
        return new RequestIdWebFilter(Ordered.HIGHEST_PRECEDENCE);
    }
}
