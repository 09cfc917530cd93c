package io.plinth.client;

/**
 * 401: wrong credentials, a token the platform no longer accepts, or a session that ended. With
 * {@link #code()} {@code refresh_token_reused} the platform saw a spent refresh token again and ended
 * the whole login (a stolen token is the usual reason): the session is over and the user must sign in again.
 */
public final class AuthenticationException extends PlinthException {

    AuthenticationException(ProblemDetails problem) {
        super(problem);
    }
}
