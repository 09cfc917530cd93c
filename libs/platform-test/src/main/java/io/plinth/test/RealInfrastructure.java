package io.plinth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@code @SpringBootTest} a real PostgreSQL and a real Kafka broker, wired into Spring properties.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * @RealInfrastructure
 * class CheckoutIT { ... }
 * }</pre>
 *
 * <p>The infrastructure starts once per test JVM ({@link PlatformInfrastructure}): Testcontainers when a Docker
 * engine answers, otherwise the embedded binaries. Each Spring application context gets a <em>fresh database</em>,
 * created when the context is built. Spring caches contexts by configuration and every
 * {@code @RealInfrastructure} contributes the same (equal) customizer, so test classes with otherwise identical
 * configuration share one cached context and therefore <em>one database</em>: tests must not rely on an empty
 * database, only on the rows they create (use fresh ids). A class that needs its own database needs a
 * different configuration (e.g. distinct {@code properties}), which costs a second context.
 *
 * <p>Properties supplied (they override {@code application.yml}, environment variables and system properties, but
 * not the test's own {@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource} or
 * {@code @DynamicPropertySource}):
 * <ul>
 *   <li>{@code spring.r2dbc.url}, {@code spring.r2dbc.username}, {@code spring.r2dbc.password}</li>
 *   <li>{@code spring.flyway.url}, {@code spring.flyway.user}, {@code spring.flyway.password}</li>
 *   <li>{@code spring.kafka.bootstrap-servers}</li>
 *   <li>{@code plinth.test.database}: the name of this context's database</li>
 *   <li>{@code eureka.client.enabled=false}, {@code spring.cloud.discovery.enabled=false},
 *       {@code spring.cloud.service-registry.auto-registration.enabled=false}: no Eureka server in tests</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {
}
