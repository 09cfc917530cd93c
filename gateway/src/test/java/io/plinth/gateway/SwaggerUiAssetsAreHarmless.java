package io.plinth.gateway;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * WebFlux serves Swagger UI's files (/docs → /swagger-ui/**) from the webjar on the class path: checking
 * that a jar entry is readable reads the jar's central directory once (then the JDK caches it), and
 * springdoc reads swagger-initializer.js from it to fill in the configuration. Those small reads of the
 * docs page are allowed here; everything else stays under BlockHound.
 * Loaded by ServiceLoader when libs/platform-test installs BlockHound.
 */
public final class SwaggerUiAssetsAreHarmless implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource")
                .allowBlockingCallsInside("org.springdoc.ui.AbstractSwaggerIndexTransformer", "readFullyAsString");
    }
}
