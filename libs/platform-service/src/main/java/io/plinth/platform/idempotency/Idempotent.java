package io.plinth.platform.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST handler (or every POST handler of a controller) as idempotent under the
 * {@code Idempotency-Key} header, with Stripe's semantics: per caller and key the first response
 * (status and body) is stored and replayed byte for byte for 24 h; the same key with another
 * request is 409 {@code idempotency_key_reused}; a request arriving while the first is still
 * running is 409 {@code idempotency_key_in_use}. Use it on every POST that moves money or credits.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Idempotent {

    /** When true (the default) a request without the header is refused with 400 {@code idempotency_key_required}. */
    boolean required() default true;
}
