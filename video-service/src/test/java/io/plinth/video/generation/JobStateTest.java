package io.plinth.video.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void aQueuedJobIsClaimedForRenderingOrFailsNeverCompletesWithoutARender() {
        assertThat(JobState.QUEUED.canBecome(JobState.RENDERING)).isTrue();
        assertThat(JobState.QUEUED.canBecome(JobState.COMPLETED)).isFalse();
    }

    @Test
    void aRenderingJobCompletesGoesBackToTheQueueOrFails() {
        assertThat(JobState.RENDERING.next()).containsExactlyInAnyOrder(JobState.RENDERING, JobState.QUEUED,
                JobState.COMPLETED, JobState.FAILED);
    }

    @Test
    void completedAndFailedAreFinal() {
        assertThat(JobState.COMPLETED.isFinal()).isTrue();
        assertThat(JobState.FAILED.isFinal()).isTrue();
        assertThat(JobState.FAILED.canBecome(JobState.QUEUED)).isFalse();
        assertThat(JobState.RENDERING.isFinal()).isFalse();
    }
}
