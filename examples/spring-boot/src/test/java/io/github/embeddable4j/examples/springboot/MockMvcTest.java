package io.github.embeddable4j.examples.springboot;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.embeddable4j.core.Embeddable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The docs' "Testing your application", run: with the starter, MockMvc's pages carry the widget and its JSON does
 * not; the starter's servlets (bridge, redirect page) are outside MockMvc's reach. A trial that added the starter to an
 * application tested this way found the tests it had still passing and nothing written on how to test the widget.
 */
@SpringBootTest(properties = {
    "ringcentral.embeddable.client-id=test-client", // a client ID of any text: no demo-app warning in each test context
    "spring.datasource.url=jdbc:h2:mem:crm-mockmvc;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
class MockMvcTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Embeddable embeddable; // the starter's: what the filter puts in pages

    @Test
    @WithMockUser("ada")
    void aPageCarriesTheWidget() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Embeddable-Injected", "1")) // inject.injected-header, in application.properties
                // the loader, with this request's CSP nonce (the example's policy), so not scriptTag() to the letter
                .andExpect(content().string(containsString("<script src=\"" + embeddable.config().hosting().baseUrl())))
                .andExpect(content().string(containsString("adapter.js?clientId=test-client")));
    }

    @Test
    @WithMockUser("ada")
    void jsonAndExcludedPathsDoNot() throws Exception {
        mvc.perform(get("/api/contacts"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("X-Embeddable-Injected"))
                .andExpect(content().string(not(containsString("adapter.js"))));
        mvc.perform(get("/no-widget")) // inject.exclude-paths
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(embeddable.adapterUrl()))));
    }

    @Test
    void aVisitorWhoHasNotSignedInGetsNoWidget() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<form")))
                .andExpect(content().string(not(containsString("adapter.js"))));
    }

    /** MockMvc calls the DispatcherServlet only: the starter's servlets answer on a real server (RANDOM_PORT). */
    @Test
    @WithMockUser("ada")
    void theStartersServletsAreNotReachedThroughMockMvc() throws Exception {
        mvc.perform(get("/"))
                .andExpect(content().string(containsString("/embeddable4j/embeddable4j.js"))); // the page names the bridge
        mvc.perform(get("/embeddable4j/embeddable4j.js")).andExpect(status().isNotFound());
    }
}
