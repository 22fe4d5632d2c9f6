package io.github.embeddable4j.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An exchange made up at start-up, to ask reactive Spring Security's rules about a path: a visitor without a session,
 * cookie, header or principal. Every method answers as for such a visitor (empty, null, false), whatever a matcher
 * asks; default methods keep their own behaviour.
 */
final class AnonymousExchange {

    private AnonymousExchange() {
    }

    /** A GET or POST of {@code path} (inside {@code basePath}) by a visitor without a session. */
    static ServerWebExchange of(String basePath, String path, String method) {
        URI uri = URI.create("http://localhost" + basePath + path);
        RequestPath requestPath = RequestPath.parse(uri, basePath.isEmpty() ? null : basePath);
        HttpHeaders headers = new HttpHeaders();
        Map<String, Object> attributes = new HashMap<>();
        ServerHttpRequest request = proxy(ServerHttpRequest.class, (m, args) -> switch (m.getName()) {
            case "getId" -> "embeddable4j-startup-check";
            case "getPath" -> requestPath;
            case "getURI" -> uri;
            case "getMethod" -> HttpMethod.valueOf(method);
            case "getHeaders" -> headers;
            case "getAttributes" -> attributes;
            default -> NONE;
        });
        ServerHttpResponse response = proxy(ServerHttpResponse.class, (m, args) -> switch (m.getName()) {
            case "getHeaders" -> new HttpHeaders();
            default -> NONE;
        });
        Map<String, Object> exchangeAttributes = new HashMap<>();
        return proxy(ServerWebExchange.class, (m, args) -> switch (m.getName()) {
            case "getRequest" -> request;
            case "getResponse" -> response;
            case "getAttributes" -> exchangeAttributes;
            case "getLogPrefix" -> "[embeddable4j start-up check] ";
            case "transformUrl" -> args[0];
            default -> NONE;
        });
    }

    /** What a handler returns for "answer as for nobody, or run the interface's default method". */
    private static final Object NONE = new Object();

    private interface Answers {
        @Nullable Object answer(Method method, @Nullable Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answers answers) {
        InvocationHandler handler = (proxy, m, args) -> {
            switch (m.getName()) {
                case "toString":
                    return "anonymous " + type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            Object answer = answers.answer(m, args);
            if (answer != NONE) {
                return answer;
            }
            return m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : nothing(m.getReturnType());
        };
        return type.cast(Proxy.newProxyInstance(AnonymousExchange.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** What a visitor without a session, cookie, header, form or principal has of a type. */
    private static @Nullable Object nothing(Class<?> type) {
        if (type == Mono.class) {
            return Mono.empty();
        } else if (type == Flux.class) {
            return Flux.empty();
        } else if (type == boolean.class) {
            return false;
        } else if (type == int.class) {
            return -1;
        } else if (type == long.class) {
            return -1L;
        } else if (type == MultiValueMap.class) {
            return new LinkedMultiValueMap<>();
        } else if (type == Map.class) {
            return new HashMap<>();
        } else if (type == Collection.class || type == List.class) {
            return List.of();
        }
        return null;
    }
}
