package io.plinth.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.crypto.OpaqueTokens;
import io.plinth.auth.tenant.TenantDirectory;
import io.plinth.events.EventFactory;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.events.user.UserRegistered;
import io.plinth.platform.outbox.Outbox;
import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import io.plinth.web.FieldViolation;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Accounts: registration, profile, email verification and password reset. Events go through the outbox
 * in the same transaction as the change they report, so each is published exactly when it happened.
 */
@Service
public class Accounts {

    public static final String TIER_FREE = "free";

    private final UserRepository users;
    private final OneTimeTokenStore oneTimeTokens;
    private final TenantDirectory tenants;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final EventFactory events;
    private final TransactionalOperator tx;
    private final AuthProperties props;
    private final Clock clock;
    private final SessionRevoker sessions;
    private final MailTokenSeal mailTokens;

    Accounts(UserRepository users, OneTimeTokenStore oneTimeTokens, TenantDirectory tenants, PasswordPolicy policy,
             PasswordHasher hasher, Outbox outbox, EventFactory events, TransactionalOperator tx,
             AuthProperties props, Clock clock, SessionRevoker sessions, MailTokenSeal mailTokens) {
        this.users = users;
        this.oneTimeTokens = oneTimeTokens;
        this.tenants = tenants;
        this.policy = policy;
        this.hasher = hasher;
        this.outbox = outbox;
        this.events = events;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
        this.sessions = sessions;
        this.mailTokens = mailTokens;
    }

    public record Registration(String email, String password, String phone, String tenantId) {
    }

    /** Creates a USER account; 422 naming each bad field, 409 {@code email_taken}. */
    public Mono<User> register(Registration r) {
        List<FieldViolation> errors = new ArrayList<>();
        Optional<EmailAddress> email = EmailAddress.parse(r.email());
        if (email.isEmpty()) {
            errors.add(FieldViolation.of("email", r.email() == null ? "required" : "invalid",
                    "A valid email address is required"));
        }
        policy.check(r.password()).ifPresent(v -> errors.add(FieldViolation.of("password", v.code(), v.message())));
        Optional<String> phone = PhoneNumber.parse(r.phone());
        if (r.phone() != null && !r.phone().isBlank() && phone.isEmpty()) {
            errors.add(FieldViolation.of("phone", "invalid", "Use E.164, e.g. 254712345678"));
        }
        String tenantId = r.tenantId() == null || r.tenantId().isBlank() ? TenantDirectory.DEFAULT_TENANT : r.tenantId();
        if (!errors.isEmpty()) {
            return Mono.error(AuthException.invalid(errors));
        }
        return tenants.exists(tenantId)
                .flatMap(exists -> exists ? Mono.empty() : Mono.error(AuthException.invalid(List.of(
                        FieldViolation.of("tenantId", "unknown", "No such tenant")))))
                .then(users.findByEmail(email.get().normalized()))
                .flatMap(existing -> Mono.<String>error(emailTaken()))
                .switchIfEmpty(Mono.defer(() -> hasher.hash(r.password())))
                .flatMap(hash -> create(email.get(), phone.orElse(null), hash, tenantId, List.of("USER")));
    }

    /** Inserts the user and its events; used by registration and the admin bootstrap. */
    Mono<User> create(EmailAddress email, String phone, String hash, String tenantId, List<String> roles) {
        Instant now = clock.instant();
        User user = new User(UUID.randomUUID(), tenantId, email.value(), phone, hash, roles, TIER_FREE, false, now);
        String token = OpaqueTokens.generate("ev_");
        Instant expires = now.plus(props.verificationTokenTtl());
        Mono<User> work = users.insert(user, email.normalized())
                .then(oneTimeTokens.save(OpaqueTokens.sha256(token), user.id(), OneTimeTokenStore.EMAIL_VERIFICATION,
                        now, expires))
                .then(outbox.append(events.create(user.id().toString(), tenantId,
                        new UserRegistered(user.id().toString(), user.email(), user.phone(), user.tier()))))
                .then(outbox.append(events.create(user.id().toString(), tenantId,
                        new UserEmailVerificationRequested(user.id().toString(), user.email(),
                                sealForMailer(token, UserEmailVerificationRequested.TYPE, user), expires))))
                .thenReturn(user);
        return tx.transactional(work)
                .onErrorMap(DataIntegrityViolationException.class, e -> emailTaken());
    }

    /** The caller's own account, only within their tenant (anything else is 404). */
    public Mono<User> me(String userId, String tenantId) {
        return parseId(userId)
                .flatMap(users::findById)
                .filter(u -> u.tenantId().equals(tenantId))
                .switchIfEmpty(Mono.error(() -> AuthException.notFound("No such user")));
    }

    public Mono<User> findByEmail(String email) {
        return users.findByEmail(EmailAddress.normalize(email));
    }

    public Mono<User> findById(String userId) {
        return parseId(userId).flatMap(users::findById);
    }

