package io.plinth.sandbox.notion;

import io.plinth.sandbox.controls.FaultScope;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code /v1/users/**} is Notion's, not Stripe's ({@code /v1/**}): faults armed for notion apply to it. */
@Configuration(proxyBeanMethods = false)
class NotionFaultScope {

    @Bean
    FaultScope notionUsersFaultScope() {
        return new FaultScope("notion", List.of("/v1/users/**"));
    }
}
