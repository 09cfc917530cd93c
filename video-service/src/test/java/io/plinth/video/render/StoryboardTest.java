package io.plinth.video.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoryboardTest {

    @Test
    void sentencesAreDealtOutOverTheScenesInOrder() {
        Storyboard board = Storyboard.fromPrompt("One. Two. Three. Four.", 2);

        assertThat(board.scenes()).extracting(Storyboard.Scene::text).containsExactly("One. Two.", "Three. Four.");
        assertThat(board.scenes()).extracting(Storyboard.Scene::number).containsExactly(1, 2);
        assertThat(board.title()).isEqualTo("One.");
    }

    @Test
    void aShortPromptIsSplitAtWordsSoEverySceneHasText() {
        Storyboard board = Storyboard.fromPrompt("a cat on a mat", 3);

        assertThat(board.scenes()).hasSize(3).allSatisfy(scene -> assertThat(scene.text()).isNotBlank());
        assertThat(String.join(" ", board.scenes().stream().map(Storyboard.Scene::text).toList()))
                .isEqualTo("a cat on a mat");
    }

    @Test
    void moreScenesThanWordsRepeatThePrompt() {
        Storyboard board = Storyboard.fromPrompt("hello", 4);

        assertThat(board.scenes()).hasSize(4).extracting(Storyboard.Scene::text).containsOnly("hello");
    }

    @Test
    void aLongFirstSentenceMakesAShortTitle() {
        Storyboard board = Storyboard.fromPrompt("x".repeat(10) + " " + "y".repeat(100) + ".", 1);

        assertThat(board.title()).hasSizeLessThanOrEqualTo(60).endsWith("…");
    }
}
