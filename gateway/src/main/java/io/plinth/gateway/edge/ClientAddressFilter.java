package io.plinth.gateway.edge;

import java.net.InetSocketAddress;

import io.plinth.gateway.GatewayFilterOrder;
import io.plinth.web.ClientAddressHeader;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Decides the client's address once ({@link ClientAddresses}), keeps it as an exchange attribute for the
 * rate limits and passes it to the services in {@link ClientAddressHeader#NAME}, replacing whatever a
 * client sent under that name.
 */
public class ClientAddressFilter implements WebFilter, Ordered {

    /** Exchange attribute holding the decided address. */
    public static final String ATTRIBUTE = ClientAddressFilter.class.getName() + ".address";

    private final ClientAddresses addresses;

    ClientAddressFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        String address = addresses.decide(peer, exchange.getRequest().getHeaders().getOrEmpty("X-Forwarded-For"));
        exchange.getAttributes().put(ATTRIBUTE, address);
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(ClientAddressHeader.NAME, address)))
                .build());
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.CLIENT_ADDRESS;
    }
}
