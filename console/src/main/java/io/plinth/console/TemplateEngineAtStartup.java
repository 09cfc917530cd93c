package io.plinth.console;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.ITemplateEngine;

/**
 * Thymeleaf builds its engine (dialects, serializers found by ServiceLoader in the jars) on the first page it
 * renders, and WebFlux renders on an event loop: that first request read jar files there (BlockHound caught it,
 * and the page was a 500). Built here instead, at start-up, on the main thread.
 */
@Configuration(proxyBeanMethods = false)
class TemplateEngineAtStartup {

    @Bean
    ApplicationRunner templateEngineBuilt(ITemplateEngine templates) {
        return args -> templates.getConfiguration();
    }
}
