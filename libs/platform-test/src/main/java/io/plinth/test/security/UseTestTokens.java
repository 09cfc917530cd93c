package io.plinth.test.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class (directly or as a meta-annotation): the service under test verifies tokens
 * against {@link TestTokens}' JWKS server ({@code plinth.security.jwks-uri}), so tokens minted with
 * {@link TestTokens} authenticate and the broken variants are rejected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseTestTokens {
}
