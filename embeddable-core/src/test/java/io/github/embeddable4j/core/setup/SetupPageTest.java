package io.github.embeddable4j.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.AppServer;
import io.github.embeddable4j.core.EmbedMode;
import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.WidgetParameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SetupPageTest {

    /** Every element the page may have: anything else in a rendered page was injected. */
    static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
            "h4", "h5", "p", "nav", "ul", "li", "a", "main", "section", "table", "thead", "tbody", "tr", "th", "td", "pre",
            "code", "span", "div", "strong", "details", "summary", "form", "fieldset", "legend", "label", "input", "select",
            "option", "textarea", "button", "footer");

    static Map<String, List<String>> submitted(String... nameValuePairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put(SetupForm.SUBMITTED, List.of("1"));
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            query.put(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
        }
        return query;
    }

    static void assertOnlyPageMarkup(Document page) {
        for (Element e : page.getAllElements()) {
            if (e == page) {
                continue;
            }
            assertThat(ELEMENTS).as("element <%s>", e.tagName()).contains(e.tagName());
            e.attributes().forEach(a -> {
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).doesNotStartWith("on").isNotEqualTo("style")
                        .isNotEqualTo("src");
                if (a.getKey().equals("href")) {
                    assertThat(a.getValue()).matches("#[a-z-]+|https://developers\\.ringcentral\\.com/console");
                }
            });
        }
    }

    @Test
    void showsTheConfigurationItsWarningsTheChecklistAndTheSnippets() {
        Embeddable app = Embeddable.of(EmbeddableConfig.builder().clientId("abc").appServer(AppServer.SANDBOX)
                .disableGlip(false).frameOrigins("https://widget.example.com").build());
        Document page = Jsoup.parse(SetupPage.of(app).render());

        assertThat(page.select("section[id]").eachAttr("id"))
                .containsExactly("config", "registration", "snippets", "graduation", "tool");
        Element config = page.getElementById("config");
        assertThat(config.selectFirst("pre").wholeText()).isEqualTo(String.join("\n",
                "ringcentral.embeddable.frame-origins=https://widget.example.com", "ringcentral.embeddable.client-id=abc",
                "ringcentral.embeddable.app-server=sandbox", "ringcentral.embeddable.disable-glip=false"));
        assertThat(app.config().warnings()).isNotEmpty();
        assertThat(config.select("li.warning")).hasSize(app.config().warnings().size());
        // named as the properties above are, not as the builder does (a trial read "set clientId" there)
        app.config().warnings().stream().map(w -> w.named(s -> "ringcentral.embeddable." + EmbeddableConfig.kebabKey(s)))
                .forEach(w -> assertThat(config.text()).contains(w.property() + ": " + w.message()).contains("Fix: " + w.fix()));
        assertThat(config.text()).contains("ringcentral.embeddable.app-server: ").doesNotContain("appServer");

        Element registration = page.getElementById("registration");
        var checklist = app.registrationChecklist();
        assertThat(registration.select("td code").eachText()).containsExactly(checklist.appType(), checklist.authFlow(),
                checklist.platformType(), checklist.redirectUri(), checklist.server().toString());
        assertThat(registration.select("pre").eachText()).containsExactly(
                "Call Control, Edit Message, Edit Presence, Internal Messages, Read Accounts, Read Call Log, Read Contacts,"
                        + " Read Messages, Read Presence, RingOut, SMS, WebSocketSubscription, VoIP Calling",
                "Read Call Recording, Video, TeamMessaging");

        assertThat(page.getElementById("snippets").select("pre").eachText()).containsExactly(app.scriptTag(null), app.iframeTag(),
                app.contentSecurityPolicy(EmbedMode.LOADER).toString(), app.contentSecurityPolicy(EmbedMode.IFRAME).toString(),
                "Permissions-Policy: " + app.permissionsPolicy());
        // What the starter's CspSources bean adds for its bridge is on the page too (a trial behind a proxy copied the
        // lists above into its policy, and the bridge's posts were blocked)
        assertThat(page.getElementById("snippets").text()).contains("With the event bridge", "add connect-src 'self'",
                app.contentSecurityPolicy().withEventBridge().sources("connect-src").get(0), "needs script-src 'self'");
        assertOnlyPageMarkup(page);
    }

    @Test
    void isSelfContainedAndItsStylesheetMatchesTheHashInThePolicy() throws Exception {
        Document page = Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render(submitted("client-id", "x")));
        assertThat(page.select("script, link, img, iframe, object, embed, base")).isEmpty();
        assertThat(page.select("style")).hasSize(1);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(page.selectFirst("style").data().getBytes(StandardCharsets.UTF_8));
        assertThat(SetupPage.CONTENT_SECURITY_POLICY).isEqualTo("default-src 'none'; style-src 'sha256-"
                + Base64.getEncoder().encodeToString(digest) + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(SetupPage.headers()).containsEntry("Content-Security-Policy", SetupPage.CONTENT_SECURITY_POLICY)
                .containsEntry("Cache-Control", "no-store").containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer").containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Content-Type", "text/html;charset=UTF-8");
        Element form = page.getElementById("tool-form");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.hasAttr("action")).isFalse(); // submits to the page's own URL, wherever it is mapped
        assertOnlyPageMarkup(page);
    }

    @Test
    void hostileValuesInTheConfigurationAndTheFormStayText() {
        String hostile = "\"'></code></pre></textarea><script>alert(1)</script><img src=x onerror=alert(2)><b>&amp;";
        Embeddable app = Embeddable.of(EmbeddableConfig.builder().clientId("abc").userAgent(hostile).appVersion(hostile)
                .param("xtra", hostile).build());
        Map<String, List<String>> query = submitted("user-agent", hostile, "app-version", hostile, "default-call-with", hostile,
                "hosting", hostile, "extra", "params.y=" + hostile + "\n" + hostile + "=1\n<u>" + hostile);
        String html = SetupPage.of(app).render(query);
        Document page = Jsoup.parse(html);

        assertOnlyPageMarkup(page);
        assertThat(page.select("b, i, u, img, script")).isEmpty();
        // The values arrive intact as text: the snippets read exactly what the app renders.
        assertThat(page.getElementById("snippets").selectFirst("pre").wholeText()).isEqualTo(app.scriptTag(null));
        assertThat(page.getElementById("f-user-agent").val()).isEqualTo(hostile);
        assertThat(page.getElementById("f-default-call-with").selectFirst("option[selected]").val()).isEqualTo(hostile);
        assertThat(page.getElementById("f-extra").val()).contains("params.y=" + hostile);
        // A hostile value echoed by a problem (hosting cannot be parsed) and a hostile key: text, not markup.
        assertThat(page.getElementById("tool-config").text()).contains("hosting: '" + hostile + "'")
                .contains("'\"'></code></pre></textarea><script>alert(1)</script><img src' is not a setting");
    }

    @Test
    void neverShowsASecretEvenWhenTheAppRendersThem() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").clientSecret("AppSecretValue1").jwt("AppJwtValue2")
                .authorizationCode("AppCodeValue3").authorizationCodeVerifier("AppVerifierValue4")
                .param("access_token", "AppTokenValue5").allowSecretsInMarkup(true).build();
        Embeddable app = Embeddable.of(config);
        assertThat(app.scriptTag(null)).contains("AppSecretValue1"); // the app's own markup does carry them
        Map<String, List<String>> query = submitted("client-id", "abc", "extra", String.join("\n",
                "client_secret=TypedSecret1", "jwt = TypedJwt2", "appSecret: TypedSecret3", "params.authorizationCode=TypedCode4",
                "ringcentral.embeddable.clientSecrt=TypedSecret5", "RINGCENTRAL_EMBEDDABLE_JWT=TypedJwt6", "TypedLoneToken7",
                "default-call-with=ringout"));
        for (String html : List.of(SetupPage.of(app).render(), SetupPage.of(app).render(query))) {
            for (String secret : List.of("AppSecretValue1", "AppJwtValue2", "AppCodeValue3", "AppVerifierValue4", "AppTokenValue5",
                    "TypedSecret1", "TypedJwt2", "TypedSecret3", "TypedCode4", "TypedSecret5", "TypedJwt6", "TypedLoneToken7")) {
                assertThat(html).doesNotContain(secret);
            }
            Document page = Jsoup.parse(html);
            assertThat(page.select("input, select, textarea").eachAttr("name")).noneMatch(SecretMask::isSecretName);
            assertThat(page.getElementById("config").selectFirst("pre").wholeText())
                    .contains("ringcentral.embeddable.client-secret=****", "ringcentral.embeddable.jwt=****",
                            "ringcentral.embeddable.params.access_token=****");
            assertThat(page.getElementById("snippets").selectFirst("pre").text()).contains("clientSecret=%2A%2A%2A%2A");
        }
        Document page = Jsoup.parse(SetupPage.of(app).render(query));
        assertThat(page.select("#tool-report li.refused").eachText()).hasSize(7)
                .filteredOn(n -> n.contains("refused")).hasSize(6)
                .allSatisfy(n -> assertThat(n).contains("URL").contains("every visitor"));
        assertThat(page.getElementById("f-extra").val()).isEqualTo("default-call-with=ringout");
        assertThat(page.getElementById("tool-snippets").selectFirst("pre").text()).contains("defaultCallWith=ringout");
    }

    @Test
    void aTypoInTheFormGetsDidYouMean() {
        Document page = Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults()))
                .render(submitted("client-id", "abc", "extra", "defaultCalWith=ringout")));
        Element result = page.getElementById("tool-config");
        assertThat(result.selectFirst(".status").text()).startsWith("Invalid: 1 problem");
        assertThat(result.selectFirst("li.problem").text()).contains("'defaultCalWith' is not a setting. Did you mean 'defaultCallWith'?");
        assertThat(page.getElementById("tool-registration")).isNull(); // nothing is rendered from invalid settings
    }

    @Test
    void theFormShowsWhatWasTyped() {
        Document page = Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render(submitted(
                "client-id", "typed-id", "app-server", "sandbox", "disable-call", "true", "extra", "z-index=5")));
        assertThat(page.getElementById("f-client-id").val()).isEqualTo("typed-id");
        assertThat(page.getElementById("f-app-server").selectFirst("option[selected]").val()).isEqualTo("sandbox");
        assertThat(page.getElementById("f-disable-call").hasAttr("checked")).isTrue();
        assertThat(page.getElementById("f-disable-messages").hasAttr("checked")).isFalse();
        assertThat(page.getElementById("f-disable-glip").hasAttr("checked")).isTrue(); // not sent: its default
        assertThat(page.getElementById("f-extra").val()).isEqualTo("z-index=5");
        assertThat(page.getElementById("tool-config").selectFirst("pre").wholeText()).isEqualTo(String.join("\n",
                "ringcentral.embeddable.client-id=typed-id", "ringcentral.embeddable.app-server=sandbox",
                "ringcentral.embeddable.disable-call=true", "ringcentral.embeddable.z-index=5"));
    }

    @Test
    void anOnByDefaultBoxSendsFalseWhenUnticked() {
        SetupPage setup = SetupPage.of(Embeddable.of(EmbeddableConfig.defaults()));
        Element glip = Jsoup.parse(setup.render()).getElementById("f-disable-glip");
        // What a browser sends for the box: the hidden "false" always, and "true" after it when ticked.
        assertThat(glip.previousElementSibling().outerHtml()).isEqualTo("<input type=\"hidden\" name=\"disable-glip\" value=\"false\">");
        assertThat(glip.attr("value")).isEqualTo("true");

        Map<String, List<String>> unticked = submitted();
        unticked.put("disable-glip", List.of("false"));
        Document page = Jsoup.parse(setup.render(unticked));
        assertThat(page.getElementById("f-disable-glip").hasAttr("checked")).isFalse();
        assertThat(page.getElementById("tool-config").selectFirst("pre").wholeText()).isEqualTo("ringcentral.embeddable.disable-glip=false");
        assertThat(page.getElementById("tool-registration").text()).contains("TeamMessaging");

        Map<String, List<String>> ticked = submitted();
        ticked.put("disable-glip", List.of("false", "true"));
        page = Jsoup.parse(setup.render(ticked));
        assertThat(page.getElementById("f-disable-glip").hasAttr("checked")).isTrue();
        assertThat(page.getElementById("tool-config").text()).contains("None: every setting is at its default.");
    }

    @Test
    void theUnsubmittedFormStartsFromTheAppsSettings() {
        Embeddable app = Embeddable.of(EmbeddableConfig.builder().clientId("abc").appServer("https://proxy.example.com")
                .authProxy(true).disableConferenceInvite(false).clientSecret("NotShown1").allowSecretsInMarkup(true).build());
        Document page = Jsoup.parse(SetupPage.of(app).render());
        assertThat(page.getElementById("tool-report")).isNull();
        assertThat(page.getElementById("f-client-id").val()).isEqualTo("abc");
        assertThat(page.getElementById("f-auth-proxy").hasAttr("checked")).isTrue();
        assertThat(page.getElementById("f-disable-glip").hasAttr("checked")).isTrue(); // its default
        assertThat(page.getElementById("f-disable-conference-invite").hasAttr("checked")).isFalse();
        // A custom server is not one of the list's choices: it goes to the free-form lines.
        assertThat(page.getElementById("f-app-server").selectFirst("option[selected]").val()).isEmpty();
        assertThat(page.getElementById("f-extra").val()).isEqualTo("app-server=https://proxy.example.com\nallow-secrets-in-markup=true");
        assertThat(page.html()).doesNotContain("NotShown1");
    }

    @Test
    void formFieldsCoverEverySettingButSecretsAndDescribeThem() {
        Document page = Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render());
        for (WidgetParameter p : WidgetParameter.values()) {
            Element field = page.getElementById("f-" + p.kebabName());
            if (p.isSecret()) {
                assertThat(field).as(p.wireName()).isNull();
                continue;
            }
            assertThat(field).as(p.wireName()).isNotNull();
            assertThat(field.attr("name")).isEqualTo(p.kebabName());
            String expectedTag = p.type().isBoolean() ? "input[type=checkbox]" : switch (p.type()) {
                case APP_SERVER, CALL_WITH, DIRECTION, BRAND, DISCOVERY_SERVER -> "select";
                default -> "input[type=text]";
            };
            assertThat(field.is(expectedTag)).as(p.wireName() + " is " + expectedTag).isTrue();
            assertThat(field.parent().selectFirst("p.desc").text()).as(p.wireName()).endsWith(p.description());
        }
        assertThat(page.select("#tool-form fieldset legend").eachText()).containsExactly("Credentials and server", "Hosting",
                "Features on and off", "Calling and tabs", "Floating widget (loader only)", "Advanced");
        assertThat(page.select("#tool-form fieldset").get(4).select("input, select").eachAttr("name"))
                .containsExactly("disable-minimize", "new-adapter-ui", "default-direction", "z-index", "notification",
                        "enable-popup", "popup-page-uri");
    }

    @Test
    void everyChoiceOfEverySelectIsAcceptedByTheConfiguration() {
        for (FormField field : FormField.all()) {
            for (String option : field.options()) {
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put(field.name(), option);
                if (field.name().equals("brand") && option.equals("att")) {
                    settings.put("app-server", "ringcentral-biz"); // the att brand needs the .biz platform
                }
                assertThat(ConfigReport.fromSettings(settings).problems()).as(field.name() + "=" + option).isEmpty();
            }
        }
    }

    @Test
    void oversizedInputIsIgnoredWithANote() {
        String longValue = "a".repeat(SetupForm.MAX_VALUE_LENGTH + 1);
        Document page = Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render(submitted(
                "user-agent", longValue, "extra", "x=1\n".repeat(SetupForm.MAX_EXTRA_LINES + 1))));
        assertThat(page.select("#tool-report li.refused").eachText()).containsExactly(
                "user-agent: longer than 2048 characters, so it was ignored.",
                "More settings: more than 200 lines, so they were ignored.");
        assertThat(page.html()).doesNotContain(longValue);
    }

    @Test
    void otherParametersAndRepeatedOnesDoNotBreakTheForm() {
        Map<String, List<String>> query = submitted("client-id", "first");
        query.put("client-id", List.of("first", "second"));
        query.put("unknown", List.of("1"));
        query.put("empty", List.of());
        Document page = Jsoup.parse(SetupPage.of(Embeddable.of(EmbeddableConfig.defaults())).render(query));
        assertThat(page.getElementById("f-client-id").val()).isEqualTo("first");
        assertThat(page.getElementById("tool-config").selectFirst(".status").text()).startsWith("Valid");
    }

    @Test
    void noncharactersBecomeReplacementCharactersSoParsersReadTheWholePage() {
        // Found by the hostile-values suite: jsoup reads U+FFFF as its end of input and dropped the rest of the page.
        String value = "a\uFFFFb\uFFFEc";
        Embeddable app = Embeddable.of(EmbeddableConfig.builder().clientId("abc").appVersion(value).param("xtra", value).build());
        String html = SetupPage.of(app).render();
        assertThat(html).doesNotContain("\uFFFF", "\uFFFE");
        Document page = Jsoup.parse(html);
        assertThat(page.getElementById("f-app-version").val()).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(page.select("footer")).hasSize(1);
    }
}
