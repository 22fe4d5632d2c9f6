package io.github.embeddable4j.examples.springboot;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.spring.EmbeddableAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A {@code @WebMvcTest} slice loads only the auto-configurations Spring lists for it, and the starter is not among them:
 * its pages get the widget when the test imports it ({@link ImportAutoConfiguration}), as the docs say. (Without
 * the import this slice would not even start: the example's {@code ContentSecurityPolicy}, a {@code WebMvcConfigurer}
 * the slice takes, needs the starter's {@code CspSources}.)
 */
@WebMvcTest(ContactsController.class)
@ImportAutoConfiguration(EmbeddableAutoConfiguration.class)
class WebMvcSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Embeddable embeddable;

    @MockitoBean
    ContactRepository contacts;

    @MockitoBean
    CallLogRepository calls;

    @BeforeEach
    void noContacts() {
        when(contacts.page(0, null, ContactsController.PAGE_SIZE)).thenReturn(new ContactRepository.Slice(List.of(), false));
    }

    @Test
    @WithMockUser("ada")
    void thePageCarriesTheWidget() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(header().string("X-Embeddable-Injected", "1"))
                .andExpect(content().string(containsString(embeddable.config().hosting().baseUrl() + "adapter.js")));
    }
}
