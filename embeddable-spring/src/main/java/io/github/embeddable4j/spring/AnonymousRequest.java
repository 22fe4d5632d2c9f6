package io.github.embeddable4j.spring;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request made up at start-up for {@link SecuredPathsCheck}: a visitor without a session, cookie, header or user,
 * dispatched to a path as the container would (to the servlet whose mapping takes it: exact, then the longest
 * {@code /prefix/*}, else the default servlet), since Spring Security 6.5 decides by that mapping how to match its
 * patterns. Every other method answers as for such a visitor (null, false, empty, -1), whatever request matchers ask.
 */
final class AnonymousRequest {

    private AnonymousRequest() {
    }

    /** A GET or POST of {@code path} (inside the context) by a visitor without a session. */
    static HttpServletRequest of(ServletContext servletContext, String path, String method) {
        return of(servletContext, path, method, DispatcherType.REQUEST);
    }

    /** The same as the container's {@code dispatch} of it (an {@code ERROR} dispatch to the error page). */
    static HttpServletRequest of(ServletContext servletContext, String path, String method, DispatcherType dispatch) {
        String exactServlet = null;
        String prefixServlet = null;
        String prefix = null;
        String defaultServlet = "";
        for (ServletRegistration registration : servletContext.getServletRegistrations().values()) {
            for (String mapping : registration.getMappings()) {
                if (mapping.equals(path)) {
                    exactServlet = registration.getName();
                } else if (mapping.equals("/")) {
                    defaultServlet = registration.getName();
                } else if (mapping.endsWith("/*") && (path + "/").startsWith(mapping.substring(0, mapping.length() - 1))
                        && (prefix == null || mapping.length() > prefix.length() + 2)) {
                    prefix = mapping.substring(0, mapping.length() - 2);
                    prefixServlet = registration.getName();
                }
            }
        }
        String servletPath;
        String pathInfo;
        HttpServletMapping mapping;
        if (exactServlet != null) {
            servletPath = path;
            pathInfo = null;
            mapping = mapping(path.substring(1), path, exactServlet, MappingMatch.EXACT);
        } else if (prefix != null && prefixServlet != null) {
            servletPath = prefix;
            pathInfo = path.length() > prefix.length() ? path.substring(prefix.length()) : null;
            mapping = mapping(pathInfo == null ? "" : pathInfo.substring(1), prefix + "/*", prefixServlet, MappingMatch.PATH);
        } else {
            servletPath = path;
            pathInfo = null;
            mapping = mapping("", "/", defaultServlet, MappingMatch.DEFAULT);
        }
        String contextPath = servletContext.getContextPath();
        Map<String, Object> attributes = new HashMap<>(); // matchers cache the parsed path in one
        return (HttpServletRequest) Proxy.newProxyInstance(AnonymousRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContextPath" -> contextPath;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    case "getRequestURI" -> contextPath + path;
                    case "getRequestURL" -> new StringBuffer("http://localhost").append(contextPath).append(path);
                    case "getServletContext" -> servletContext;
                    case "getHttpServletMapping" -> mapping;
                    case "getDispatcherType" -> dispatch;
                    case "getScheme" -> "http";
                    case "getServerName", "getLocalName", "getRemoteHost" -> "localhost";
                    case "getServerPort", "getLocalPort", "getRemotePort" -> 80;
                    case "getRemoteAddr", "getLocalAddr" -> "127.0.0.1";
                    case "getProtocol" -> "HTTP/1.1";
                    case "getLocale" -> Locale.ROOT;
                    case "getLocales" -> Collections.enumeration(List.of(Locale.ROOT));
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
                    case "setAttribute" -> args[1] == null ? attributes.remove((String) args[0])
                            : attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "toString" -> "anonymous " + method + " " + contextPath + path;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> nothing(m.getReturnType());
                });
    }

    /** What a visitor without a session, cookie, header, parameter or user has of a type. */
    private static @Nullable Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return false;
        } else if (type == int.class) {
            return -1; // getContentLength, getIntHeader: absent
        } else if (type == long.class) {
            return -1L;
        } else if (type == java.util.Enumeration.class) {
            return Collections.emptyEnumeration();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == Collection.class) {
            return List.of();
        }
        return null;
    }

    private static HttpServletMapping mapping(String matchValue, String pattern, String servletName, MappingMatch match) {
        return new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return matchValue;
            }

            @Override
            public String getPattern() {
                return pattern;
            }

            @Override
            public String getServletName() {
                return servletName;
            }

            @Override
            public MappingMatch getMappingMatch() {
                return match;
            }
        };
    }
}
