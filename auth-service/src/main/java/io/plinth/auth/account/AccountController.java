package io.plinth.auth.account;

import java.util.List;

import io.plinth.platform.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    record RegisterRequest(String email, String password, String phone, String tenantId) {
    }

    record RegisterResponse(String userId, String email, String tier, String tenantId) {
    }

    record MeResponse(String userId, String email, String phone, String tier, List<String> roles, String tenantId,
                      boolean emailVerified) {
    }

    record TokenRequest(String token) {
    }

    record PasswordResetRequest(String email) {
    }

    record PasswordResetConfirmRequest(String token, String newPassword) {
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RegisterResponse> register(@RequestBody RegisterRequest request) {
        return accounts.register(new Accounts.Registration(request.email(), request.password(), request.phone(),
                        request.tenantId()))
                .map(u -> new RegisterResponse(u.id().toString(), u.email(), u.tier(), u.tenantId()));
    }

    @GetMapping("/me")
    Mono<MeResponse> me(CurrentUser caller) {
        return accounts.me(caller.userId(), caller.tenantId())
                .map(u -> new MeResponse(u.id().toString(), u.email(), u.phone(), u.tier(), u.roles(), u.tenantId(),
                        u.emailVerified()));
    }

    @PostMapping("/email/verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> resendVerification(CurrentUser caller) {
        return accounts.requestEmailVerification(caller.userId(), caller.tenantId());
    }

    @PostMapping("/email/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> verify(@RequestBody TokenRequest request) {
        return accounts.verifyEmail(request.token());
    }

    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> requestReset(@RequestBody PasswordResetRequest request) {
        return accounts.requestPasswordReset(request.email());
    }

    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> confirmReset(@RequestBody PasswordResetConfirmRequest request) {
        return accounts.confirmPasswordReset(request.token(), request.newPassword());
    }
}