    /** Issues a fresh verification token (the old ones stay valid until they expire or are used). */
    public Mono<Void> requestEmailVerification(String userId, String tenantId) {
        return me(userId, tenantId)
                .flatMap(user -> user.emailVerified()
                        ? Mono.error(new AuthException(Refusal.EMAIL_ALREADY_VERIFIED, "The email is already verified"))
                        : Mono.just(user))
                .flatMap(user -> {
                    Instant now = clock.instant();
                    String token = OpaqueTokens.generate("ev_");
                    Instant expires = now.plus(props.verificationTokenTtl());
                    return tx.transactional(oneTimeTokens.save(OpaqueTokens.sha256(token), user.id(),
                                    OneTimeTokenStore.EMAIL_VERIFICATION, now, expires)
                            .then(outbox.append(events.create(user.id().toString(), user.tenantId(),
                                    new UserEmailVerificationRequested(user.id().toString(), user.email(),
                                            sealForMailer(token, UserEmailVerificationRequested.TYPE, user),
                                            expires)))));
                });
    }

    public Mono<Void> verifyEmail(String token) {
        if (token == null || token.isBlank()) {
            return Mono.error(AuthException.invalid(List.of(FieldViolation.of("token", "required", "A token is required"))));
        }
        Instant now = clock.instant();
        return tx.transactional(oneTimeTokens.consume(OpaqueTokens.sha256(token), OneTimeTokenStore.EMAIL_VERIFICATION, now)
                .switchIfEmpty(Mono.error(Accounts::badToken))
                .flatMap(userId -> users.markEmailVerified(userId, now)))
                .then();
    }

    /** Always succeeds, whether or not the email has an account: the answer must not reveal which emails exist. */
    public Mono<Void> requestPasswordReset(String email) {
        if (EmailAddress.parse(email).isEmpty()) {
            return Mono.error(AuthException.invalid(List.of(FieldViolation.of("email", "invalid",
                    "A valid email address is required"))));
        }
        return users.findByEmail(EmailAddress.normalize(email))
                .flatMap(user -> {
                    Instant now = clock.instant();
                    String token = OpaqueTokens.generate("pr_");
                    Instant expires = now.plus(props.resetTokenTtl());
                    return tx.transactional(oneTimeTokens.save(OpaqueTokens.sha256(token), user.id(),
                                    OneTimeTokenStore.PASSWORD_RESET, now, expires)
                            .then(outbox.append(events.create(user.id().toString(), user.tenantId(),
                                    new UserPasswordResetRequested(user.id().toString(), user.email(),
                                            sealForMailer(token, UserPasswordResetRequested.TYPE, user), expires)))));
                });
    }

    /** Sets the new password and ends every session of the user. */
    public Mono<Void> confirmPasswordReset(String token, String newPassword) {
        List<FieldViolation> errors = new ArrayList<>();
        if (token == null || token.isBlank()) {
            errors.add(FieldViolation.of("token", "required", "A token is required"));
        }
        policy.check(newPassword).ifPresent(v -> errors.add(FieldViolation.of("newPassword", v.code(), v.message())));
        if (!errors.isEmpty()) {
            return Mono.error(AuthException.invalid(errors));
        }
        return hasher.hash(newPassword).flatMap(hash -> {
            Instant now = clock.instant();
            return tx.transactional(oneTimeTokens.consume(OpaqueTokens.sha256(token), OneTimeTokenStore.PASSWORD_RESET, now)
                    .switchIfEmpty(Mono.error(Accounts::badToken))
                    .flatMap(userId -> users.updatePassword(userId, hash, now)
                            .then(sessions.revokeAllSessions(userId))));
        });
    }

    /**
     * Creates this admin if the address is free (start-up; never resets a password). An address already
     * held by a non-admin is refused, never promoted: whoever registered it first would otherwise become
     * admin with a password of their choosing.
     */
    Mono<User> ensureAdmin(String email, String password) {
        EmailAddress address = EmailAddress.parse(email)
                .orElseThrow(() -> new IllegalArgumentException("PLINTH_ADMIN_EMAIL is not an email address"));
        return users.findByEmail(address.normalized())
                .flatMap(existing -> existing.isAdmin() ? Mono.just(existing) : Mono.<User>error(
                        new IllegalStateException("PLINTH_ADMIN_EMAIL " + address.value() + " is already registered "
                                + "to an account that is not an admin; it will not be promoted. Choose an address "
                                + "nobody has registered, or have an existing admin review that account.")))
                .switchIfEmpty(Mono.defer(() -> hasher.hash(password)
                        .flatMap(hash -> create(address, null, hash, TenantDirectory.DEFAULT_TENANT,
                                List.of("USER", "ADMIN")))));
    }

    /** The raw token never goes on the topic: only the mailer can open this (docs/adr/0005). */
    private String sealForMailer(String token, String eventType, User user) {
        return mailTokens.seal(token, eventType, user.id().toString());
    }

    private static Mono<UUID> parseId(String id) {
        try {
            return Mono.just(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Mono.empty();
        }
    }

    private static AuthException emailTaken() {
        return new AuthException(Refusal.EMAIL_TAKEN, "An account with this email already exists");
    }

    private static AuthException badToken() {
        return new AuthException(Refusal.INVALID_OR_EXPIRED_TOKEN,
                "The token is unknown, expired or already used");
    }
}
