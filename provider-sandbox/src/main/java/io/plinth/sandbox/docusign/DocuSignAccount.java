package io.plinth.sandbox.docusign;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's DocuSign (PROVIDERS.md): apps registered with an RSA public key (as on DocuSign's "Apps and Keys"
 * page), the JWT grant checking each assertion against that key, userinfo naming the app's one account, envelopes
 * sent from the account's templates, and the signer's answer sent as a Connect webhook through
 * {@link WebhookDelivery}, HMAC-signed ({@code X-DocuSign-Signature-N}).
 */
final class DocuSignAccount {

    static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final long TOKEN_SECONDS = 3600;
    static final String ROLE = "Signer";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** One registered integration (app) with its user, account and templates. */
    record App(String integrationKey, String userId, PublicKey publicKey, String accountId, Map<String, String> templates) {
    }

    private record Token(App app, Instant expires) {
    }

    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> envelopes = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> grants = new ConcurrentHashMap<>();
    private final WebhookDelivery delivery;
    private final Clock clock;

    DocuSignAccount(WebhookDelivery delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * Registers an app. With a {@code publicKey} (PEM, X.509 SubjectPublicKeyInfo) it is the key the app signs
     * with; without one the sandbox generates the pair and hands back the private key, once, as DocuSign does.
     */
    Map<String, Object> register(String publicKeyPem) {
        PublicKey publicKey;
        String privateKeyPem = null;
        if (publicKeyPem == null || publicKeyPem.isBlank()) {
            KeyPair pair = generate();
            publicKey = pair.getPublic();
            privateKeyPem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        } else {
            publicKey = parsePublicKey(publicKeyPem);
        }
        String templateId = UUID.randomUUID().toString();
        App app = new App(UUID.randomUUID().toString(), UUID.randomUUID().toString(), publicKey,
                UUID.randomUUID().toString(), Map.of(templateId, "Plinth sandbox contract"));
        apps.put(app.integrationKey(), app);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("integrationKey", app.integrationKey());
        answer.put("userId", app.userId());
        answer.put("accountId", app.accountId());
        answer.put("templateId", templateId);
        answer.put("roleName", ROLE);
        answer.put("privateKey", privateKeyPem);
        return answer;
    }

    /** An app as the developer console shows it, with how many tokens it was granted (to see a client's caching). */
    Map<String, Object> appView(String integrationKey) {
        App app = apps.get(integrationKey);
        if (app == null) {
            throw DocuSignError.rest(404, "NOT_FOUND", "No app " + integrationKey + ".");
        }
        java.util.concurrent.atomic.AtomicInteger n = grants.get(integrationKey);
        return Map.of("integrationKey", integrationKey, "userId", app.userId(), "accountId", app.accountId(),
                "tokensIssued", n == null ? 0 : n.get());
    }

    /** The JWT grant: {@code {access_token, token_type, expires_in}} or DocuSign's {@code invalid_grant}. */
    Map<String, Object> token(String grantType, String assertion, String host) {
        if (!JWT_GRANT.equals(grantType)) {
            throw DocuSignError.oauth(400, "unsupported_grant_type", "grant_type must be " + JWT_GRANT + ".");
        }
        JwtAssertion jwt = JwtAssertion.parse(assertion);
        App app = apps.get(jwt.issuer());
        if (app == null) {
            throw DocuSignError.oauth(400, "invalid_grant", "issuer_not_found");
        }
        if (!app.userId().equals(jwt.subject())) {
            throw DocuSignError.oauth(400, "invalid_grant", "user_not_found");
        }
        if (!jwt.signedBy(app.publicKey())) {
            throw DocuSignError.oauth(400, "invalid_grant", "no_valid_keys_or_signatures");
        }
        if (!host.equalsIgnoreCase(jwt.audience())) {
            throw DocuSignError.oauth(400, "invalid_grant", "invalid_audience: aud must be " + host + ".");
        }
        List<String> scopes = List.of(jwt.scope().split(" "));
        if (!scopes.contains("signature") || !scopes.contains("impersonation")) {
            throw DocuSignError.oauth(400, "invalid_grant", "invalid_scope: signature impersonation is required.");
        }
        long now = clock.instant().getEpochSecond();
        if (jwt.expiresAt() <= now || jwt.issuedAt() > now + 60
                || jwt.expiresAt() - jwt.issuedAt() > JwtAssertion.MAX_LIFETIME_SECONDS) {
            throw DocuSignError.oauth(400, "invalid_grant", "expired or over one hour: exp must follow iat by at most 3600 s.");
        }
        grants.computeIfAbsent(app.integrationKey(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        String accessToken = "eyJ0eXAiOiJNVCJ9." + randomToken();
        tokens.put(accessToken, new Token(app, clock.instant().plusSeconds(TOKEN_SECONDS)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", TOKEN_SECONDS);
        return answer;
    }

    Map<String, Object> userinfo(String authorization, String baseUri) {
        App app = app(authorization);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("account_id", app.accountId());
        account.put("is_default", true);
        account.put("account_name", "Plinth sandbox");
        account.put("base_uri", baseUri);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sub", app.userId());
        answer.put("name", "Sandbox Sender");
        answer.put("email", "sender@sandbox.docusign.test");
        answer.put("accounts", List.of(account));
        return answer;
    }

    /** {@code POST …/envelopes} from a template, {@code status: "sent"}; Connect reports {@code envelope-sent}. */
    Map<String, Object> createEnvelope(String authorization, String accountId, Map<String, Object> body) {
        App app = account(authorization, accountId);
        Object templateId = body.get("templateId");
        if (!(templateId instanceof String t) || !app.templates().containsKey(t)) {
            throw DocuSignError.rest(400, "TEMPLATE_ID_INVALID", "Invalid template ID.");
        }
        if (!(body.get("templateRoles") instanceof List<?> roles) || roles.size() != 1
                || !(roles.get(0) instanceof Map<?, ?> role)) {
            throw DocuSignError.rest(400, "INVALID_REQUEST_BODY", "templateRoles must name the template's one role.");
        }
        if (!(role.get("email") instanceof String email) || !EMAIL.matcher(email).matches()) {
            throw DocuSignError.rest(400, "INVALID_EMAIL_ADDRESS_FOR_RECIPIENT",
                    "The email address for the recipient is invalid.");
        }
        if (!(role.get("name") instanceof String name) || name.isBlank()) {
            throw DocuSignError.rest(400, "INVALID_USERNAME_FOR_RECIPIENT", "The user name for the recipient is invalid.");
        }
        if (!ROLE.equals(role.get("roleName"))) {
            throw DocuSignError.rest(400, "INVALID_TEMPLATE_ROLE", "The template has no role '" + role.get("roleName") + "'.");
        }
        if (!"sent".equals(body.get("status"))) {
            throw DocuSignError.rest(400, "INVALID_ENVELOPE_STATUS", "The sandbox only sends envelopes (status: sent).");
        }
        String envelopeId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("envelopeId", envelopeId);
        envelope.put("status", "sent");
        envelope.put("statusDateTime", now.toString());
        envelope.put("uri", "/envelopes/" + envelopeId);
        envelope.put("templateId", t);
        envelope.put("emailSubject", body.getOrDefault("emailSubject", app.templates().get(t)));
        envelope.put("recipient", Map.of("email", email, "name", name, "roleName", ROLE));
        envelope.put("accountId", app.accountId());
        envelope.put("sentDateTime", now.toString());
        envelopes.put(envelopeId, envelope);
        connect("envelope-sent", envelope, app);
        return Map.of("envelopeId", envelopeId, "status", "sent", "statusDateTime", now.toString(),
                "uri", "/envelopes/" + envelopeId);
    }

    Map<String, Object> envelope(String authorization, String accountId, String envelopeId) {
        App app = account(authorization, accountId);
        Map<String, Object> envelope = envelopes.get(envelopeId);
        if (envelope == null || !app.accountId().equals(envelope.get("accountId"))) {
            throw DocuSignError.rest(404, "ENVELOPE_DOES_NOT_EXIST", "The envelope specified either does not exist or"
                    + " you have no permission to access it.");
        }
        synchronized (envelope) {
            return new LinkedHashMap<>(envelope);
        }
    }

    /** The signer signs ({@code completed}) or declines; anything but a sent envelope is a 409. */
    Map<String, Object> finish(String envelopeId, boolean completed, String reason) {
        Map<String, Object> envelope = envelopes.get(envelopeId);
        if (envelope == null) {
            throw DocuSignError.rest(404, "ENVELOPE_DOES_NOT_EXIST", "No envelope " + envelopeId + ".");
        }
        App app = apps.values().stream().filter(a -> a.accountId().equals(envelope.get("accountId"))).findFirst()
                .orElseThrow();
        synchronized (envelope) {
            if (!"sent".equals(envelope.get("status"))) {
                throw DocuSignError.rest(409, "ENVELOPE_INVALID_STATUS", "Envelope " + envelopeId + " is "
                        + envelope.get("status") + ".");
            }
            Instant now = clock.instant();
            envelope.put("status", completed ? "completed" : "declined");
            envelope.put("statusDateTime", now.toString());
            envelope.put(completed ? "completedDateTime" : "declinedDateTime", now.toString());
            if (!completed) {
                envelope.put("declinedReason", reason == null || reason.isBlank() ? "Declined in the sandbox" : reason);
            }
            connect(completed ? "envelope-completed" : "envelope-declined", envelope, app);
            return new LinkedHashMap<>(envelope);
        }
    }

    /** A Connect 2.0 JSON (SIM) notification: {@code {event, apiVersion, uri, generatedDateTime, data{…}}}. */
    private void connect(String event, Map<String, Object> envelope, App app) {
        Map<String, Object> summary = new LinkedHashMap<>(envelope);
        summary.remove("accountId");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", app.accountId());
        data.put("userId", app.userId());
        data.put("envelopeId", envelope.get("envelopeId"));
        data.put("envelopeSummary", summary);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("apiVersion", "v2.1");
        body.put("uri", "/restapi/v2.1/accounts/" + app.accountId() + "/envelopes/" + envelope.get("envelopeId"));
        body.put("retryCount", 0);
        body.put("configurationId", 10_000_001);
        body.put("generatedDateTime", clock.instant().toString());
        body.put("data", data);
        delivery.send(Providers.DOCUSIGN, UUID.randomUUID().toString(), event, JSON.writeValueAsString(body));
    }

    private App app(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Token found = token == null ? null : tokens.get(token);
        if (found == null || found.expires().isBefore(clock.instant())) {
            throw DocuSignError.rest(401, "USER_AUTHENTICATION_FAILED",
                    "One or both of Username and Password are invalid. Invalid access token");
        }
        return found.app();
    }

    private App account(String authorization, String accountId) {
        App app = app(authorization);
        if (!app.accountId().equals(accountId)) {
            throw DocuSignError.rest(400, "USER_LACKS_MEMBERSHIP", "The UserID does not have a valid membership in this"
                    + " Account.");
        }
        return app;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    static PublicKey parsePublicKey(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw DocuSignError.oauth(400, "invalid_request", "publicKey must be a PEM RSA public key (BEGIN PUBLIC KEY).");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
