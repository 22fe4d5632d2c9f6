package io.github.embeddable4j.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A filter behind the injecting one that writes the start of the page before the servlet and its end (with
 * {@code </head>}) after it, as layout filters do: the page goes on after the servlet returns.
 */
public class LayoutFilter implements Filter {

    static final String BEFORE = "<!DOCTYPE html><html><head><title>layout</title>";
    static final String AFTER = "</head><body><p>laid out</p></body></html>\n";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(BEFORE.getBytes(StandardCharsets.UTF_8));
        chain.doFilter(request, response);
        response.getOutputStream().write(AFTER.getBytes(StandardCharsets.UTF_8));
    }
}
