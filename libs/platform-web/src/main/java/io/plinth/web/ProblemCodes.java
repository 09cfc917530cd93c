package io.plinth.web;

/**
 * The stable {@code code} values the platform itself (gateway and services) emits. Services add their own
 * (e.g. {@code insufficient_credits}); these are never renamed because clients branch on them.
 */
public final class ProblemCodes {

    public static final String MALFORMED_JSON = "malformed_json";
    public static final String MALFORMED_BODY = "malformed_body";
    public static final String MISSING_BODY = "missing_body";
    public static final String MISSING_PARAMETER = "missing_parameter";
    public static final String INVALID_PARAMETER = "invalid_parameter";
    public static final String BAD_REQUEST = "bad_request";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    public static final String CONFLICT = "conflict";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String DEPENDENCY_UNAVAILABLE = "dependency_unavailable";
    /** The gateway's answer when the routed service is absent, slow, failing or behind an open breaker. */
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String CORS_REJECTED = "cors_rejected";

    public static final String IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required";
    public static final String IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";

    /** Per-field codes in {@code errors[]} produced by decoding rather than bean validation. */
    public static final String FIELD_INVALID_TYPE = "invalid_type";
    public static final String FIELD_REQUIRED = "required";
    public static final String FIELD_UNKNOWN = "unknown_field";

    private ProblemCodes() {
    }
}
