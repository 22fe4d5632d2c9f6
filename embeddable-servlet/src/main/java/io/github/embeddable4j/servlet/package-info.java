/**
 * embeddable4j for any Jakarta Servlet 5 or 6 container: {@link io.github.embeddable4j.servlet.EmbeddableFilter} puts the
 * widget's loader into HTML responses as they stream; {@link io.github.embeddable4j.servlet.RedirectPageServlet}
 * serves the OAuth redirect page; {@link io.github.embeddable4j.servlet.LoginHandoffServlet} and
 * {@link io.github.embeddable4j.servlet.LoginHandoffFlow} sign users in once; {@link
 * io.github.embeddable4j.servlet.BridgeServlet} receives the widget's events and relays the third-party service;
 * {@link io.github.embeddable4j.servlet.SetupPageServlet} serves the setup page to localhost (or a role).
 *
 * <pre>{@code
 * Embeddable embeddable = Embeddable.of(EmbeddableConfig.fromEnvironment(System.getenv()));
 * EmbeddableFilter.register(servletContext, new EmbeddableFilter(embeddable));
 * }</pre>
 */
@NullMarked
package io.github.embeddable4j.servlet;

import org.jspecify.annotations.NullMarked;
