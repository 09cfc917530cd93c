package io.plinth.console.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FormErrorsTest {

    @Test
    void textIsTrimmedRequiredAndBounded() {
        FormErrors errors = new FormErrors();

        assertThat(errors.text("name", "Name", "  Academy ", 10)).isEqualTo("Academy");
        assertThat(errors.text("empty", "Empty", "   ", 10)).isNull();
        assertThat(errors.text("long", "Long", "x".repeat(11), 10)).isNull();
        assertThat(errors.optionalText("none", "None", "", 10)).isNull();

        assertThat(errors.asMap()).containsOnlyKeys("empty", "long");
        assertThat(errors.asMap().get("empty")).isEqualTo("Empty is required.");
        assertThat(errors.asMap().get("long")).isEqualTo("Long must be at most 10 characters.");
    }

    @Test
    void wholeNumbersRefuseOtherTypesAndOutOfRange() {
        FormErrors errors = new FormErrors();

        assertThat(errors.wholeNumber("a", "A", "25", 1, 100)).isEqualTo(25L);
        assertThat(errors.wholeNumber("b", "B", "2.5", 1, 100)).isNull();
        assertThat(errors.wholeNumber("c", "C", "ten", 1, 100)).isNull();
        assertThat(errors.wholeNumber("d", "D", "0", 1, 100)).isNull();
        assertThat(errors.wholeNumber("e", "E", "99999999999999999999", 1, 100)).isNull();

        assertThat(errors.asMap()).containsOnlyKeys("b", "c", "d", "e");
        assertThat(errors.asMap().get("c")).isEqualTo("C must be a whole number.");
        assertThat(errors.asMap().get("d")).isEqualTo("D must be from 1 to 100.");
    }

    @Test
    void emailNeedsAnAt() {
        FormErrors errors = new FormErrors();
        assertThat(errors.email("email", "Email", "admin@plinth.local")).isEqualTo("admin@plinth.local");
        assertThat(errors.email("bad", "Email", "admin")).isNull();
        assertThat(errors.asMap()).containsOnlyKeys("bad");
    }

    @Test
    void pagingAListTheApiReturnsWhole() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);

        assertThat(Paging.slice(all, null, 2)).isEqualTo(new Paging.Slice<>(List.of(1, 2), "2"));
        assertThat(Paging.slice(all, "2", 2)).isEqualTo(new Paging.Slice<>(List.of(3, 4), "4"));
        assertThat(Paging.slice(all, "4", 2)).isEqualTo(new Paging.Slice<>(List.of(5), null));
        assertThat(Paging.slice(all, "99", 2).items()).isEmpty();
        assertThat(Paging.slice(all, "garbage", 2).items()).containsExactly(1, 2);
    }
}
