package io.plinth.sandbox.zoom;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's Zoom (PROVIDERS.md): server-to-server OAuth apps (account id, client id and secret), the token
 * grant, {@code users/me}, scheduled meetings, and meeting events sent as signed webhooks through
 * {@link WebhookDelivery} ({@code x-zm-signature}).
 */
final class ZoomAccount {

    static final long TOKEN_SECONDS = 3600;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    record App(String accountId, String clientId, String clientSecret, String userId, String email) {
    }

    private record Token(App app, Instant expires) {
    }

    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> meetings = new ConcurrentHashMap<>();
    private final AtomicLong meetingIds = new AtomicLong(81_000_000_000L + RANDOM.nextInt(1_000_000) * 1000L);
    private final WebhookDelivery delivery;
    private final Clock clock;

    ZoomAccount(WebhookDelivery delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    /** A new Server-to-Server OAuth app, as created in Zoom's App Marketplace. */
    Map<String, Object> register() {
        String userId = random(16);
        App app = new App(random(22), random(20), random(32), userId, "host-" + userId.toLowerCase() + "@sandbox.zoom.test");
        apps.put(app.clientId(), app);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accountId", app.accountId());
        answer.put("clientId", app.clientId());
        answer.put("clientSecret", app.clientSecret());
        answer.put("userId", app.userId());
        answer.put("email", app.email());
        return answer;
    }

    /** {@code POST /oauth/token?grant_type=account_credentials&account_id=…} with Basic client id:secret. */
    Map<String, Object> token(String authorization, String accountId) {
        App app = basic(authorization);
        if (app == null) {
            throw ZoomError.oauth(400, "invalid_client", "Invalid client_id or client_secret");
        }
        if (!app.accountId().equals(accountId)) {
            throw ZoomError.oauth(400, "invalid_request", "Invalid account_id");
        }
        String accessToken = "eyJzdiI6IjAwMDAwMSJ9." + random(40);
        tokens.put(accessToken, new Token(app, clock.instant().plusSeconds(TOKEN_SECONDS)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "bearer");
        answer.put("expires_in", TOKEN_SECONDS);
        answer.put("scope", "meeting:write:meeting:admin meeting:read:meeting:admin user:read:user:admin");
        answer.put("api_url", "https://api.zoom.us");
        return answer;
    }

    Map<String, Object> me(String authorization) {
        App app = app(authorization);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", app.userId());
        user.put("first_name", "Sandbox");
        user.put("last_name", "Host");
        user.put("email", app.email());
        user.put("type", 2);
        user.put("account_id", app.accountId());
        user.put("timezone", "UTC");
        user.put("status", "active");
        return user;
    }

    /** {@code POST /v2/users/me/meetings}: a scheduled meeting (type 2) with a start time and a positive duration. */
    Map<String, Object> create(String authorization, Map<String, Object> body, String joinBase) {
        App app = app(authorization);
        if (!(body.get("topic") instanceof String topic) || topic.isBlank() || topic.length() > 200) {
            throw ZoomError.api(400, 300, "Validation Failed: topic must be 1 to 200 characters.");
        }
        Object type = body.getOrDefault("type", 2);
        if (!(type instanceof Number n) || n.intValue() != 2) {
            throw ZoomError.api(400, 300, "The sandbox schedules meetings of type 2 only.");
        }
        Instant start;
        try {
            start = Instant.parse(String.valueOf(body.get("start_time")));
        } catch (DateTimeParseException e) {
            throw ZoomError.api(400, 300, "Invalid field: start_time must be yyyy-MM-ddTHH:mm:ssZ.");
        }
        if (!(body.get("duration") instanceof Number duration) || duration.intValue() < 1) {
            throw ZoomError.api(400, 300, "Invalid field: duration must be a positive number of minutes.");
        }
        long id = meetingIds.incrementAndGet();
        String uuid = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 22) + "==";
        String password = random(8);
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("uuid", uuid);
        meeting.put("id", id);
        meeting.put("host_id", app.userId());
        meeting.put("host_email", app.email());
        meeting.put("topic", topic);
        meeting.put("type", 2);
        meeting.put("status", "waiting");
        meeting.put("start_time", start.truncatedTo(ChronoUnit.SECONDS).toString());
        meeting.put("duration", duration.intValue());
        meeting.put("timezone", body.getOrDefault("timezone", "UTC"));
        meeting.put("created_at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        meeting.put("start_url", joinBase + "/s/" + id + "?zak=" + random(24));
        meeting.put("join_url", joinBase + "/j/" + id + "?pwd=" + password);
        meeting.put("password", password);
        meeting.put("settings", body.get("settings") instanceof Map<?, ?> s ? s : Map.of());
        meeting.put("account_id", app.accountId());
        meetings.put(id, meeting);
        return view(meeting);
    }

    Map<String, Object> get(String authorization, long id) {
        App app = app(authorization);
        return view(meeting(id, app));
    }

    /** Plays the host: starts or ends the meeting and sends {@code meeting.started|meeting.ended}. */
    Map<String, Object> event(long id, boolean start) {
        Map<String, Object> meeting = meetings.get(id);
        if (meeting == null) {
            throw ZoomError.api(404, 3001, "Meeting does not exist: " + id + ".");
        }
        synchronized (meeting) {
            String from = start ? "waiting" : "started";
            if (!from.equals(meeting.get("status"))) {
                throw ZoomError.api(409, 3000, "Meeting " + id + " is " + meeting.get("status") + ".");
            }
            meeting.put("status", start ? "started" : "finished");
            String event = start ? "meeting.started" : "meeting.ended";
            long ts = clock.millis();
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("id", String.valueOf(id));
            object.put("uuid", meeting.get("uuid"));
            object.put("host_id", meeting.get("host_id"));
            object.put("topic", meeting.get("topic"));
            object.put("type", 2);
            object.put("start_time", meeting.get("start_time"));
            object.put("duration", meeting.get("duration"));
            object.put("timezone", meeting.get("timezone"));
            if (!start) {
                object.put("end_time", Instant.ofEpochMilli(ts).truncatedTo(ChronoUnit.SECONDS).toString());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", event);
            body.put("event_ts", ts);
            body.put("payload", Map.of("account_id", meeting.get("account_id"), "object", object));
            delivery.send(Providers.ZOOM, event + ":" + ts + ":" + meeting.get("uuid"), event, JSON.writeValueAsString(body));
            return view(meeting);
        }
    }

    /**
     * The meeting behind a join link ({@code /j/{id}?pwd=…}) or the host's start link ({@code /s/{id}?zak=…}), when
     * the link's secret is the meeting's; else null, as Zoom does not say whether a meeting exists to a wrong link.
     */
    Map<String, Object> linked(long id, boolean host, String secret) {
        Map<String, Object> meeting = meetings.get(id);
        if (meeting == null || secret == null || secret.isEmpty()) {
            return null;
        }
        String link = String.valueOf(meeting.get(host ? "start_url" : "join_url"));
        return link.endsWith((host ? "?zak=" : "?pwd=") + secret) ? view(meeting) : null;
    }

    private Map<String, Object> meeting(long id, App app) {
        Map<String, Object> meeting = meetings.get(id);
        if (meeting == null || !app.accountId().equals(meeting.get("account_id"))) {
            throw ZoomError.api(404, 3001, "Meeting does not exist: " + id + ".");
        }
        return meeting;
    }

    private static Map<String, Object> view(Map<String, Object> meeting) {
        synchronized (meeting) {
            Map<String, Object> view = new LinkedHashMap<>(meeting);
            view.remove("account_id");
            return view;
        }
    }

    private App basic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        App app = colon < 0 ? null : apps.get(decoded.substring(0, colon));
        return app != null && app.clientSecret().equals(decoded.substring(colon + 1)) ? app : null;
    }

    private App app(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Token found = token == null ? null : tokens.get(token);
        if (found == null || found.expires().isBefore(clock.instant())) {
            throw ZoomError.api(401, 124, "Invalid access token.");
        }
        return found.app();
    }

    private static String random(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return s.toString();
    }
}
