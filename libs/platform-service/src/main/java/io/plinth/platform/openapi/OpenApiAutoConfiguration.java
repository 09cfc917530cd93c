package io.plinth.platform.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service's OpenAPI document, as the gateway's Swagger UI ({@code /docs}) shows it: titled with the
 * service's name, declaring the platform's bearer JWT so the UI's "Authorize" button works, and with the
 * relative server {@code /}, so "Try it out" goes through the gateway the page was loaded from instead of
 * to the service's own address (unreachable from a browser).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    /** The security scheme's name in {@code components.securitySchemes}. */
    public static final String BEARER = "bearerAuth";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI plinthOpenApi(@Value("${spring.application.name:plinth}") String service) {
        return new OpenAPI()
                .info(new Info().title(service)
                        .description("Reached through the gateway. Errors are RFC 9457 problem+json with a stable "
                                + "`code` and, for 422, `errors[]` naming each field."))
                .servers(List.of(new Server().url("/").description("the gateway this page was loaded from")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from POST /api/v1/auth/login")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
