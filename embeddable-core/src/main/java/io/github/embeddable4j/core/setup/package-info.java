/**
 * The setup page and the config tool's report. {@link io.github.embeddable4j.core.setup.ConfigReport} is what the
 * config tool says about a set of settings (the command line prints its text); {@link io.github.embeddable4j.core.setup.SetupPage}
 * renders it, with the registration checklist, the snippets, graduation progress and the config tool as a form, into
 * one self-contained HTML page that never shows a secret; {@link io.github.embeddable4j.core.setup.SetupAccess} tells
 * whether a request comes from this machine. Adapters serve the page (the servlet module's {@code SetupPageServlet}).
 *
 * <pre>{@code
 * String html = SetupPage.of(embeddable).withGraduation(tracker.progress()).render(query); // Map<String, List<String>>
 * SetupPage.headers().forEach(response::setHeader);
 * }</pre>
 */
@NullMarked
package io.github.embeddable4j.core.setup;

import org.jspecify.annotations.NullMarked;
