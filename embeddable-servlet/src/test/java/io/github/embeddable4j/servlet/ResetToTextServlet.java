package io.github.embeddable4j.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A page begun (its head written, so the widget went in), then discarded with {@code resetBuffer()} for plain text, as
 * a controller does when it fails half-way and answers with a short message instead.
 */
final class ResetToTextServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write("<!DOCTYPE html><html><head><title>begun</title></head><body><p>half");
        resp.resetBuffer();
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write("no page after all");
    }
}
