package io.plinth.console.session;

/** The console's paths that need no signed-in operator; everything else under /console does. */
final class ConsolePaths {

    static final String ROOT = "/console";
    static final String LOGIN = "/console/login";
    static final String NOT_ADMIN = "/console/not-admin";
    static final String STATIC = "/console/static/";

    private ConsolePaths() {
    }

    static boolean needsOperator(String path) {
        boolean console = path.equals(ROOT) || path.startsWith(ROOT + "/");
        return console && !path.equals(LOGIN) && !path.equals(NOT_ADMIN) && !path.startsWith(STATIC);
    }
}
