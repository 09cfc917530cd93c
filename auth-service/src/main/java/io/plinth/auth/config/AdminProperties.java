package io.plinth.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The bootstrap admin ({@code PLINTH_ADMIN_EMAIL} / {@code PLINTH_ADMIN_PASSWORD}); unset means none. */
@ConfigurationProperties("plinth.admin")
public record AdminProperties(String email, String password) {
}
