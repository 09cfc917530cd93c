package io.plinth.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends {@link Call}s to the gateway: one attempt after another under the {@link RetryPolicy},
 * each re-sending exactly the same request (so the same Idempotency-Key), and turns the final
 * answer into either the decoded body or a typed {@link PlinthException}. Non-blocking: waits
 * between attempts are scheduled, never slept.
 */
final class Transport {

    private static final System.Logger LOG = System.getLogger("io.plinth.client");
    private static final String REQUEST_ID = "X-Request-Id";
    private static final String USER_AGENT = "plinth-client-java/0.1";

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration requestTimeout;
    private final RetryPolicy retry;

    Transport(HttpClient http, URI baseUrl, Duration requestTimeout, RetryPolicy retry) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
    }

    /** Sends the call and decodes a 2xx body as {@code type} ({@code Void} for none). */
    <T> CompletableFuture<T> send(Call call, Class<T> type) {
        return attempt(call, build(call), 1).thenApply(body -> decode(body, type, call));
    }

    private CompletableFuture<byte[]> attempt(Call call, HttpRequest request, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        return failed(call, request, attempt, unwrap(error));
                    }
                    if (response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(response.body());
                    }
                    return refused(call, request, attempt, problem(response));
                })
                .thenCompose(Function.identity());
    }

    private CompletableFuture<byte[]> failed(Call call, HttpRequest request, int attempt, Throwable error) {
        boolean neverSent = error instanceof ConnectException || error instanceof HttpConnectTimeoutException
                || error instanceof UnresolvedAddressException;
        boolean transientFailure = neverSent || error instanceof IOException;
        if (transientFailure && (neverSent || call.retry() == Call.Retry.SAFE)) {
            Duration delay = retry.delayAfter(attempt, null);
            if (delay != null) {
                LOG.log(Level.DEBUG, () -> call.describe() + ": attempt " + attempt + " failed ("
                        + error.getClass().getSimpleName() + "), retrying in " + delay.toMillis() + " ms");
                return later(delay, () -> attempt(call, request, attempt + 1));
            }
        }
        if (!transientFailure) {
            return CompletableFuture.failedFuture(error);
        }
        ProblemDetails unreachable = ProblemDetails.of(0, "unreachable",
                "the platform could not be reached after " + attempt + " attempt(s): " + error);
        return CompletableFuture.failedFuture(new PlinthUnavailableException(unreachable, error));
    }

    private CompletableFuture<byte[]> refused(Call call, HttpRequest request, int attempt, ProblemDetails problem) {
        if (retryable(call, problem)) {
            Duration delay = retry.delayAfter(attempt, problem.retryAfter());
            if (delay != null) {
                LOG.log(Level.DEBUG, () -> call.describe() + ": attempt " + attempt + " answered " + problem.status()
                        + " " + problem.code() + " (request id " + problem.requestId() + "), retrying in "
                        + delay.toMillis() + " ms");
                return later(delay, () -> attempt(call, request, attempt + 1));
            }
        }
        return CompletableFuture.failedFuture(Problems.toException(problem, call.requiredCredits()));
    }

    /**
     * 429 from the rate limiter and 409 "still in progress" say the request was not acted on (yet),
     * whatever the call. A 503 may come after the service did act (the gateway timed out waiting),
     * so only calls that are safe to repeat are retried on it.
     */
    private static boolean retryable(Call call, ProblemDetails problem) {
        return switch (problem.status()) {
            case 429 -> !Problems.DAILY_LIMIT_REACHED.equals(problem.code());
            case 409 -> Problems.IDEMPOTENCY_KEY_IN_USE.equals(problem.code());
            case 502, 503, 504 -> call.retry() == Call.Retry.SAFE;
            default -> false;
        };
    }

    private static <T> CompletableFuture<T> later(Duration delay, Supplier<CompletableFuture<T>> next) {
        return CompletableFuture.supplyAsync(next, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(Function.identity());
    }

    private HttpRequest build(Call call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
        call.headers().forEach(builder::header);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(Json.write(call.body())));
        }
        return builder.build();
    }

    private static <T> T decode(byte[] body, Class<T> type, Call call) {
        if (type == Void.class) {
            return null;
        }
        try {
            return Json.read(body, type);
        } catch (JacksonException e) {
            throw new PlinthException(ProblemDetails.of(200, "unreadable_response",
                    call.describe() + " answered a body that is not the documented JSON"), e);
        }
    }

    static ProblemDetails problem(HttpResponse<byte[]> response) {
        HttpHeaders headers = response.headers();
        String requestId = headers.firstValue(REQUEST_ID).orElse(null);
        Duration retryAfter = headers.firstValue("Retry-After").map(Transport::retryAfter).orElse(null);
        int status = response.statusCode();
        JsonNode body = null;
        try {
            body = response.body() == null || response.body().length == 0 ? null : Json.tree(response.body());
        } catch (JacksonException e) {
            // Not problem+json (a proxy's HTML page, say): the status alone has to do.
        }
        if (body == null || !body.isObject()) {
            return new ProblemDetails(status, "http_" + status, null, requestId, retryAfter, List.of(), Map.of());
        }
        String code = text(body, "code");
        if (requestId == null) {
            requestId = text(body, "requestId");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode list = body.get("errors");
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                errors.add(new FieldError(text(item, "field"), text(item, "code"), text(item, "message")));
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        body.properties().forEach(entry -> {
            if (entry.getValue().isNumber()) {
                properties.put(entry.getKey(), entry.getValue().numberValue());
            }
        });
        return new ProblemDetails(status, code == null ? "http_" + status : code, text(body, "detail"), requestId,
                retryAfter, errors, properties);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Delta-seconds or an HTTP date (RFC 9110); anything else is ignored. */
    static Duration retryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
