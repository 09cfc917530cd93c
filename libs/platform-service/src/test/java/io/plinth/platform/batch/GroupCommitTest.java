package io.plinth.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class GroupCommitTest {

    /** A database stand-in whose calls finish when the test says so. */
    private static final class Calls {
        final List<List<Integer>> received = new CopyOnWriteArrayList<>();
        final List<Sinks.One<List<String>>> pending = new CopyOnWriteArrayList<>();
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        Mono<List<String>> call(List<Integer> items) {
            received.add(List.copyOf(items));
            Sinks.One<List<String>> sink = Sinks.one();
            pending.add(sink);
            return sink.asMono();
        }

        void answer(int call) {
            pending.get(call).tryEmitValue(received.get(call).stream().map(i -> "r" + i).toList());
        }
    }

    @Test
    void anItemAloneGoesOutAtOnceAsACallOfOne() {
        Calls calls = new Calls();
        GroupCommit<Integer, String> group = new GroupCommit<>("items", calls::call, 64, 2, calls.sizes::add);

        CompletableFuture<String> answer = group.submit(7).toFuture();

        assertThat(calls.received).containsExactly(List.of(7));
        calls.answer(0);
        assertThat(answer).isCompletedWithValue("r7");
        assertThat(calls.sizes).containsExactly(1);
    }

    @Test
    void itemsArrivingWhileEveryCallRunsFormTheNextCallUpToTheSizeLimit() {
        Calls calls = new Calls();
        GroupCommit<Integer, String> group = new GroupCommit<>("items", calls::call, 3, 1, calls.sizes::add);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(group.submit(i).toFuture());
        }
        assertThat(calls.received).as("one call in flight at a time").containsExactly(List.of(0));

        calls.answer(0);
        assertThat(calls.received).containsExactly(List.of(0), List.of(1, 2, 3));
        calls.answer(1);
        assertThat(calls.received).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
        calls.answer(2);

        assertThat(answers).extracting(CompletableFuture::join).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(calls.sizes).containsExactly(1, 3, 2);
    }

    @Test
    void aFailedCallLeavesEachItemToItsOwnPathAndGivesItsSlotBack() {
        Calls calls = new Calls();
        GroupCommit<Integer, String> group = new GroupCommit<>("items", calls::call, 64, 1, calls.sizes::add);
        CompletableFuture<String> first = group.submit(1).toFuture();
        CompletableFuture<String> second = group.submit(2).toFuture();
        CompletableFuture<String> third = group.submit(3).toFuture();

        calls.answer(0);
        calls.pending.get(1).tryEmitError(new IllegalStateException("deadlock"));

        assertThat(first).isCompletedWithValue("r1");
        assertThat(second).as("empty: do it alone").isCompletedWithValue(null);
        assertThat(third).isCompletedWithValue(null);
        CompletableFuture<String> later = group.submit(4).toFuture();
        assertThat(calls.received).last().isEqualTo(List.of(4));
        calls.answer(2);
        assertThat(later).isCompletedWithValue("r4");
    }

    @Test
    void anItemWithoutAnAnswerIsLeftToItsOwnPathAndItsNeighboursAreAnswered() {
        GroupCommit<Integer, String> group = new GroupCommit<>("items",
                items -> Mono.just(items.stream().map(i -> i % 2 == 0 ? "even" + i : null).toList()),
                64, 1, size -> { });

        assertThat(group.submit(2).block()).isEqualTo("even2");
        assertThat(group.submit(3).blockOptional()).isEmpty();
    }

    @Test
    void aCallThatCannotEvenBeBuiltStillGivesItsSlotBack() {
        List<Integer> sizes = new ArrayList<>();
        boolean[] broken = {true};
        GroupCommit<Integer, String> group = new GroupCommit<>("items", items -> {
            if (broken[0]) {
                throw new IllegalArgumentException("cannot encode");
            }
            return Mono.just(List.of("ok"));
        }, 64, 1, sizes::add);

        assertThat(group.submit(1).blockOptional()).isEmpty();
        broken[0] = false;
        assertThat(group.submit(2).block()).isEqualTo("ok");
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new GroupCommit<Integer, String>("items", items -> Mono.empty(), 0, 1, size -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit<Integer, String>("items", items -> Mono.empty(), 1, 0, size -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
