package io.plinth.platform.security;

import java.time.Clock;

import io.plinth.jwt.JwksCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.reactive.result.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.security.web.reactive.result.method.annotation.CurrentSecurityContextArgumentResolver;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Every Plinth service is an OAuth2 resource server on auth-service's JWKS: no trust in the network, the
 * gateway's check is repeated here. Stateless (no session, no CSRF, no saved requests), everything but
 * {@code plinth.security.public-paths} needs a valid bearer token, 401/403 answer in problem+json, and
 * method security is on for {@link AdminOnly} / {@link RequiresScope} / {@code @PreAuthorize}.
 * A service replaces a piece by declaring its own bean (e.g. auth-service verifies with its own key store).
 */
@AutoConfiguration(before = {ReactiveOAuth2ResourceServerAutoConfiguration.class,
        ReactiveWebSecurityAutoConfiguration.class,
        ReactiveUserDetailsServiceAutoConfiguration.class,
        ReactiveManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "plinth.security", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PlinthSecurityProperties.class)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class PlinthSecurityAutoConfiguration {

    /** Lets {@link RequiresScope} put its value into the {@code @PreAuthorize} expression. */
    @Bean
    @ConditionalOnMissingBean
    static AnnotationTemplateExpressionDefaults plinthAnnotationTemplateDefaults() {
        return new AnnotationTemplateExpressionDefaults();
    }

    /**
     * Plinth handlers take the caller as {@link CurrentUser}, not through {@code @AuthenticationPrincipal} or
     * {@code @CurrentSecurityContext}. Given the template defaults above, Spring Security's two resolvers for
     * those would re-scan every handler parameter's annotations on every request (uncached, ~4 % of a warm
     * service's CPU under load); without them they look annotations up the plain, cached way. Templates stay
     * on where they are used: method security ({@link RequiresScope}).
     */
    @Bean
    static BeanPostProcessor plinthPlainPrincipalArgumentResolvers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AuthenticationPrincipalArgumentResolver resolver) {
                    resolver.setTemplateDefaults(null);
                } else if (bean instanceof CurrentSecurityContextArgumentResolver resolver) {
                    resolver.setTemplateDefaults(null);
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    JwksCache plinthJwksCache(PlinthSecurityProperties props, ObjectProvider<Clock> clock) {
        return new JwksCache(WebClient.builder().build(), props.jwksUri(), props.jwksTtl(),
                props.jwksRefreshCooldown(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder plinthJwtDecoder(JwksCache keys, PlinthSecurityProperties props, ObjectProvider<Clock> clock) {
        return PlinthJwtDecoders.decoder(keys, props, clock.getIfAvailable(Clock::systemUTC),
                PlinthJwtDecoders.bearerAudience(props));
    }

    @Bean
    @ConditionalOnMissingBean
    CrossAppTokenVerifier plinthCrossAppTokenVerifier(JwksCache keys, PlinthSecurityProperties props,
                                                      ObjectProvider<Clock> clock) {
        return new CrossAppTokenVerifier(PlinthJwtDecoders.decoder(keys, props, clock.getIfAvailable(Clock::systemUTC),
                aud -> aud.stream().anyMatch(a -> a.startsWith(PlinthJwtDecoders.APP_AUDIENCE_PREFIX))));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain plinthSecurityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                        PlinthSecurityProperties props) {
        ServerWebExchangeMatcher publicPaths = ServerWebExchangeMatchers.pathMatchers(
                props.publicPaths().toArray(String[]::new));
        // A bad bearer token on a public path is ignored, not a 401: logout's credential is the refresh token
        // in the body, and a client that sends its expired access token along must still be able to log out.
        // A valid token there still authenticates; everywhere else a bad one is a 401 as before.
        ServerAuthenticationFailureHandler failure = (webFilterExchange, e) -> publicPaths
                .matches(webFilterExchange.getExchange())
                .flatMap(match -> match.isMatch()
                        ? webFilterExchange.getChain().filter(webFilterExchange.getExchange())
                        : SecurityProblems.entryPoint().commence(webFilterExchange.getExchange(), e));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(auth -> auth
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(props.publicPaths().toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new PlinthJwtAuthenticationConverter()))
                        .authenticationFailureHandler(failure)
                        .authenticationEntryPoint(SecurityProblems.entryPoint())
                        .accessDeniedHandler(SecurityProblems.accessDeniedHandler()))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(SecurityProblems.entryPoint())
                        .accessDeniedHandler(SecurityProblems.accessDeniedHandler()))
                .build();
    }

    @Bean
    WebFluxConfigurer plinthCurrentUserArgumentResolver() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CurrentUserArgumentResolver());
            }
        };
    }
}
