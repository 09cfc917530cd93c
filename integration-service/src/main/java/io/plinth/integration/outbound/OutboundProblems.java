package io.plinth.integration.outbound;

import io.plinth.integration.registry.IntegrationRegistry;
import io.plinth.platform.problem.DomainProblems;
import io.plinth.web.FieldViolation;
import io.plinth.web.Problem;
import io.plinth.web.ProblemCodes;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The one place that knows which status each refusal of a provider-backed endpoint (envelopes, meetings) is:
 * bad fields 422 naming them; an integration the tenant has not configured or has disabled 409
 * ({@code integration_not_configured}, {@code integration_disabled}, {@code integration_misconfigured}); a provider that is down, slow or answers
 * garbage 503 with Retry-After ({@code provider_unavailable}); a provider that refuses the call 502
 * ({@code provider_refused}) with its reason; another tenant's resource 404.
 */
@Component
class OutboundProblems implements DomainProblems {

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    @Override
    public Problem toProblem(Throwable error) {
        if (error instanceof InvalidRequest invalid) {
            return Problem.of(422, ProblemCodes.VALIDATION_FAILED, "The request has invalid fields.")
                    .withErrors(invalid.violations().stream()
                            .map(v -> FieldViolation.of(v.field(), v.code(), v.message())).toList());
        }
        if (error instanceof IntegrationRegistry.NotConfigured) {
            return Problem.of(409, "integration_not_configured", error.getMessage());
        }
        if (error instanceof IntegrationRegistry.NotUsable) {
            return Problem.of(409, "integration_disabled", error.getMessage());
        }
        if (error instanceof Misconfigured) {
            return Problem.of(409, "integration_misconfigured", error.getMessage());
        }
        if (error instanceof ProviderUnavailable down) {
            return Problem.of(503, "provider_unavailable", "The provider " + down.provider()
                    + " is unavailable; nothing was done. Retry later.").withRetryAfter(RETRY_AFTER);
        }
        if (error instanceof ProviderRefused refused) {
            return Problem.of(502, "provider_refused", refused.getMessage());
        }
        if (error instanceof NotFound) {
            return Problem.of(404, ProblemCodes.NOT_FOUND, error.getMessage());
        }
        if (error instanceof Forbidden) {
            return Problem.of(403, ProblemCodes.FORBIDDEN, error.getMessage());
        }
        return null;
    }
}
