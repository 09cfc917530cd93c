package io.plinth.client;

/** Which typed exception a refusal becomes. */
final class Problems {

    static final String INSUFFICIENT_CREDITS = "insufficient_credits";
    static final String DAILY_LIMIT_REACHED = "daily_limit_reached";
    static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";

    private Problems() {
    }

    static PlinthException toException(ProblemDetails problem, Long requiredCredits) {
        return switch (problem.status()) {
            case 400, 422 -> new ValidationException(problem);
            case 401 -> new AuthenticationException(problem);
            case 402 -> new InsufficientCreditsException(problem, requiredCredits == null ? 0 : requiredCredits,
                    stated(problem));
            case 403 -> new ForbiddenException(problem);
            case 404 -> new NotFoundException(problem);
            case 409 -> new ConflictException(problem);
            case 429 -> DAILY_LIMIT_REACHED.equals(problem.code()) ? new DailyLimitReachedException(problem)
                    : new RateLimitedException(problem);
            case 503 -> new PlinthUnavailableException(problem, null);
            default -> new PlinthException(problem);
        };
    }

    /** The available credits, if the platform put them on the problem. */
    private static Long stated(ProblemDetails problem) {
        for (String name : new String[] {"available", "balance"}) {
            if (problem.properties().get(name) instanceof Number n) {
                return n.longValue();
            }
        }
        return null;
    }
}
