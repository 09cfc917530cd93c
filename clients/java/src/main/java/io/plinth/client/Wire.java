package io.plinth.client;

import java.util.List;

/** Response bodies the SDK reads but does not hand to apps as they are. */
final class Wire {

    private Wire() {
    }

    record LoginResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    record CrossAppAuthResponse(String sessionToken, AppUser user, List<String> permissions, long expiresIn) {
    }

    record CheckResponse(long currentBalance, boolean hasSufficientCredits) {
    }
}
