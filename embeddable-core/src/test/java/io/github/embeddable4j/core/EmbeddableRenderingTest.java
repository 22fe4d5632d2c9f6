package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class EmbeddableRenderingTest {

    private static final String LATEST = "https://apps.ringcentral.com/integration/ringcentral-embeddable/latest/";

    @Test
    void defaultsRenderBareUrls() {
        Embeddable e = Embeddable.of(EmbeddableConfig.defaults());
        assertThat(e.adapterUrl()).isEqualTo(LATEST + "adapter.js");
        assertThat(e.appUrl()).isEqualTo(LATEST + "app.html");
        assertThat(e.scriptTag()).isEqualTo("<script src=\"" + LATEST + "adapter.js\" async=\"\"></script>");
        assertThat(e.widgetOrigins().loaderOrigin()).isEqualTo("https://apps.ringcentral.com");
        assertThat(e.redirectUri()).isEqualTo(LATEST + "redirect.html");
    }

    @Test
    void parametersAreWrittenInAStableOrderWithFlagSemanticsOfTheWidget() {
        EmbeddableConfig config = EmbeddableConfig.builder()
                .zIndex(1200).brand(Brand.BT).mainTab(true).disableGlip(false).defaultDirection(Direction.LEFT)
                .disableMessages(true).appServer(AppServer.SANDBOX).clientId("abc").param("zExtra", "1")
                .param("aExtra", "2").build();
        Embeddable e = Embeddable.of(config);
        String server = "appServer=https%3A%2F%2Fplatform.devtest.ringcentral.com";
        assertThat(e.adapterUrl()).isEqualTo(LATEST + "adapter.bt.js?clientId=abc&" + server
                + "&disableMessages=1&disableGlip=false&defaultDirection=left&zIndex=1200&mainTab=true&aExtra=2&zExtra=1");
        // Loader-only parameters never go into the iframe URL; the brand does (the loader takes it from its file name).
        assertThat(e.appUrl()).isEqualTo(LATEST + "app.html?clientId=abc&" + server
                + "&disableMessages=1&disableGlip=false&mainTab=true&brand=bt&aExtra=2&zExtra=1");
        assertThat(e.scriptTag()).isEqualTo("<script src=\"" + e.adapterUrl().replace("&", "&amp;") + "\" async=\"\"></script>");
        // Same configuration, same output: rendering is deterministic.
        assertThat(Embeddable.of(config.toBuilder().build()).adapterUrl()).isEqualTo(e.adapterUrl());
    }

    @Test
    void everyLoaderOnlyParameterStaysOutOfTheIframeUrl() {
        EmbeddableConfig.Builder b = EmbeddableConfig.builder().clientId("abc").multipleTabsSupport(true);
        for (WidgetParameter p : WidgetParameter.values()) {
            if (p.placement() == WidgetParameter.Placement.LOADER_ONLY) {
                b.set(p, EmbeddableConfigTest.sampleValue(p));
            }
        }
        Embeddable e = Embeddable.of(b.build());
        for (WidgetParameter p : WidgetParameter.values()) {
            if (p.placement() == WidgetParameter.Placement.LOADER_ONLY) {
                assertThat(e.adapterUrl()).contains(p.wireName() + "=");
                assertThat(e.appUrl()).doesNotContain(p.wireName() + "=");
            }
        }
    }

    @Test
    void nonceIsAnAttributeOfTheLoaderTag() {
        Embeddable e = Embeddable.of(EmbeddableConfig.defaults());
        assertThat(e.scriptTag("r4nd0m+/=")).isEqualTo("<script src=\"" + LATEST + "adapter.js\" nonce=\"r4nd0m+/=\" async=\"\"></script>");
        assertThat(e.scriptTag("\"><script>alert(1)</script>")).contains("nonce=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        assertThat(e.scriptTag(null)).isEqualTo(e.scriptTag());
        assertThat(e.scriptTag("")).isEqualTo(e.scriptTag());
    }

    /**
     * A page served as {@code application/xhtml+xml} (Facelets may answer so) is parsed as XML, and the filter injects
     * into it: a valueless {@code async} there is a fatal parse error, and the browser shows an error instead of the
     * page. So every tag is written as XML allows too ({@code async=""} means the same to an HTML parser).
     */
    @Test
    void everyTagIsWellFormedXmlSoXhtmlPagesStillParse() {
        EmbeddableConfig config = EmbeddableConfig.builder().clientId("abc").appServer(AppServer.SANDBOX)
                .redirectUri("https://crm.example.com/rc/callback").build();
        Embeddable e = Embeddable.of(config);
        io.github.embeddable4j.core.login.LoginHandoff handoff = io.github.embeddable4j.core.login.LoginHandoff.of("c0de",
                io.github.embeddable4j.core.login.PkcePair.generate().verifier(), "https://crm.example.com/rc/callback", "ext1");
        BridgeScript bridge = BridgeScript.of(e, "/embeddable4j/embeddable4j.js", "/embeddable4j/events", java.util.List.of("rc-call-ring-notify"));
        java.util.Map<String, Integer> inHead = new java.util.LinkedHashMap<>();
        inHead.put(e.scriptTag(), 1);
        inHead.put(e.scriptTag("n0nce"), 1);
        inHead.put(e.manualInitTags("n0nce"), 2);
        inHead.put(e.manualInitTags(null), 2);
        inHead.put(e.scriptTagWithLoginHandoff("n0nce", handoff), 1);
        inHead.put(bridge.tag("n0nce", "X-CSRF-TOKEN", "t0k&n", true, "phone"), 1);
        inHead.put(bridge.tag(null, null, null), 1);
        inHead.forEach((markup, count) -> XhtmlOracle.assertWellFormed(markup, true, count, (i, name, attributes) -> {
            assertThat(name).isEqualTo("script");
            if (attributes.containsKey("src")) {
                assertThat(attributes).containsAnyOf(java.util.Map.entry("async", ""), java.util.Map.entry("defer", ""));
            }
        }));
        XhtmlOracle.assertWellFormed(e.iframeTag(), false, 1, (i, name, attributes) -> assertThat(attributes.get("src")).isEqualTo(e.appUrl()));
        XhtmlOracle.assertWellFormed(e.iframeTagWithLoginHandoff(IframeOptions.defaults(), handoff), false, 1,
                (i, name, attributes) -> assertThat(name).isEqualTo("iframe"));
        // An HTML parser reads the flag as it read a bare one.
        assertThat(org.jsoup.Jsoup.parse(e.scriptTag()).selectFirst("script").hasAttr("async")).isTrue();
    }

    @Test
    void manualInitFormSetsTheFlagBeforeTheLoader() {
        Embeddable e = Embeddable.of(EmbeddableConfig.defaults());
        assertThat(e.manualInitTags("n1")).isEqualTo("<script nonce=\"n1\">window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT=true;</script>"
                + "<script src=\"" + LATEST + "adapter.js\" nonce=\"n1\" async=\"\"></script>");
        assertThat(e.manualInitTags(null)).startsWith("<script>window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT=true;</script>");
        // sha256 of the inline script, as a browser computes it for a CSP hash source
        assertThat(e.manualInitScriptHash()).isEqualTo("'sha256-" + java.util.Base64.getEncoder().encodeToString(
                sha256("window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT=true;")) + "'");
        assertThat(e.contentSecurityPolicy(EmbedMode.LOADER_MANUAL_INIT).sources("script-src")).contains(e.manualInitScriptHash());
    }

    @Test
    void iframeTagWithDefaultsAndOptions() {
        Embeddable e = Embeddable.of(EmbeddableConfig.builder().clientId("abc").build());
        assertThat(e.iframeTag()).isEqualTo("<iframe src=\"" + LATEST + "app.html?clientId=abc\" title=\"RingCentral phone\""
                + " width=\"300\" height=\"500\" allow=\"microphone; autoplay\"></iframe>");
        assertThat(e.iframeTag(IframeOptions.defaults().withId("phone").withSize("100%", "600px").withTitle("Téléphone")))
                .isEqualTo("<iframe src=\"" + LATEST + "app.html?clientId=abc\" id=\"phone\" title=\"T&#xE9;l&#xE9;phone\""
                        + " width=\"100%\" height=\"600\" allow=\"microphone; autoplay\"></iframe>");
        assertThatThrownBy(() -> IframeOptions.defaults().withId("a\" onload=\"x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IframeOptions.defaults().withSize("100vw", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IframeOptions.defaults().withTitle("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cspSourcesPerMode() {
        Embeddable e = Embeddable.of(EmbeddableConfig.defaults());
        String frames = "https://apps.ringcentral.com https://ringcentral.github.io https://appconnect.labs.ringcentral.com";
        assertThat(e.contentSecurityPolicy().toString()).isEqualTo("script-src https://apps.ringcentral.com;"
                + " frame-src " + frames + "; style-src 'unsafe-inline'; img-src " + frames + " data:");
        assertThat(e.contentSecurityPolicy(EmbedMode.IFRAME).toString()).isEqualTo("frame-src " + frames);
        Embeddable local = Embeddable.of(EmbeddableConfig.builder().hosting("http://localhost:8080/rc/").build());
        assertThat(local.contentSecurityPolicy(EmbedMode.IFRAME).sources("frame-src")).containsExactly("http://localhost:8080");
        assertThat(local.adapterUrl()).isEqualTo("http://localhost:8080/rc/adapter.js");
    }

    /**
     * The real built loader frames the HOSTING_URL baked in at build time, not app.html next to itself: the GitHub
     * Pages build served from apps.ringcentral.com still frames ringcentral.github.io. A policy that allowed only the
     * loader's origin blocked the frame: no widget at all.
     */
    @Test
    void theFrameMayRunOnAnotherOriginThanTheLoader() {
        WidgetOrigins hosted = Embeddable.of(EmbeddableConfig.defaults()).widgetOrigins();
        assertThat(hosted.loaderOrigin()).isEqualTo("https://apps.ringcentral.com");
        assertThat(hosted.all()).containsExactly("https://apps.ringcentral.com", "https://ringcentral.github.io",
                "https://appconnect.labs.ringcentral.com");
        assertThat(hosted.allows("https://ringcentral.github.io")).isTrue();
        assertThat(hosted.allows("https://evil.example")).isFalse();
        assertThat(hosted.allows(null)).isFalse();
        assertThat(hosted.originOfAllowedUrl("https://ringcentral.github.io/ringcentral-embeddable/app.html?clientId=x"))
                .isEqualTo("https://ringcentral.github.io");
        assertThat(hosted.originOfAllowedUrl("https://ringcentral.github.io.evil.example/app.html")).isNull();
        assertThat(hosted.originOfAllowedUrl("javascript:alert(1)")).isNull();
        assertThat(hosted.originOfAllowedUrl("HTTPS://RingCentral.GitHub.io:443/x")).isEqualTo("https://ringcentral.github.io");
        assertThat(hosted.originOfAllowedUrl("https://ringcentral.github.io:8443/x")).isNull(); // another origin
        assertThat(hosted.originOfAllowedUrl("//ringcentral.github.io/x")).isNull(); // relative: no origin of its own
        assertThat(hosted.originOfAllowedUrl("https:///x")).isNull();
        assertThat(hosted.originOfAllowedUrl("https://ringcentral.github.io/a b")).isNull(); // unparseable
        assertThat(hosted.originOfAllowedUrl(null)).isNull();
        assertThat(hosted).hasToString("https://apps.ringcentral.com https://ringcentral.github.io"
                + " https://appconnect.labs.ringcentral.com");
        assertThat(Embeddable.of(EmbeddableConfig.defaults()).widgetOrigins()).isEqualTo(hosted)
                .hasSameHashCodeAs(hosted);

        // Self-hosted: only the configured origin, plus what the user adds; RingCentral's origins are not trusted.
        EmbeddableConfig self = EmbeddableConfig.builder().hosting("https://cdn.example.com/rc/")
                .frameOrigins("https://frames.example.com, https://other.example.com:8443/").build();
        WidgetOrigins selfOrigins = Embeddable.of(self).widgetOrigins();
        assertThat(selfOrigins.all()).containsExactly("https://cdn.example.com", "https://frames.example.com",
                "https://other.example.com:8443");
        assertThat(selfOrigins.allows("https://apps.ringcentral.com")).isFalse();
        assertThat(selfOrigins).isNotEqualTo(hosted);
        assertThat(Embeddable.of(self).contentSecurityPolicy().sources("script-src")).containsExactly("https://cdn.example.com");
        assertThat(Embeddable.of(self).contentSecurityPolicy().sources("frame-src"))
                .containsExactly("https://cdn.example.com", "https://frames.example.com", "https://other.example.com:8443");
        assertThat(EmbeddableConfig.fromMap(self.toMap())).isEqualTo(self);
    }

    @Test
    void frameOriginsMustBeOrigins() {
        assertThatThrownBy(() -> EmbeddableConfig.builder().frameOrigins("https://ok.example",
                "https://x.example/app.html", "http://plain.example", "javascript:alert(1)").build())
                .isInstanceOf(EmbeddableConfigException.class)
                .hasMessageContaining("frameOrigins")
                .hasMessageContaining("'https://x.example/app.html' is not an origin")
                .hasMessageContaining("'http://plain.example' does not use https")
                // the fix covers both: an http origin is not fixed by "list origins only" (a Jetty trial's start-up)
                .hasMessageContaining("Write each as https://, the host and any port, without a path (http:// only for localhost, 127.0.0.1 or [::1])");
        // Not a URL at all: the fix shows an origin, not a URL with a path the next check would refuse.
        assertThatThrownBy(() -> EmbeddableConfig.builder().frameOrigins("*").build())
                .hasMessageContaining("'*' is not an absolute URL; write it as https://host, the scheme and host only");
        assertThat(EmbeddableConfig.fromMap(java.util.Map.of("frame-origins", "http://localhost:9000")).frameOrigins())
                .containsExactly("http://localhost:9000");
    }

    @Test
    void permissionsPolicyDelegatesMicrophoneAndAutoplayToEveryWidgetOrigin() {
        String list = "(self \"https://apps.ringcentral.com\" \"https://ringcentral.github.io\" \"https://appconnect.labs.ringcentral.com\")";
        assertThat(Embeddable.of(EmbeddableConfig.defaults()).permissionsPolicy())
                .isEqualTo("microphone=" + list + ", autoplay=" + list);
    }

    /**
     * Merged into an application's own Permissions-Policy (a strict-CSP trial removed its {@code microphone=()} by hand):
     * the widget's features get its origins, an empty allowlist included; {@code *}, parameters and other features stay.
     */
    @Test
    void permissionsPolicyMergesIntoTheApplicationsOwn() {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.defaults());
        String ours = "self \"https://apps.ringcentral.com\" \"https://ringcentral.github.io\" \"https://appconnect.labs.ringcentral.com\"";
        assertThat(embeddable.permissionsPolicy(null)).isEqualTo(embeddable.permissionsPolicy());
        assertThat(embeddable.permissionsPolicy("")).isEqualTo(embeddable.permissionsPolicy());
        assertThat(embeddable.permissionsPolicy("camera=(), geolocation=(self \"https://maps.example\"), microphone=()"))
                .isEqualTo("camera=(), geolocation=(self \"https://maps.example\"), microphone=(" + ours + "), autoplay=(" + ours + ")");
        assertThat(embeddable.permissionsPolicy("autoplay=*, Microphone=(self \"https://x.example\");report-to=pp"))
                .as("* stays, members and parameters are kept, names match in any case")
                .isEqualTo("autoplay=*, microphone=(self \"https://x.example\" " + ours.substring("self ".length()) + ");report-to=pp");
        assertThat(embeddable.permissionsPolicy("microphone=self")).as("a single item")
                .startsWith("microphone=(" + ours + ")");
        // A repeated feature is read as browsers read it: the last value wins (a first "*" does not keep it open).
        assertThat(embeddable.permissionsPolicy("autoplay=*, camera=(), autoplay=()"))
                .isEqualTo("autoplay=(" + ours + "), camera=(), microphone=(" + ours + ")");
        assertThat(embeddable.permissionsPolicy("camera=(), ")).as("an empty item is no item")
                .isEqualTo("camera=(), microphone=(" + ours + "), autoplay=(" + ours + ")");
    }

    /**
     * A Content-Security-Policy handed to the Permissions-Policy merge (a trial's copy of the README, one variable for
     * both headers) came back as a header that means nothing; it is refused, saying where a policy goes.
     */
    @Test
    void aValueThatIsNoPermissionsPolicyIsRefused() {
        Embeddable embeddable = Embeddable.of(EmbeddableConfig.defaults());
        assertThatThrownBy(() -> embeddable.permissionsPolicy("default-src 'self'; script-src 'self'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a Permissions-Policy value: 'default-src 'self'; script-src 'self''")
                .hasMessageContaining("contentSecurityPolicy().mergeInto(policy)");
        assertThatThrownBy(() -> embeddable.permissionsPolicy("camera 'none'")).isInstanceOf(IllegalArgumentException.class);
        assertThat(embeddable.permissionsPolicy("sync-xhr, fullscreen=*")).as("a bare feature is a valid item")
                .startsWith("sync-xhr, fullscreen=*, microphone=");
    }

    @Test
    void registrationChecklistIsPasteableText() {
        RegistrationChecklist pkce = Embeddable.of(EmbeddableConfig.builder().clientId("abc").disableGlip(false).build())
                .registrationChecklist();
        assertThat(pkce.appType()).isEqualTo("REST API App");
        assertThat(pkce.authFlow()).isEqualTo("3-legged OAuth flow authorization code");
        assertThat(pkce.platformType()).startsWith("Client-side web app");
        assertThat(pkce.redirectUri()).isEqualTo(LATEST + "redirect.html");
        assertThat(pkce.featureScopes()).contains(Scope.TEAM_MESSAGING);
        assertThat(pkce.toString()).contains("Redirect URI:  " + LATEST + "redirect.html")
                .contains("VoIP Calling").contains("TeamMessaging (for team messaging (disableGlip=false))");
        RegistrationChecklist jwt = Embeddable.of(EmbeddableConfig.builder().clientId("a").clientSecret("s").jwt("j")
                .allowSecretsInMarkup(true).build()).registrationChecklist();
        assertThat(jwt.authFlow()).isEqualTo("JWT auth flow");
        assertThat(jwt.platformType()).startsWith("Server-side web app");
        assertThat(Embeddable.of(EmbeddableConfig.defaults()).registrationChecklist().notes())
                .anySatisfy(n -> assertThat(n).contains("set clientId"));
        // Serving the redirect page: https, except for the loopback http URI the configuration accepts for development.
        assertThat(Embeddable.of(EmbeddableConfig.builder().redirectUri("https://crm.example.com/rc/redirect").build())
                .registrationChecklist().notes()).anySatisfy(n -> assertThat(n).contains("redirect page").endsWith("over https."));
        assertThat(Embeddable.of(EmbeddableConfig.builder().redirectUri("http://127.0.0.1:8080/rc/redirect").build())
                .registrationChecklist().notes()).anySatisfy(n -> assertThat(n).contains("over http on this machine only"));
    }

    @Test
    void theStartupLineNamesTheRedirectUriToRegisterOnlyForTheApplicationsOwnApp() {
        // A redirect URI missing from the app's registration fails every sign-in, and behind a proxy the URI is not
        // what the developer sees locally: the line says the one the widget will send (a trial behind nginx).
        assertThat(Embeddable.of(EmbeddableConfig.builder().clientId("abc").appServer(AppServer.SANDBOX)
                .redirectUri("https://crm.example.com/crm/ringcentral/redirect").build()).registrationChecklist().startupLine())
                .hasValue("RingCentral Embeddable: client ID abc on sandbox (https://platform.devtest.ringcentral.com); its app in"
                        + " the Developer Console must list the OAuth redirect URI https://crm.example.com/crm/ringcentral/redirect");
        assertThat(Embeddable.of(EmbeddableConfig.builder().clientId("abc").build()).registrationChecklist().startupLine())
                .get(org.assertj.core.api.InstanceOfAssertFactories.STRING).endsWith(" URI " + LATEST + "redirect.html");
        assertThat(Embeddable.of(EmbeddableConfig.defaults()).registrationChecklist().startupLine()).isEmpty();
    }

    @Test
    void renderingSecretsLogsAWarningEveryTime() {
        try (LoggedRecords log = new LoggedRecords(Embeddable.class)) {
            List<LogRecord> records = log.records();
            Embeddable legacy = Embeddable.of(EmbeddableConfig.builder().clientId("a").clientSecret("s")
                    .allowSecretsInMarkup(true).build());
            legacy.scriptTag();
            legacy.scriptTag("n");
            legacy.iframeTag();
            assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING));
            records.clear();
            Embeddable.of(EmbeddableConfig.builder().clientId("a").build()).scriptTag();
            assertThat(records).isEmpty();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
