package io.plinth.video.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.web.FieldViolation;
import org.junit.jupiter.api.Test;

class GenerationRulesTest {

    private final GenerationRules rules = new GenerationRules(20);

    @Test
    void aGoodRequestHasNoViolations() {
        assertThat(rules.check("A cat", "en", 1, true, "mp4")).isEmpty();
        assertThat(rules.check("x".repeat(20), "sw", 10, false, "mp4")).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        assertThat(rules.check(" ", "xx", 0, null, "mov"))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("prompt", "required"),
                        org.assertj.core.groups.Tuple.tuple("lang", "unsupported"),
                        org.assertj.core.groups.Tuple.tuple("scenes", "out_of_range"),
                        org.assertj.core.groups.Tuple.tuple("vertical", "required"),
                        org.assertj.core.groups.Tuple.tuple("outputFormat", "unsupported"));
    }

    @Test
    void thePromptLimitCountsTrimmedCharacters() {
        assertThat(rules.check("  " + "x".repeat(20) + "  ", "en", 1, true, "mp4")).isEmpty();
        assertThat(rules.check("x".repeat(21), "en", 1, true, "mp4")).extracting(FieldViolation::code)
                .containsExactly("too_long");
    }
}
