package io.github.embeddable4j.core.setup;

import static io.github.embeddable4j.core.setup.Html.text;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.graduation.GraduationCriterion;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationScope;

/** Renders graduation progress: one row per criterion with a bar, the count and target, and the next step. */
final class GraduationHtml {

    /** The placeholder in the production settings the page suggests. */
    static final String PRODUCTION_CLIENT_ID = "<client ID of the app's production credentials>";

    private final StringBuilder out;

    GraduationHtml(StringBuilder out) {
        this.out = out;
    }

    void render(GraduationProgress progress) {
        GraduationScope scope = progress.scope();
        out.append("<p>Counted for ").append(scope.demoApp() ? "RingCentral's demo app (no client ID)"
                : "client ID <code>" + text(scope.clientId()) + "</code>").append(" on <code>")
                .append(text(scope.appServer().toString())).append("</code>, from the widget's events in this app"
                + " (counts of another client ID or server are kept apart).</p>");
        out.append("<p class=\"muted\">RingCentral's documentation now says newly created apps go straight to production;"
                + " this list matters for an app that was created in the sandbox and has to graduate.</p>");
        out.append("<table class=\"graduation\"><thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Progress</th>"
                + "<th scope=\"col\">Status</th></tr></thead><tbody>");
        for (GraduationProgress.Item item : progress.items()) {
            row(item);
        }
        out.append("</tbody></table>");
        nextStep(progress);
    }

    private void row(GraduationProgress.Item item) {
        GraduationCriterion c = item.criterion();
        switch (item.status()) {
            case CHECK_BY_HAND -> out.append("<tr class=\"by-hand\"><td>").append(text(c.requirement()))
                    .append("<p class=\"how\">Check by hand: ").append(text(reason(c))).append("</p></td><td>")
                    .append("<span class=\"muted\">not counted</span></td><td class=\"state\">check by hand</td></tr>");
            case DONE, IN_PROGRESS -> {
                int percent = (int) Math.min(100, (long) item.count() * 100 / item.target());
                boolean done = item.done();
                out.append("<tr class=\"").append(done ? "done" : "in-progress").append("\"><td>").append(text(c.requirement()))
                        .append("<p class=\"how\">Counted from ").append(text(c.signal())).append(" (")
                        .append(c.confidence() == GraduationCriterion.Confidence.INFERRED ? "inferred" : "as the widget's source posts it")
                        .append("): ").append(text(c.counting())).append(".</p></td>")
                        .append("<td><span class=\"count\">").append(item.count()).append(" / ").append(item.target())
                        .append("</span><div class=\"bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"")
                        .append(item.target()).append("\" aria-valuenow=\"").append(Math.min(item.count(), item.target()))
                        .append("\"><div class=\"fill w").append(percent).append("\"></div></div></td><td class=\"state\">")
                        .append(done ? "done" : "in progress").append("</td></tr>");
            }
        }
    }

    /** Why a criterion is not counted: its signal says "none: <why>". */
    private static String reason(GraduationCriterion c) {
        String signal = c.signal();
        return signal.startsWith("none: ") ? signal.substring("none: ".length()) : signal;
    }

    private void nextStep(GraduationProgress progress) {
        GraduationScope scope = progress.scope();
        long counted = progress.items().stream().filter(i -> i.status() != GraduationProgress.Status.CHECK_BY_HAND).count();
        long done = progress.items().stream().filter(GraduationProgress.Item::done).count();
        if (scope.demoApp()) {
            out.append("<div class=\"next\" id=\"next-step\"><p><strong>Next step:</strong> register your own app (see the"
                    + " checklist) and set <code>").append(EmbeddableConfig.DEFAULT_PREFIX).append("client-id</code>: RingCentral's"
                    + " demo app never graduates.</p></div>");
        } else if (!scope.appServer().equals(AppServer.SANDBOX)) {
            out.append("<div class=\"next ready\" id=\"next-step\"><p><strong>Nothing to graduate:</strong> this app signs in to ")
                    .append("<code>").append(text(scope.appServer().toString())).append("</code>, not the sandbox.</p></div>");
        } else if (progress.readyForProduction()) {
            String prefix = EmbeddableConfig.DEFAULT_PREFIX;
            out.append("<div class=\"next ready\" id=\"next-step\"><p><strong>Next step: ready for production.</strong> Every"
                    + " requirement the widget shows is done (").append(done).append(" of ").append(counted).append(")."
                    + " Confirm the ones to check by hand, ask RingCentral to graduate the app in the Developer Console, then"
                    + " switch to the production credentials:</p>");
            out.append("<pre><code>").append(text(prefix + "client-id=" + PRODUCTION_CLIENT_ID + "\n" + prefix + "app-server=production"))
                    .append("</code></pre><p>or, as environment variables:</p><pre><code>")
                    .append(text(EmbeddableConfig.ENVIRONMENT_PREFIX + "CLIENT_ID=" + PRODUCTION_CLIENT_ID + "\n"
                            + EmbeddableConfig.ENVIRONMENT_PREFIX + "APP_SERVER=production"))
                    .append("</code></pre><p class=\"muted\">Production is the default server, so removing the app-server"
                    + " setting does the same. Counts start again from zero for the new client ID and server.</p></div>");
        } else {
            out.append("<div class=\"next\" id=\"next-step\"><p><strong>Next step: keep testing in sandbox.</strong> ")
                    .append(done).append(" of ").append(counted).append(" counted requirements are done; use the widget in this"
                    + " app until every bar is full, and do the ones to check by hand.</p></div>");
        }
    }
}
