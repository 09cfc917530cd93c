package io.plinth.console.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

/**
 * The platform's public APIs, called through the gateway like any client would, with the operator's own bearer
 * token: the console has no credentials of its own, so it can do nothing the operator could not do with curl.
 * Every refusal becomes an {@link ApiProblem}; a platform that does not answer in time becomes a 503 one.
 */
@Component
public class PlatformApi {

    private static final ParameterizedTypeReference<Map<String, Object>> PROBLEM = new ParameterizedTypeReference<>() {
    };

    private final WebClient client;
    private final ConsoleProperties properties;

    PlatformApi(WebClient.Builder builder, ConsoleProperties properties) {
        this.properties = properties;
        this.client = builder.baseUrl(properties.apiUrl().toString()).build();
    }

    /** A GET; {@code token} may be null for the public routes. */
    public <T> Mono<T> get(String token, Function<UriBuilder, URI> uri, Class<T> type) {
        return exchange(token, HttpMethod.GET, uri, null, Map.of(), type);
    }

    public <T> Mono<T> get(String token, Function<UriBuilder, URI> uri, ParameterizedTypeReference<T> type) {
        return call(token, HttpMethod.GET, uri, null, Map.of())
                .retrieve().onStatus(HttpStatusCode::isError, PlatformApi::problem)
                .bodyToMono(type)
                .transform(this::limited);
    }

    /** A call with a JSON body (or none); {@code headers} e.g. an Idempotency-Key. */
    public <T> Mono<T> send(String token, HttpMethod method, Function<UriBuilder, URI> uri, Object body,
            Map<String, String> headers, Class<T> type) {
        return exchange(token, method, uri, body, headers, type);
    }

    private <T> Mono<T> exchange(String token, HttpMethod method, Function<UriBuilder, URI> uri, Object body,
            Map<String, String> headers, Class<T> type) {
        return call(token, method, uri, body, headers)
                .retrieve().onStatus(HttpStatusCode::isError, PlatformApi::problem)
                .bodyToMono(type)
                .transform(this::limited);
    }

    private WebClient.RequestHeadersSpec<?> call(String token, HttpMethod method, Function<UriBuilder, URI> uri,
            Object body, Map<String, String> headers) {
        WebClient.RequestBodySpec spec = client.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            spec = spec.header(header.getKey(), header.getValue());
        }
        return body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private <T> Mono<T> limited(Mono<T> call) {
        return call.timeout(properties.apiTimeout())
                .onErrorMap(TimeoutException.class, e -> ApiProblem.unreachable(
                        "No answer within " + properties.apiTimeout().toSeconds() + " s; try again in a moment."))
                .onErrorMap(WebClientRequestException.class, e -> ApiProblem.unreachable(
                        "The gateway could not be reached; try again in a moment."));
    }

    @SuppressWarnings("unchecked")
    private static Mono<? extends Throwable> problem(ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(PROBLEM)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(Map.of())
                .map(body -> {
                    List<ApiProblem.FieldError> errors = List.of();
                    if (body.get("errors") instanceof List<?> list) {
                        errors = list.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e)
                                .map(e -> new ApiProblem.FieldError(text(e.get("field")), text(e.get("message")),
                                        text(e.get("code"))))
                                .toList();
                    }
                    return new ApiProblem(status, text(body.get("title")), text(body.get("detail")),
                            text(body.get("code")), errors);
                });
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
