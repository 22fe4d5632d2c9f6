package io.github.embeddable4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.crm.PhoneNumberIndex;
import org.junit.jupiter.api.Test;

/** The contact-match benchmark's server answers what wrk will ask, and its data is what the report says. */
class ContactMatchBenchmarkTest {

    @Test
    void theIndexNamesTheContactAndTheBaselineMatchesNothing() throws Exception {
        var index = PhoneNumberIndex.ofContacts(ContactData.contacts(20_000));
        assertThat(index.numberCount()).isEqualTo(20_000); // every stored format normalised to a distinct number
        assertThat(index.find("+16505559999")).extracting(c -> c.name()).containsExactly("Contact 9999");
        assertThat(index.find("+14155550000")).extracting(c -> c.name()).containsExactly("Contact 10000");
        try (ContactMatchBenchmark.Bench server = new ContactMatchBenchmark.Bench(index)) {
            server.check(); // throws unless /embeddable4j/service names contact 4242 and /baseline/service does not
            String answer = ContactMatchBenchmark.Bench.post(server.url("index"), ContactMatchBenchmark.body("+16505550007"));
            assertThat(answer).contains("\"Contact 7\"").contains("rc-post-message-response");
        }
    }

    @Test
    void theLuaScriptPostsTheCallOutWithTheHeadersTheBridgeRequires() {
        String lua = ContactMatchBenchmark.lua();
        assertThat(lua).contains("wrk.headers[\"Content-Type\"] = \"application/json\"")
                .contains("wrk.headers[\"Sec-Fetch-Site\"] = \"same-origin\"")
                .contains("\"path\":\"/contacts/match\"").contains("+1650555%04d");
    }
}
