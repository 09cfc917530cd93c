package io.plinth.platform.web.testapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.plinth.test.RealInfrastructure;
import io.plinth.test.security.UseTestTokens;

/**
 * Base of every platform web IT: one configuration, hence one cached context and one database for
 * all of them. Tests use fresh keys and refs, never an empty table.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.application.name=platform-web-it",
                // Security is H6's concern; here every path is reachable and a bearer token, when sent, still authenticates.
                "plinth.security.public-paths=/**",
        })
@RealInfrastructure
@UseTestTokens
public abstract class PlatformWebIT {

    @Value("${local.server.port}")
    protected int port;

    protected WebTestClient client() {
        // Generous timeout: the CI box is shared, and the first scrape or health check warms up lazily.
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }
}
