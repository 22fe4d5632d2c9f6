package io.github.embeddable4j.servlet;

import io.github.embeddable4j.core.inject.PageRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A browser's navigation to a page, with its conditional and range headers hidden from the application. The browser
 * sends them with the validators of the copy it holds, which may be the file as it was served before the widget was
 * added (the filter drops the validators of every page it injects into, so only such a copy has them): a static-file
 * servlet would answer 304 and the page would stay without the widget, or 206 with a part of the file alone. Hidden,
 * the page is written in full and the filter decides. Other requests (scripts, images, a fetch, a navigation to a
 * file whose type is not HTML) keep their headers, so their 304s and ranges stay.
 */
final class FullPageRequest extends HttpServletRequestWrapper {

    private FullPageRequest(HttpServletRequest request) {
        super(request);
    }

    /**
     * The request with those headers hidden when it is a navigation to a page, or any request for an HTML file, that
     * carries any (see {@link PageRequests#losesConditionalHeaders}); else the request.
     */
    static HttpServletRequest of(HttpServletRequest request, String path) {
        if (!PageRequests.isConditional(request::getHeader)) {
            return request; // the usual request: three lookups, nothing else
        }
        return PageRequests.losesConditionalHeaders(request::getHeader, request.getServletContext().getMimeType(path))
                ? new FullPageRequest(request) : request;
    }

    private static boolean hidden(String name) {
        return PageRequests.isConditionalHeader(name);
    }

    @Override
    public @Nullable String getHeader(String name) {
        return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
            String name = all.nextElement();
            if (!hidden(name)) {
                names.add(name);
            }
        }
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        return hidden(name) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return hidden(name) ? -1 : super.getIntHeader(name);
    }
}
