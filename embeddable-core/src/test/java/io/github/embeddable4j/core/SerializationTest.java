package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.embeddable4j.core.message.WidgetCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The configuration, its rendering and commands go into session stores with a Vaadin component (Tomcat's session
 * persistence, replication): they serialize as their settings or JSON, and are validated or parsed again when read.
 */
class SerializationTest {

    private static final EmbeddableConfig CONFIG = EmbeddableConfig.builder()
            .clientId("abc123").appServer(AppServer.SANDBOX).defaultCallWith(CallWith.RINGOUT).zIndex(42)
            .frameOrigins("https://widget.example.com").hosting("https://widget.example.com/embeddable/")
            .param("futureFlag", "1").build();

    @Test
    void aConfigurationComesBackEqualAndRendersTheSameMarkup() throws Exception {
        Embeddable embeddable = Embeddable.of(CONFIG);

        Embeddable back = roundTrip(embeddable);

        assertThat(back).isNotSameAs(embeddable);
        assertThat(back.config()).isEqualTo(CONFIG);
        assertThat(back.scriptTag("n0nce")).isEqualTo(embeddable.scriptTag("n0nce"));
        assertThat(back.iframeTag()).isEqualTo(embeddable.iframeTag());
        assertThat(back.widgetOrigins().all()).isEqualTo(embeddable.widgetOrigins().all());
    }

    @Test
    void aCommandComesBackAsTheSameMessage() throws Exception {
        WidgetCommand command = WidgetCommand.newSms("+16505550100", "Hello \"there\" </script>");

        WidgetCommand back = roundTrip(command);

        assertThat(back.toJson()).isEqualTo(command.toJson());
        assertThat(back.type()).isEqualTo("rc-adapter-new-sms");
        assertThat(back.requiresLogin()).isTrue();
    }

    @Test
    void theStreamHoldsTheSettingsNotTheRenderedMarkup() throws Exception {
        String stream = new String(bytes(Embeddable.of(CONFIG)), StandardCharsets.ISO_8859_1);

        assertThat(stream).contains("abc123").doesNotContain("<script").doesNotContain("adapter.js?");
    }

    /**
     * A stream is input: a configuration read from it is validated as {@code build()} validates, so a stream edited to
     * hold a hosting URL with a quote (which the builder refuses) fails to read instead of rendering it.
     */
    @Test
    void aTamperedStreamIsValidatedAgain() throws Exception {
        String good = "https://widget.example.com/embeddable/";
        String bad = "https://widget.example.com/embeddab\"e/"; // same length: the stream's string length still fits
        assertThat(bad).hasSameSizeAs(good);
        byte[] stream = bytes(Embeddable.of(CONFIG));
        byte[] tampered = replace(stream, good.getBytes(StandardCharsets.UTF_8), bad.getBytes(StandardCharsets.UTF_8));
        assertThat(tampered).isNotEqualTo(stream); // the attack really is in the stream

        assertThatThrownBy(() -> read(tampered)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("no longer valid").hasMessageContaining("hosting");
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        return (T) read(bytes(object));
    }

    static byte[] bytes(Object object) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(object);
        }
        return out.toByteArray();
    }

    static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        byte[] out = in.clone();
        for (int i = 0; i + what.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + what.length, what, 0, what.length)) {
                System.arraycopy(with, 0, out, i, with.length);
            }
        }
        return out;
    }
}
