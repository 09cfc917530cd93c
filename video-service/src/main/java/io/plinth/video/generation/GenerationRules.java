package io.plinth.video.generation;

import io.plinth.web.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a generation request must look like, as plain rules (the controller turns the violations
 * into a 422 naming each field). Checked before anything is held or queued.
 */
final class GenerationRules {

    static final int MIN_SCENES = 1;
    static final int MAX_SCENES = 10;

    /** ISO 639-1 codes of the languages the storyboard and the cards are written in. */
    static final Set<String> LANGUAGES = Set.of("en", "es", "fr", "de", "it", "pt", "nl", "sw", "ar", "hi", "zh",
            "ja", "ko", "ru", "tr", "pl", "id");

    static final Set<String> OUTPUT_FORMATS = Set.of("mp4");

    private final int maxPromptLength;

    GenerationRules(int maxPromptLength) {
        this.maxPromptLength = maxPromptLength;
    }

    /** Empty when the request is good. Null fields are reported as required. */
    List<FieldViolation> check(String prompt, String lang, Integer scenes, Boolean vertical, String outputFormat) {
        List<FieldViolation> errors = new ArrayList<>();
        if (prompt == null || prompt.isBlank()) {
            errors.add(FieldViolation.of("prompt", "required", "must not be empty"));
        } else if (prompt.strip().length() > maxPromptLength) {
            errors.add(FieldViolation.of("prompt", "too_long", "must be at most " + maxPromptLength + " characters"));
        } else if (prompt.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            errors.add(FieldViolation.of("prompt", "invalid_characters", "must not contain control characters"));
        }
        if (lang == null || lang.isBlank()) {
            errors.add(FieldViolation.of("lang", "required", "must be one of " + sorted(LANGUAGES)));
        } else if (!LANGUAGES.contains(lang)) {
            errors.add(FieldViolation.of("lang", "unsupported", "must be one of " + sorted(LANGUAGES)));
        }
        if (scenes == null) {
            errors.add(FieldViolation.of("scenes", "required", "must be between " + MIN_SCENES + " and " + MAX_SCENES));
        } else if (scenes < MIN_SCENES || scenes > MAX_SCENES) {
            errors.add(FieldViolation.of("scenes", "out_of_range", "must be between " + MIN_SCENES + " and " + MAX_SCENES));
        }
        if (vertical == null) {
            errors.add(FieldViolation.of("vertical", "required", "must be true or false"));
        }
        if (outputFormat == null || outputFormat.isBlank()) {
            errors.add(FieldViolation.of("outputFormat", "required", "must be one of " + sorted(OUTPUT_FORMATS)));
        } else if (!OUTPUT_FORMATS.contains(outputFormat)) {
            errors.add(FieldViolation.of("outputFormat", "unsupported", "must be one of " + sorted(OUTPUT_FORMATS)));
        }
        return errors;
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
