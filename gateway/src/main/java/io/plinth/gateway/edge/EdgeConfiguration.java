package io.plinth.gateway.edge;

import java.util.Locale;

import io.plinth.gateway.GatewayProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/** The filters every request passes before a route runs; their order is {@link io.plinth.gateway.GatewayFilterOrder}. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    CorsFilter corsFilter(CorsProperties properties) {
        return new CorsFilter(properties);
    }

    @Bean
    StripIdentityHeadersFilter stripIdentityHeadersFilter() {
        return new StripIdentityHeadersFilter();
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    ClientAddressFilter clientAddressFilter(GatewayProperties properties) {
        return new ClientAddressFilter(ClientAddresses.trusting(properties.trustedProxies()));
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(GatewayProperties properties) {
        return new BodySizeLimitFilter(properties.maxBodySize().toBytes());
    }

    /**
     * The gateway answers CORS for everyone; a service's own Access-Control-* headers would
     * duplicate or contradict it, so they are dropped from proxied responses.
     */
    @Bean
    HttpHeadersFilter downstreamCorsHeadersFilter() {
        return new HttpHeadersFilter() {
            @Override
            public HttpHeaders filter(HttpHeaders input, org.springframework.web.server.ServerWebExchange exchange) {
                HttpHeaders filtered = new HttpHeaders();
                input.forEach((name, values) -> {
                    if (!name.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                        filtered.addAll(name, values);
                    }
                });
                return filtered;
            }

            @Override
            public boolean supports(Type type) {
                return type == Type.RESPONSE;
            }
        };
    }

}
