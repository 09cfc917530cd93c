package io.plinth.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests that start with Ada signed in through a fresh {@link GatewayStub}. */
abstract class SignedInTest {

    GatewayStub stub;
    UserSession ada;

    @BeforeEach
    void signIn() throws Exception {
        stub = new GatewayStub();
        ada = Fixtures.signedIn(stub);
    }

    @AfterEach
    void stopTheStub() {
        stub.close();
    }
}
