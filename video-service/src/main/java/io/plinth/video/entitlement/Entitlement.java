package io.plinth.video.entitlement;

import java.util.regex.Pattern;

/** Entitlement names: {@code course:{id}} unlocks a course's videos, {@code feature:{name}} a feature (4k exports). */
public final class Entitlement {

    private static final Pattern NAME = Pattern.compile("course:[A-Za-z0-9_-]+|feature:[a-z0-9_]+");

    public static final String EXPORT_4K = "feature:export_4k";

    private Entitlement() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String course(String courseId) {
        return "course:" + courseId;
    }
}
