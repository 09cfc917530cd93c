package io.plinth.gateway.problem;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ChannelException;
import io.plinth.web.Problem;
import io.plinth.web.ProblemCodes;
import io.plinth.web.ProblemException;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * Decides what the client hears when something fails at the gateway. The rule that matters: a
 * service that is absent, refusing connections, too slow or behind an open breaker is a 503
 * {@code service_unavailable} with {@code Retry-After}, never a 500 or a raw Netty error.
 *
 * @param retryAfter      what to advise when a service is unreachable or slow
 * @param breakerOpenWait how long an open breaker stays open, advised when it rejects a call
 */
public record ProblemMapper(Duration retryAfter, Duration breakerOpenWait) {

    /**
     * @param error   what went wrong
     * @param service the service the request was routed to, or {@code null} if it was not routed
     */
    public Problem toProblem(Throwable error, String service) {
        if (error instanceof ProblemException problem) {
            return problem.problem();
        }
        String target = service == null ? "The service" : service;
        if (error instanceof ServiceUnavailableException || has(error, CallNotPermittedException.class)) {
            return GatewayProblems.serviceUnavailable(
                    target + " is failing and calls to it are paused; retry later.", breakerOpenWait);
        }
        if (error instanceof NotFoundException) {
            return GatewayProblems.serviceUnavailable(target + " has no instance available; retry later.", retryAfter);
        }
        if (has(error, TimeoutException.class) || isStatus(error, HttpStatus.GATEWAY_TIMEOUT)) {
            return GatewayProblems.serviceUnavailable(
                    target + " did not answer within its time limit; retry later.", retryAfter);
        }
        if (has(error, DataBufferLimitException.class)) {
            return Problem.of(HttpStatus.CONTENT_TOO_LARGE.value(), ProblemCodes.PAYLOAD_TOO_LARGE,
                    "The request body is too large.");
        }
        if (has(error, IOException.class) || has(error, ChannelException.class)) {
            return GatewayProblems.serviceUnavailable(target + " could not be reached; retry later.", retryAfter);
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), service);
        }
        if (service != null) {
            // Anything else that escapes a routed call is a failure talking to the service.
            return GatewayProblems.serviceUnavailable(target + " could not be reached; retry later.", retryAfter);
        }
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR.value(), ProblemCodes.INTERNAL_ERROR,
                "The gateway failed to handle the request.");
    }

    private Problem fromStatus(HttpStatusCode code, String service) {
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = code.is5xxServerError() ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        if (status.is5xxServerError() && service != null) {
            return GatewayProblems.serviceUnavailable(service + " could not be reached; retry later.", retryAfter);
        }
        return switch (status) {
            case NOT_FOUND -> Problem.of(status.value(), ProblemCodes.NOT_FOUND, "No API matches this path.");
            case CONTENT_TOO_LARGE -> Problem.of(status.value(), ProblemCodes.PAYLOAD_TOO_LARGE,
                    "The request body is too large.");
            case INTERNAL_SERVER_ERROR -> Problem.of(status.value(), ProblemCodes.INTERNAL_ERROR,
                    "The gateway failed to handle the request.");
            default -> Problem.of(status.value(), codeFor(status), status.getReasonPhrase() + ".");
        };
    }

    /** {@code Method Not Allowed} becomes {@code method_not_allowed}, matching the services' codes. */
    static String codeFor(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    private static boolean isStatus(Throwable error, HttpStatus status) {
        return error instanceof ResponseStatusException rse && rse.getStatusCode().value() == status.value();
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
