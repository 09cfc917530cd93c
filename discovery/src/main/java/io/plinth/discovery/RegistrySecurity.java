package io.plinth.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read and write the registry. Anyone who can register an instance can point the gateway's
 * {@code lb://} routes at it, so outside the devstack the registry takes HTTP basic with
 * {@link RegistryCredentials}; health, info and metrics stay open for probes and Prometheus (the network
 * policy decides who reaches them). Without a password every request is let through, as before.
 */
@Configuration(proxyBeanMethods = false)
class RegistrySecurity {

    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus",
            // where a failed request is forwarded to render its status; it shows nothing of the registry
            "/error"};

    @Bean
    RegistryCredentials registryCredentials(Environment environment) {
        return RegistryCredentials.from(environment);
    }

    @Bean
    SecurityFilterChain registryFilterChain(HttpSecurity http, RegistryCredentials credentials) throws Exception {
        // Eureka clients and peers PUT, POST and DELETE without CSRF tokens, and nothing here uses a cookie.
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!credentials.configured()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(OPEN).permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    /**
     * Compares digests in constant time (so neither the content nor the length of the password leaks through
     * timing) against the configured pair. Every heartbeat carries the credentials, so a deliberately slow
     * password hash on each one would cost more than it protects: the password is in the environment in clear.
     */
    @Bean
    AuthenticationProvider registryUser(RegistryCredentials credentials) {
        byte[] username = sha256(credentials.username());
        byte[] password = sha256(credentials.password());
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                boolean userMatches = MessageDigest.isEqual(sha256(authentication.getName()), username);
                boolean passwordMatches = MessageDigest.isEqual(
                        sha256(String.valueOf(authentication.getCredentials())), password);
                if (!credentials.configured() || !(userMatches & passwordMatches)) {
                    throw new BadCredentialsException("bad registry credentials");
                }
                return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                        List.of(new SimpleGrantedAuthority("ROLE_REGISTRY")));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
