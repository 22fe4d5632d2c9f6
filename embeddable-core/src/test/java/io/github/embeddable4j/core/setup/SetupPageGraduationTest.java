package io.github.embeddable4j.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.graduation.GraduationCounter;
import io.github.embeddable4j.core.graduation.GraduationCriterion;
import io.github.embeddable4j.core.graduation.GraduationProgress;
import io.github.embeddable4j.core.graduation.GraduationScope;
import java.util.EnumMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class SetupPageGraduationTest {

    private static final EmbeddableConfig SANDBOX_APP = EmbeddableConfig.builder().clientId("sandbox-id")
            .appServer(AppServer.SANDBOX).build();
    private static final GraduationScope SANDBOX = GraduationScope.of(SANDBOX_APP);

    private static Document page(GraduationProgress progress) {
        return Jsoup.parse(SetupPage.of(Embeddable.of(SANDBOX_APP)).withGraduation(progress).render());
    }

    private static Map<GraduationCounter, Integer> allAt(int count) {
        Map<GraduationCounter, Integer> counts = new EnumMap<>(GraduationCounter.class);
        for (GraduationCounter c : GraduationCounter.values()) {
            counts.put(c, count);
        }
        return counts;
    }

    @Test
    void rowsShowBarsCountsAndWhatToCheckByHand() {
        Map<GraduationCounter, Integer> counts = new EnumMap<>(GraduationCounter.class);
        counts.put(GraduationCounter.SMS_SENT, 3);            // 3 of 6
        counts.put(GraduationCounter.LOGINS, 9);              // logins and logouts: the smaller of the two, 6 of 6
        counts.put(GraduationCounter.LOGOUTS, 6);
        counts.put(GraduationCounter.RINGOUT_CALLS, 2);       // 2 of 5
        Document page = page(GraduationProgress.of(SANDBOX, counts));
        Element section = page.getElementById("graduation");
        assertThat(section.selectFirst("p").text()).contains("client ID sandbox-id").contains("sandbox (https://platform.devtest.ringcentral.com)");
        assertThat(section.text()).contains("newly created apps go straight to production");

        Elements rows = section.select("tbody tr");
        assertThat(rows).hasSize(GraduationCriterion.values().length);
        Element sms = rows.get(GraduationCriterion.SMS_SENT.ordinal());
        assertThat(sms.className()).isEqualTo("in-progress");
        assertThat(sms.selectFirst(".count").text()).isEqualTo("3 / 6");
        assertThat(sms.selectFirst(".fill").classNames()).contains("w50");
        assertThat(sms.selectFirst("[role=progressbar]").attr("aria-valuenow")).isEqualTo("3");
        assertThat(sms.text()).contains(GraduationCriterion.SMS_SENT.requirement()).contains("(inferred)");

        Element logins = rows.get(GraduationCriterion.LOGINS_AND_LOGOUTS.ordinal());
        assertThat(logins.className()).isEqualTo("done");
        assertThat(logins.selectFirst(".count").text()).isEqualTo("6 / 6");
        assertThat(logins.selectFirst(".fill").classNames()).contains("w100");
        assertThat(logins.selectFirst(".state").text()).isEqualTo("done");

        assertThat(rows.get(GraduationCriterion.RINGOUT_CALLS.ordinal()).selectFirst(".fill").classNames()).contains("w40");
        assertThat(rows.get(GraduationCriterion.INBOUND_BROWSER_CALLS.ordinal()).selectFirst(".fill").classNames()).contains("w0");

        Elements byHand = section.select("tr.by-hand");
        assertThat(byHand).hasSize(2);
        assertThat(byHand.get(0).text()).contains(GraduationCriterion.CONTACTS_REFRESHES.requirement())
                .contains("Check by hand: the widget posts no event for it (visiting /contacts is not a refresh)");
        assertThat(byHand.get(1).text()).contains("Check by hand: status changes in RingOut");
        assertThat(byHand.select(".bar")).isEmpty();
        // Every width class the bars use exists in the page's stylesheet.
        String style = page.selectFirst("style").data();
        section.select(".fill").forEach(f -> f.classNames().stream().filter(c -> c.matches("w\\d+"))
                .forEach(c -> assertThat(style).contains("." + c + "{width:" + c.substring(1) + "%}")));
    }

    @Test
    void beforeGraduatingTheNextStepIsToKeepTesting() {
        Element next = page(GraduationProgress.of(SANDBOX, allAt(5))).getElementById("next-step");
        assertThat(next.text()).contains("keep testing in sandbox").contains("3 of 8 counted requirements are done")
                .doesNotContain("production credentials");
        assertThat(next.select("pre")).isEmpty();
    }

    @Test
    void onceReadyTheNextStepGivesTheProductionSettings() {
        GraduationProgress progress = GraduationProgress.of(SANDBOX, allAt(6));
        assertThat(progress.readyForProduction()).isTrue();
        Element next = page(progress).getElementById("next-step");
        assertThat(next.text()).contains("ready for production").contains("8 of 8").contains("check by hand")
                .doesNotContain("keep testing");
        assertThat(next.select("pre").eachText()).containsExactly(
                "ringcentral.embeddable.client-id=<client ID of the app's production credentials>\n"
                        + "ringcentral.embeddable.app-server=production",
                "RINGCENTRAL_EMBEDDABLE_CLIENT_ID=<client ID of the app's production credentials>\n"
                        + "RINGCENTRAL_EMBEDDABLE_APP_SERVER=production");
    }

    @Test
    void theDemoAppAndProductionAppsHaveNothingToGraduate() {
        Element demo = page(GraduationProgress.of(new GraduationScope("", AppServer.SANDBOX), allAt(6))).getElementById("next-step");
        assertThat(demo.text()).contains("demo app never graduates").contains("ringcentral.embeddable.client-id");
        Element production = page(GraduationProgress.of(new GraduationScope("prod-id", AppServer.PRODUCTION), allAt(0)))
                .getElementById("next-step");
        assertThat(production.text()).contains("Nothing to graduate").contains("production (https://platform.ringcentral.com)");
    }

    @Test
    void withoutProgressTheSectionSaysWhyOrHowToTrackIt() {
        SetupPage setup = SetupPage.of(Embeddable.of(SANDBOX_APP));
        assertThat(Jsoup.parse(setup.render()).getElementById("graduation").text()).contains("Not tracked")
                .contains("GraduationTracker");
        assertThat(Jsoup.parse(setup.withGraduationUnavailable("disk <full>").render()).getElementById("graduation").text())
                .contains("Graduation progress could not be read: disk <full>");
    }

    /** What both adapters do per request: no supplier, or no progress, is the page as it is; a failing store says so. */
    @Test
    void progressFromASupplierIsReadPerRequestAndAFailureShown() {
        SetupPage setup = SetupPage.of(Embeddable.of(SANDBOX_APP));
        assertThat(setup.withGraduationFrom(null)).isSameAs(setup);
        assertThat(setup.withGraduationFrom(() -> null)).isSameAs(setup);
        GraduationProgress progress = GraduationProgress.of(new GraduationScope("sandbox-id", AppServer.SANDBOX), allAt(0));
        assertThat(setup.withGraduationFrom(() -> progress).render()).isEqualTo(setup.withGraduation(progress).render());
        java.util.function.Supplier<GraduationProgress> failing = () -> {
            throw new IllegalStateException("store <offline>");
        };
        assertThat(Jsoup.parse(setup.withGraduationFrom(failing).render()).getElementById("graduation").text())
                .contains("Graduation progress could not be read: IllegalStateException (the application's log has the details)")
                .doesNotContain("offline"); // a store's message may hold a password: only the log has it
    }
}
