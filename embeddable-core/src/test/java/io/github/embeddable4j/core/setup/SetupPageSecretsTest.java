package io.github.embeddable4j.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.SettingNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A secret's name spelt with U+0130 (dotted capital I) was read as the secret but not refused by the setup form, and
 * a failing graduation store's message (a JDBC URL with its password) was shown on the page (found by a review).
 */
class SetupPageSecretsTest {

    // "authorizationCodeVerifier" with each 'i' written as U+0130 (LATIN CAPITAL LETTER I WITH DOT ABOVE)
    static final String KEY = "author\u0130zat\u0130onCodeVer\u0130f\u0130er";

    @Test
    void aDottedCapitalISpellingOfASecretKeyIsReadAsTheSecretButNotRefused() {
        // The config reader takes the key as the secret setting, and so does the form's secret check now
        assertThat(SettingNames.find(KEY)).contains("authorizationCodeVerifier");
        assertThat(SecretMask.isSecretName(KEY)).isTrue();

        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put(SetupForm.SUBMITTED, List.of("1"));
        query.put(SetupForm.EXTRA, List.of("client-id=abc\n" + KEY + "=TypedVerifierSecret9"));
        String html = SetupPage.of(Embeddable.of(EmbeddableConfig.builder().clientId("abc").build())).render(query);
        Document page = Jsoup.parse(html);
        // The promise: a secret typed into the form is refused, its value neither used nor shown again.
        assertThat(page.getElementById("tool-config").text()).doesNotContain("this secret would be written into every page");
        assertThat(page.getElementById("f-extra").val()).doesNotContain("TypedVerifierSecret9");
        assertThat(html).doesNotContain("TypedVerifierSecret9");
    }

    /** A red-team trial's hand-made link: {@code client-secret=} in the address was ignored without a word. */
    @Test
    void aSecretOrASettingInThePagesAddressOutsideTheFormIsIgnoredWithANote() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put(SetupForm.SUBMITTED, List.of("1"));
        query.put("client-id", List.of("abc"));
        query.put("client-secret", List.of("AddressSecret42"));
        query.put("appServer", List.of("https://from-the-address.example"));
        query.put("utm_source", List.of("newsletter"));
        String html = SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render(query);
        Document page = Jsoup.parse(html);
        assertThat(page.getElementById("f-client-id").val()).isEqualTo("abc"); // the form was read
        assertThat(page.select("#tool-report li.refused").eachText()).satisfiesExactly(
                secret -> assertThat(secret).startsWith("The page's address: 'client-secret' is a secret (or looks like one),"
                        + " so it was ignored; its value is not used or shown.").contains("PKCE"),
                setting -> assertThat(setting).isEqualTo("The page's address: 'appServer' is not a field of this form, so it was"
                        + " ignored; put it under More settings as appServer=value."));
        assertThat(html).doesNotContain("AddressSecret42").doesNotContain("from-the-address");
    }

    /** A graduation store that fails: its exception message (a JDBC URL with its password, say) is put on the page. */
    @Test
    void aFailingGraduationStoresMessageIsShownAsIs() {
        SetupPage page = SetupPage.of(Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()))
                .withGraduationFrom(() -> {
                    throw new IllegalStateException("Cannot connect to jdbc:postgresql://db:5432/rc?user=app&password=DbPassword7");
                });
        String html = page.render();
        assertThat(html).contains("Graduation progress could not be read"); // the failure path was taken
        assertThat(html).contains("IllegalStateException").doesNotContain("DbPassword7");
    }
}
