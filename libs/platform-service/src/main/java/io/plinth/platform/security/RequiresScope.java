package io.plinth.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The caller's token must carry this scope (cross-app permission), e.g. {@code @RequiresScope("consume_credits")}.
 * Method security: the annotated method must return a {@code Mono} or {@code Flux}; a missing scope is a 403.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAuthority('SCOPE_{value}')")
public @interface RequiresScope {
    String value();
}
