package io.plinth.video.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery resolver, asked from an event loop as a connection asks it: the lookup (blocking, in production
 * the JDK's) runs elsewhere, and a name with any non-public address does not resolve.
 */
class CallbackResolverGroupTest {

    private static final Map<String, String[]> DNS = Map.of(
            "callbacks.example", new String[] {"203.0.113.7", "2001:4860:4860::8888"},
            "rebound.example", new String[] {"203.0.113.7", "127.0.0.1"},
            "metadata.example", new String[] {"169.254.169.254"});

    private final EventLoop eventLoop = new DefaultEventLoop();
    private final List<Boolean> lookedUpOnTheEventLoop = new CopyOnWriteArrayList<>();
    private final CallbackResolverGroup group = new CallbackResolverGroup(host -> {
        lookedUpOnTheEventLoop.add(eventLoop.inEventLoop());
        String[] answers = DNS.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            addresses[i] = InetAddress.getByName(answers[i]); // IP literals: no lookup
        }
        return addresses;
    }, CallbackUrls::permitted);

    @AfterEach
    void stop() {
        group.close();
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aPublicNameResolvesWithItsLookupOffTheEventLoop() throws Exception {
        InetSocketAddress one = onTheEventLoop(resolver -> resolver.resolve(unresolved("callbacks.example")));
        List<InetSocketAddress> all = onTheEventLoop(resolver -> resolver.resolveAll(unresolved("callbacks.example")));

        assertThat(one).isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 443));
        assertThat(all).extracting(InetSocketAddress::getAddress)
                .containsExactly(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("2001:4860:4860::8888"));
        assertThat(lookedUpOnTheEventLoop).containsExactly(false, false);
    }

    @Test
    void aNameWithANonPublicAddressDoesNotResolve() {
        for (String host : List.of("rebound.example", "metadata.example")) {
            assertThatThrownBy(() -> onTheEventLoop(resolver -> resolver.resolve(unresolved(host))))
                    .as(host).hasRootCauseInstanceOf(UnknownHostException.class)
                    .hasRootCauseMessage(host + " resolves to a non-public address");
            assertThatThrownBy(() -> onTheEventLoop(resolver -> resolver.resolveAll(unresolved(host))))
                    .as(host).hasRootCauseInstanceOf(UnknownHostException.class)
                    .hasRootCauseMessage(host + " resolves to a non-public address");
        }
    }

    @Test
    void aNameThatDoesNotResolveFails() {
        assertThatThrownBy(() -> onTheEventLoop(resolver -> resolver.resolve(unresolved("nowhere.example"))))
                .hasRootCauseInstanceOf(UnknownHostException.class);
    }

    /** Asks from the event loop, as Netty's bootstrap does when it connects. */
    private <T> T onTheEventLoop(Function<AddressResolver<InetSocketAddress>, Future<T>> ask)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        AddressResolver<InetSocketAddress> resolver = group.getResolver(eventLoop);
        return eventLoop.submit(() -> ask.apply(resolver)).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    private static InetSocketAddress unresolved(String host) {
        return InetSocketAddress.createUnresolved(host, 443);
    }
}
