package io.github.embeddable4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.List;

/**
 * Plays what a test client cannot be over loopback: a client on another machine ({@code X-Test-Remote-Addr} becomes
 * the remote address) and a signed-in user ({@code X-Test-User}, with the roles in {@code X-Test-Roles}), the way an
 * authentication filter (Spring Security's, say) wraps the request.
 */
public class FakeClientFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String remote = http.getHeader("X-Test-Remote-Addr");
        String user = http.getHeader("X-Test-User");
        List<String> roles = http.getHeader("X-Test-Roles") == null ? List.of() : List.of(http.getHeader("X-Test-Roles").split(","));
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public String getRemoteAddr() {
                return remote != null ? remote : super.getRemoteAddr();
            }

            @Override
            public Principal getUserPrincipal() {
                return user == null ? super.getUserPrincipal() : () -> user;
            }

            @Override
            public String getRemoteUser() {
                return user != null ? user : super.getRemoteUser();
            }

            @Override
            public boolean isUserInRole(String role) {
                return user != null ? roles.contains(role) : super.isUserInRole(role);
            }
        }, response);
    }
}
