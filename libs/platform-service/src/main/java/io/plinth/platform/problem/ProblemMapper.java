package io.plinth.platform.problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import io.plinth.web.FieldViolation;
import io.plinth.web.Problem;
import io.plinth.web.ProblemCodes;
import io.plinth.web.ProblemException;
import reactor.core.Exceptions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns any throwable into a {@link Problem}. Pure function of the exception: no I/O, no
 * Spring context, so every mapping is unit tested. The rule it keeps: a client's mistake is a
 * 4xx naming what was wrong; everything else is a 5xx whose detail says nothing about internals.
 */
public final class ProblemMapper {

    static final String GENERIC_500 = "An unexpected error occurred. Quote the requestId when reporting it.";
    static final String GENERIC_503 = "A service this request depends on is unavailable. Retry later.";
    static final Duration DEPENDENCY_RETRY_AFTER = Duration.ofSeconds(5);

    private final List<DomainProblems> domain;

    public ProblemMapper() {
        this(List.of());
    }

    /** @param domain the service's mappings of its own exceptions, asked first */
    public ProblemMapper(List<DomainProblems> domain) {
        this.domain = List.copyOf(domain);
    }

    public Problem map(Throwable thrown) {
        Throwable ex = Exceptions.unwrap(thrown);
        for (DomainProblems mapping : domain) {
            Problem problem = mapping.toProblem(ex);
            if (problem != null) {
                return problem;
            }
        }
        if (ex instanceof ApiException api) {
            return fromApiException(api);
        }
        if (ex instanceof ProblemException decided) {
            return decided.problem();
        }
        if (ex instanceof WebExchangeBindException bind) {
            return validationFailed(fromBindingResult(bind.getBindingResult(), ""));
        }
        if (ex instanceof HandlerMethodValidationException methodValidation) {
            return fromMethodValidation(methodValidation);
        }
        if (ex instanceof ConstraintViolationException violations) {
            return validationFailed(fromConstraintViolations(violations.getConstraintViolations()));
        }
        if (ex instanceof ContentTooLargeException || ex instanceof PayloadTooLargeException
                || causedBy(ex, DataBufferLimitException.class)) {
            return Problem.of(413, ProblemCodes.PAYLOAD_TOO_LARGE, "The request body is larger than this endpoint accepts.");
        }
        if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
            return unsupportedMediaType(unsupported);
        }
        if (ex instanceof MethodNotAllowedException notAllowed) {
            return Problem.of(405, ProblemCodes.METHOD_NOT_ALLOWED,
                            "Method " + notAllowed.getHttpMethod() + " is not allowed here.")
                    .withHeaders(headersOf(notAllowed.getHeaders(), HttpHeaders.ALLOW));
        }
        if (ex instanceof NotAcceptableStatusException notAcceptable) {
            return Problem.of(406, ProblemCodes.NOT_ACCEPTABLE,
                    "None of the accepted media types can be produced; use application/json.");
        }
        if (ex instanceof ServerWebInputException input) {
            return fromInput(input);
        }
        Problem security = fromSecurity(ex);
        if (security != null) {
            return security;
        }
        Problem dependency = fromDependencyFailure(ex);
        if (dependency != null) {
            return dependency;
        }
        if (ex instanceof ErrorResponse errorResponse) {
            return fromErrorResponse(ex, errorResponse);
        }
        return Problem.of(500, ProblemCodes.INTERNAL_ERROR, GENERIC_500);
    }

    private static Problem fromApiException(ApiException api) {
        Map<String, String> headers = api.getRetryAfter()
                .map(after -> Map.of(HttpHeaders.RETRY_AFTER, retryAfterSeconds(after)))
                .orElse(Map.of());
        return new Problem(api.getStatus().value(), api.getCode(), api.getDetail(), api.getErrors(),
                api.getProperties(), headers);
    }

    static String retryAfterSeconds(Duration after) {
        return Problem.retryAfterSeconds(after);
    }

    private static Problem validationFailed(List<FieldViolation> errors) {
        return Problem.of(422, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.").withErrors(errors);
    }

    static List<FieldViolation> fromBindingResult(Errors result, String prefix) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ObjectError error : result.getAllErrors()) {
            String field = error instanceof FieldError fieldError ? join(prefix, fieldError.getField()) : prefix;
            errors.add(new FieldViolation(field, messageOf(error), codeOf(error)));
        }
        return errors;
    }

    private static Problem fromMethodValidation(HandlerMethodValidationException ex) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            MethodParameter parameter = result.getMethodParameter();
            boolean body = parameter.hasParameterAnnotation(RequestBody.class);
            String name = body ? "" : parameterName(parameter);
            if (result.getContainerIndex() != null) {
                name = name + "[" + result.getContainerIndex() + "]";
            } else if (result.getContainerKey() != null) {
                name = join(name, String.valueOf(result.getContainerKey()));
            }
            if (result instanceof ParameterErrors parameterErrors) {
                errors.addAll(fromBindingResult(parameterErrors, name));
            } else {
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    errors.add(new FieldViolation(name, messageOf(error), codeOf(error)));
                }
            }
        }
        for (MessageSourceResolvable error : ex.getCrossParameterValidationResults()) {
            errors.add(new FieldViolation("", messageOf(error), codeOf(error)));
        }
        return validationFailed(errors);
    }

    static List<FieldViolation> fromConstraintViolations(Set<ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldViolation(fieldOf(v.getPropertyPath()), v.getMessage(),
                        snakeCase(v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName())))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
    }

    /** A method-validation path starts with the method name ({@code list.limit}); clients know only {@code limit}. */
    private static String fieldOf(Path path) {
        List<String> nodes = new ArrayList<>();
        boolean methodPath = false;
        for (Iterator<Path.Node> it = path.iterator(); it.hasNext(); ) {
            Path.Node node = it.next();
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> methodPath = true;
                case PARAMETER, PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    String name = node.getName() == null ? "" : node.getName();
                    if (node.getIndex() != null) {
                        name = name + "[" + node.getIndex() + "]";
                    } else if (node.getKey() != null) {
                        name = join(name, String.valueOf(node.getKey()));
                    }
                    if (!name.isEmpty() && !name.startsWith("<")) {
                        nodes.add(name);
                    }
                }
                default -> { }
            }
        }
        if (!methodPath && nodes.isEmpty()) {
            return path.toString();
        }
        return String.join(".", nodes).replace(".[", "[");
    }

    private static Problem unsupportedMediaType(UnsupportedMediaTypeStatusException ex) {
        String detail = ex.getContentType() == null
                ? "A Content-Type header is required; use application/json."
                : "Content type '" + ex.getContentType() + "' is not supported; use application/json.";
        return Problem.of(415, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, detail)
                .withHeaders(headersOf(ex.getHeaders(), HttpHeaders.ACCEPT));
    }

    private static Problem fromInput(ServerWebInputException ex) {
        JacksonException jackson = findCause(ex, JacksonException.class);
        if (jackson != null) {
            return fromJackson(jackson);
        }
        if (ex instanceof MissingRequestValueException missing) {
            return Problem.of(400, ProblemCodes.MISSING_PARAMETER,
                            "Required " + missing.getLabel() + " '" + missing.getName() + "' is missing.")
                    .withErrors(List.of(new FieldViolation(missing.getName(), "is required", ProblemCodes.FIELD_REQUIRED)));
        }
        TypeMismatchException mismatch = findCause(ex, TypeMismatchException.class);
        if (mismatch != null) {
            String name = ex.getMethodParameter() != null ? parameterName(ex.getMethodParameter())
                    : String.valueOf(mismatch.getPropertyName());
            String expected = mismatch.getRequiredType() == null ? "value" : describe(mismatch.getRequiredType());
            return Problem.of(400, ProblemCodes.INVALID_PARAMETER, "Parameter '" + name + "' must be " + expected + ".")
                    .withErrors(List.of(new FieldViolation(name, "must be " + expected, ProblemCodes.FIELD_INVALID_TYPE)));
        }
        MethodParameter parameter = ex.getMethodParameter();
        // Spring 7 reports an absent body as "No request body", wrapping a DecodingException that says the same.
        if ("No request body".equals(ex.getReason())
                || (parameter != null && parameter.hasParameterAnnotation(RequestBody.class) && ex.getCause() == null)) {
            return Problem.of(400, ProblemCodes.MISSING_BODY, "A JSON request body is required.");
        }
        if (findCause(ex, DecodingException.class) != null) {
            return Problem.of(400, ProblemCodes.MALFORMED_BODY, "The request body could not be read.");
        }
        String reason = ex.getReason();
        return Problem.of(400, ProblemCodes.BAD_REQUEST, reason == null ? "The request is malformed." : reason);
    }

    /** Jackson's path ({@code items[0].priceId}) is exactly how the client names the field. */
    static Problem fromJackson(JacksonException ex) {
        String field = jsonPath(ex.getPath());
        if (field.isEmpty() && ex.getOriginalMessage() != null && ex.getOriginalMessage().startsWith("No content to map")) {
            // An empty body reaches Jackson as end-of-input before any token.
            return Problem.of(400, ProblemCodes.MISSING_BODY, "A JSON request body is required.");
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return Problem.of(400, ProblemCodes.MALFORMED_BODY, "The request body has an unknown field '" + field + "'.")
                    .withErrors(List.of(new FieldViolation(field, "is not a known field", ProblemCodes.FIELD_UNKNOWN)));
        }
        if (ex instanceof MismatchedInputException mismatched && !field.isEmpty()) {
            String expected = expectation(mismatched);
            return Problem.of(400, ProblemCodes.MALFORMED_BODY, "Field '" + field + "' must be " + expected + ".")
                    .withErrors(List.of(new FieldViolation(field, "must be " + expected, ProblemCodes.FIELD_INVALID_TYPE)));
        }
        if (ex instanceof StreamReadException) {
            var location = ex.getLocation();
            String where = location == null || location.getLineNr() < 0 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return Problem.of(400, ProblemCodes.MALFORMED_JSON, "The request body is not valid JSON" + where + ".");
        }
        if (ex instanceof MismatchedInputException mismatched) {
            return Problem.of(400, ProblemCodes.MALFORMED_BODY, "The request body must be " + expectation(mismatched) + ".");
        }
        return Problem.of(400, ProblemCodes.MALFORMED_BODY, "The request body could not be read.");
    }

    static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String expectation(MismatchedInputException ex) {
        Class<?> target = ex.getTargetType();
        return target == null ? "of a different type" : describe(target);
    }

    static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder values = new StringBuilder();
            for (Object constant : constants) {
                if (!values.isEmpty()) {
                    values.append(", ");
                }
                values.append(constant);
            }
            return "one of [" + values + "]";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == java.util.UUID.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Spring Security is optional for this mapper; match by name so the class need not be loaded. */
    private static Problem fromSecurity(Throwable ex) {
        if (isA(ex, "org.springframework.security.core.AuthenticationException")) {
            return Problem.of(401, ProblemCodes.UNAUTHORIZED, "Authentication is required.");
        }
        if (isA(ex, "org.springframework.security.access.AccessDeniedException")) {
            return Problem.of(403, ProblemCodes.FORBIDDEN, "You are not allowed to do this.");
        }
        return null;
    }

    /** An open circuit, a full bulkhead or a dead database is not the client's fault and is worth retrying. */
    private static Problem fromDependencyFailure(Throwable ex) {
        if (isA(ex, "io.github.resilience4j.ratelimiter.RequestNotPermitted")) {
            return Problem.of(429, ProblemCodes.RATE_LIMITED, "Too many requests. Retry later.")
                    .withHeaders(Map.of(HttpHeaders.RETRY_AFTER, "1"));
        }
        if (isA(ex, "io.github.resilience4j.circuitbreaker.CallNotPermittedException")
                || isA(ex, "io.github.resilience4j.bulkhead.BulkheadFullException")
                || isA(ex, "java.util.concurrent.TimeoutException")
                || isA(ex, "org.springframework.dao.DataAccessResourceFailureException")
                // A transaction that cannot even start: the database is unreachable (its pool holds no connection).
                || isA(ex, "org.springframework.transaction.CannotCreateTransactionException")
                || isA(ex, "org.springframework.dao.TransientDataAccessResourceException")
                || isA(ex, "io.r2dbc.spi.R2dbcTransientResourceException")
                || isA(ex, "io.r2dbc.spi.R2dbcNonTransientResourceException")) {
            return Problem.of(503, ProblemCodes.DEPENDENCY_UNAVAILABLE, GENERIC_503)
                    .withHeaders(Map.of(HttpHeaders.RETRY_AFTER, retryAfterSeconds(DEPENDENCY_RETRY_AFTER)));
        }
        return null;
    }

    private static Problem fromErrorResponse(Throwable ex, ErrorResponse response) {
        HttpStatusCode status = response.getStatusCode();
        if (status.is5xxServerError()) {
            // Framework 5xx reasons ("Failed to invoke handler method") describe internals.
            return Problem.of(status.value(), status.value() == 503 ? ProblemCodes.DEPENDENCY_UNAVAILABLE
                    : ProblemCodes.INTERNAL_ERROR, status.value() == 503 ? GENERIC_503 : GENERIC_500);
        }
        String reason = ex instanceof org.springframework.web.server.ResponseStatusException rse ? rse.getReason() : null;
        String code = codeForStatus(status);
        String detail = reason != null && !reason.isBlank() ? reason : defaultDetail(status);
        Map<String, String> headers = headersOf(response.getHeaders(),
                HttpHeaders.ALLOW, HttpHeaders.ACCEPT, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE);
        return Problem.of(status.value(), code, detail).withHeaders(headers);
    }

    static String codeForStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is4xxClientError() ? ProblemCodes.BAD_REQUEST : ProblemCodes.INTERNAL_ERROR;
        }
        return switch (known) {
            case PAYLOAD_TOO_LARGE -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case TOO_MANY_REQUESTS -> ProblemCodes.RATE_LIMITED;
            case UNPROCESSABLE_CONTENT -> ProblemCodes.VALIDATION_FAILED;
            default -> known.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String defaultDetail(HttpStatusCode status) {
        if (status.value() == 404) {
            return "No resource exists at this path.";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "The request failed." : known.getReasonPhrase() + ".";
    }

    private static Map<String, String> headersOf(HttpHeaders source, String... names) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : names) {
            List<String> values = source.get(name);
            if (values != null && !values.isEmpty()) {
                headers.put(name, String.join(", ", values));
            }
        }
        return headers;
    }

    private static String messageOf(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    /** Codes are most specific first ({@code NotBlank.request.email} … {@code NotBlank}); the last one is the constraint. */
    private static String codeOf(MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        if (codes == null || codes.length == 0) {
            return "invalid";
        }
        String last = codes[codes.length - 1];
        if ("typeMismatch".equals(last)) {
            return ProblemCodes.FIELD_INVALID_TYPE;
        }
        return snakeCase(last);
    }

    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && (Character.isLowerCase(name.charAt(i - 1))
                        || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                        && Character.isUpperCase(name.charAt(i - 1))))) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('_');
            }
        }
        return out.toString();
    }

    private static String parameterName(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return name == null ? "arg" + parameter.getParameterIndex() : name;
    }

    private static String join(String prefix, String field) {
        if (prefix.isEmpty()) {
            return field;
        }
        if (field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        return findCause(ex, type) != null;
    }

    static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }

    private static boolean isA(Throwable ex, String className) {
        for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
