package io.plinth.client;

import io.plinth.client.GatewayStub.Answer;

/** Canned platform answers shared by the tests. */
final class Fixtures {

    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/refresh";
    static final String BALANCE = "/api/v1/credits/balance";
    static final String CONSUME = "/api/v1/credits/consume";
    static final String CROSS_AUTH = "/api/v1/cross-app/auth";
    static final String CROSS_CHECK = "/api/v1/cross-app/credits/check";
    static final String CROSS_CONSUME = "/api/v1/cross-app/credits/consume";

    static final String BALANCE_OK = "{\"balance\":7,\"held\":2,\"available\":5,\"inDebt\":false,\"tier\":\"free\","
            + "\"dailyLimit\":3,\"usedToday\":0,\"addedLater\":true}";
    static final String CONSUMED = "{\"transactionId\":\"consume:1\",\"balance\":4}";

    private Fixtures() {
    }

    static Answer tokens(String access, String refresh, long expiresIn) {
        return Answer.json(200, "{\"accessToken\":\"" + access + "\",\"refreshToken\":\"" + refresh
                + "\",\"tokenType\":\"Bearer\",\"expiresIn\":" + expiresIn + "}");
    }

    static Answer appSession(String token, long expiresIn) {
        return Answer.json(200, "{\"sessionToken\":\"" + token + "\",\"user\":{\"userId\":\"u-1\",\"tenantId\":\"default\","
                + "\"email\":\"ada@example.com\"},\"permissions\":[\"read_credits\",\"consume_credits\"],\"expiresIn\":"
                + expiresIn + "}");
    }

    /** Ada, signed in through the stub (which then has seen one login). */
    static UserSession signedIn(GatewayStub stub) {
        stub.on(LOGIN, tokens("access-1", "refresh-1", 900));
        return client(stub).build().login("ada@example.com", "correct horse battery");
    }

    static PlinthClient.Builder client(GatewayStub stub) {
        return PlinthClient.builder().baseUrl(stub.baseUrl())
                .initialBackoff(java.time.Duration.ofMillis(5))
                .maxBackoff(java.time.Duration.ofMillis(20));
    }
}
