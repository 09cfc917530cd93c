package io.plinth.client;

/** 404: no such resource for this caller (another user's hold is 404 too, never someone else's data). */
public final class NotFoundException extends PlinthException {

    NotFoundException(ProblemDetails problem) {
        super(problem);
    }
}
