package io.github.embeddable4j.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.LoggedRecords;
import org.junit.jupiter.api.Test;

/** The one rule both bridges follow for an application's own sign-in (the servlet and WebFlux bridges ask it). */
class AppUserLookupTest {

    @Test
    void anIdNamesItsUserAndNoneOrABlankOneNamesNobody() {
        AppUserLookup lookup = new AppUserLookup("AppUserResolver", "lookup-test");
        assertThat(lookup.named("ada").getName()).isEqualTo("ada");
        assertThat(lookup.named("ada")).as("equal by name, as the session keeps it").isEqualTo(lookup.named("ada"));
        assertThat(lookup.named(null)).isNull();
        assertThat(lookup.named(" \t")).as("a blank id would give every such visitor one user and one rate limit").isNull();
    }

    /** A user store that is down fails every request: one warning per bridge, not one per event. */
    @Test
    void aFailureIsSaidOncePerBridgeWithItsCause() {
        try (LoggedRecords logged = new LoggedRecords("lookup-failures")) {
            AppUserLookup one = new AppUserLookup("AppUserResolver", "lookup-failures");
            one.failed(new IllegalStateException("user store down"));
            one.failed(new IllegalStateException("user store down"));
            assertThat(logged.records()).singleElement().satisfies(r -> {
                assertThat(r.getMessage()).contains("the AppUserResolver failed", "name nobody");
                assertThat(r.getThrown()).hasMessage("user store down");
            });
            new AppUserLookup("ReactiveAppUserResolver", "lookup-failures").failed(new IllegalStateException("down too"));
            assertThat(logged.messages()).as("another bridge says its own").hasSize(2).last().asString()
                    .contains("ReactiveAppUserResolver");
        }
    }
}
