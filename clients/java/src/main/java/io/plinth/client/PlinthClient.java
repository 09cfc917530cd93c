package io.plinth.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point: one immutable, thread-safe client per Plinth installation, built once and
 * shared. It talks only to the gateway's public API.
 *
 * <p>First-party apps sign users in with {@link #login(String, String)} (or resume a stored login
 * with {@link #resume(Tokens)}) and act as them through the returned {@link UserSession}. Partner
 * apps are built with their {@link Builder#appId(String) app id} and {@link Builder#apiKey(String)
 * API key} and sign a user in with {@link #signInUser(String, String)}, which returns an
 * {@link AppSession}.
 *
 * <pre>{@code
 * PlinthClient plinth = PlinthClient.builder()
 *         .baseUrl("http://localhost:8080")
 *         .appId(System.getenv("PLINTH_APP_ID"))
 *         .apiKey(System.getenv("PLINTH_API_KEY"))
 *         .build();
 * AppSession ada = plinth.signInUser("ada@example.com", password);
 * if (ada.canAfford(5)) {
 *     ada.consume(5, "quiz-hints", "five hints", Map.of("quizId", "q-17"));
 * }
 * }</pre>
 *
 * <p>Every call is retried on connection failures, 503 and 429 (honouring {@code Retry-After}) up
 * to the configured number of attempts; calls that move credits carry an {@code Idempotency-Key}
 * chosen once per call and sent unchanged on every retry, so a retry never spends twice. Failures
 * are {@link PlinthException}s; bad arguments are {@link IllegalArgumentException}s thrown before
 * anything is sent. The client logs (through {@link System.Logger}, name {@code io.plinth.client},
 * DEBUG) only methods, paths, statuses and request ids — never keys, tokens or passwords.
 */
public final class PlinthClient {

    private final Transport transport;
    private final String appId;
    private final String apiKey;
    private final Clock clock;

    private PlinthClient(Transport transport, String appId, String apiKey, Clock clock) {
        this.transport = transport;
        this.appId = appId;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    /** A builder; {@link Builder#baseUrl(String)} is the only required setting. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- first-party ------------------------------------------------------------------------

    /**
     * Creates an account ({@code POST /api/v1/auth/register}). It starts on the free tier with the
     * tier's starting credits. Sent again only if the connection was refused, so a retry can never
     * answer "email taken" for the account it just created.
     *
     * @param email    the sign-in email
     * @param password the password (the platform's policy applies: a weak one is a {@link ValidationException})
     * @return the new account
     * @throws ConflictException {@code email_taken}
     */
    public RegisteredUser register(String email, String password) {
        return Futures.await(registerAsync(email, password));
    }

    /** {@link #register(String, String)}, without blocking. */
    public CompletableFuture<RegisteredUser> registerAsync(String email, String password) {
        Map<String, Object> body = body("email", Checks.notBlank(email, "email"),
                "password", Checks.notBlank(password, "password"));
        return transport.send(Call.post("/api/v1/auth/register", body, Call.Retry.UNSENT_ONLY), RegisteredUser.class);
    }

    /**
     * Signs a user in ({@code POST /api/v1/auth/login}) and returns their session, which renews its
     * access token by itself.
     *
     * @throws AuthenticationException wrong email or password
     * @throws RateLimitedException    too many failed attempts for now
     */
    public UserSession login(String email, String password) {
        return Futures.await(loginAsync(email, password));
    }

    /** {@link #login(String, String)}, without blocking. */
    public CompletableFuture<UserSession> loginAsync(String email, String password) {
        Map<String, Object> body = body("email", Checks.notBlank(email, "email"),
                "password", Checks.notBlank(password, "password"));
        return transport.send(Call.post("/api/v1/auth/login", body, Call.Retry.SAFE), Wire.LoginResponse.class)
                .thenApply(response -> new UserSession(transport, tokens(response), clock));
    }

    /**
     * Continues a login stored earlier (see {@link UserSession#tokens()}); nothing is sent until
     * the first call. If the access token has expired, the first call refreshes it.
     */
    public UserSession resume(Tokens tokens) {
        return new UserSession(transport, Checks.notNull(tokens, "tokens"), clock);
    }

    // ---- partner apps -----------------------------------------------------------------------

    /**
     * Signs a user in to this partner app through the cross-app flow ({@code POST
     * /api/v1/cross-app/auth} with the app's API key). The session keeps the user's credentials in
     * memory to sign in again when its session token expires; drop the session to forget them.
     *
     * @throws IllegalStateException   the client was built without app id and API key
     * @throws AuthenticationException wrong email, password or API key
     */
    public AppSession signInUser(String email, String password) {
        return Futures.await(signInUserAsync(email, password));
    }

    /** {@link #signInUser(String, String)}, without blocking. */
    public CompletableFuture<AppSession> signInUserAsync(String email, String password) {
        requirePartnerApp();
        Checks.notBlank(email, "email");
        Checks.notBlank(password, "password");
        return AppSession.signIn(transport, appId, apiKey, email, password, clock);
    }

    private void requirePartnerApp() {
        if (appId == null || apiKey == null) {
            throw new IllegalStateException("signInUser needs a client built with appId(…) and apiKey(…)");
        }
    }

    Tokens tokens(Wire.LoginResponse response) {
        return new Tokens(response.accessToken(), response.refreshToken(),
                clock.instant().plusSeconds(response.expiresIn()));
    }

    /** A JSON body from name/value pairs, leaving out nulls. */
    static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }

    @Override
    public String toString() {
        return "PlinthClient[appId=" + appId + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }

    /** Settings of a {@link PlinthClient}; not thread-safe, build once. */
    public static final class Builder {

        private URI baseUrl;
        private String appId;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();
        private Duration initialBackoff = RetryPolicy.DEFAULT.initialBackoff();
        private Duration maxBackoff = RetryPolicy.DEFAULT.maxBackoff();
        private Duration maxRetryWait = RetryPolicy.DEFAULT.maxWait();
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The gateway's address, e.g. {@code http://localhost:8080} or {@code https://api.example.com}.
         *
         * @throws IllegalArgumentException not an http(s) URL with a host
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Checks.baseUrl(baseUrl);
            return this;
        }

        /** The partner app's id (from registering the app); needed for {@link #signInUser}. */
        public Builder appId(String appId) {
            this.appId = Checks.notBlank(appId, "appId");
            return this;
        }

        /** The partner app's secret API key; needed for {@link #signInUser}. Never logged. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Checks.notBlank(apiKey, "apiKey");
            return this;
        }

        /** How long to wait for a connection (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one attempt may wait for its answer (default 30 s); a timed-out attempt counts as failed. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Checks.positive(timeout, "requestTimeout");
            return this;
        }

        /** How many times a call is sent at most, the first included (default 4; 1 turns retries off). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The first backoff between attempts when the platform gave no Retry-After (default 200 ms; doubles). */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = Checks.positive(backoff, "initialBackoff");
            return this;
        }

        /** The longest backoff without a Retry-After (default 5 s). */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = Checks.positive(backoff, "maxBackoff");
            return this;
        }

        /** The longest Retry-After the client waits for; beyond it the call fails at once (default 30 s). */
        public Builder maxRetryWait(Duration wait) {
            this.maxRetryWait = Checks.positive(wait, "maxRetryWait");
            return this;
        }

        /** An {@link HttpClient} of your own (proxy, TLS, executor); its connect timeout then applies. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Checks.notNull(client, "httpClient");
            return this;
        }

        /** The clock token expiries are judged by (tests). */
        Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalArgumentException no base URL, or only one of app id and API key
         */
        public PlinthClient build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            if ((appId == null) != (apiKey == null)) {
                throw new IllegalArgumentException("a partner app needs both appId and apiKey");
            }
            HttpClient http = httpClient != null ? httpClient
                    : HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
            RetryPolicy retry = new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryWait);
            return new PlinthClient(new Transport(http, baseUrl, requestTimeout, retry), appId, apiKey, clock);
        }
    }
}
