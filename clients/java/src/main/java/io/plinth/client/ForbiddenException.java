package io.plinth.client;

/** 403: signed in, but not allowed (an app without the permission, a user calling an admin route). */
public final class ForbiddenException extends PlinthException {

    ForbiddenException(ProblemDetails problem) {
        super(problem);
    }
}
