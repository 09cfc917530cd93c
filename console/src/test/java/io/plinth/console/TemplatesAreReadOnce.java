package io.plinth.console;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * WebFlux renders a page on an event loop, and Thymeleaf reads a template from the class path the first time it
 * renders it; with {@code spring.thymeleaf.cache: true} (application.yml) that is once per template per JVM, then
 * it renders from its cache. Those first reads are allowed here; everything else stays under BlockHound.
 * Loaded by ServiceLoader when libs/platform-test installs BlockHound.
 */
public final class TemplatesAreReadOnce implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.thymeleaf.templateparser.markup.AbstractMarkupTemplateParser",
                "parseStandalone");
    }
}
