package io.plinth.integration.docusign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeStatusTest {

    @Test
    void anEndedEnvelopeNeverMovesAgain() {
        for (EnvelopeStatus ended : new EnvelopeStatus[] {EnvelopeStatus.COMPLETED, EnvelopeStatus.DECLINED, EnvelopeStatus.VOIDED}) {
            for (EnvelopeStatus next : EnvelopeStatus.values()) {
                assertThat(ended.canMoveTo(next)).as(ended + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void aSentOrDeliveredEnvelopeMovesForwardOnly() {
        assertThat(EnvelopeStatus.SENT.canMoveTo(EnvelopeStatus.DELIVERED)).isTrue();
        assertThat(EnvelopeStatus.SENT.canMoveTo(EnvelopeStatus.COMPLETED)).isTrue();
        assertThat(EnvelopeStatus.DELIVERED.canMoveTo(EnvelopeStatus.DECLINED)).isTrue();
        assertThat(EnvelopeStatus.DELIVERED.canMoveTo(EnvelopeStatus.SENT)).isFalse();
        assertThat(EnvelopeStatus.SENT.canMoveTo(EnvelopeStatus.SENT)).isFalse();
    }

    @Test
    void connectEventsMapToTheStatusTheyReportAndOthersToNone() {
        assertThat(EnvelopeStatus.ofConnectEvent("envelope-completed")).contains(EnvelopeStatus.COMPLETED);
        assertThat(EnvelopeStatus.ofConnectEvent("envelope-declined")).contains(EnvelopeStatus.DECLINED);
        assertThat(EnvelopeStatus.ofConnectEvent("recipient-completed")).isEmpty();
    }
}
