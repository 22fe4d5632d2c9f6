package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads rendered markup as a browser reads a page served as {@code application/xhtml+xml}: with an XML parser, where
 * a valueless attribute ({@code async}) or a stray {@code &} is a fatal error and the browser shows an error page
 * instead of the document. The filter injects into such pages, so every tag core renders must be well-formed XML.
 */
final class XhtmlOracle {

    /** What an element the XML parser read must be: index among the markup's elements, name, attributes in order. */
    interface ElementCheck {
        void check(int index, String name, Map<String, String> attributes);
    }

    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(() -> {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(e);
        }
    });

    private XhtmlOracle() {
    }

    /**
     * Parses the markup inside an XHTML page's head (or body), fails on any XML error, and checks that it is exactly
     * {@code count} elements with no children, each passed to {@code check}.
     */
    static void assertWellFormed(String markup, boolean inHead, int count, ElementCheck check) {
        String page = "<html xmlns=\"http://www.w3.org/1999/xhtml\">" + (inHead ? "<head>" + markup + "</head><body/>"
                : "<head/><body>" + markup + "</body>") + "</html>";
        List<String> names = new ArrayList<>();
        List<Map<String, String>> attributes = new ArrayList<>();
        int[] depth = {0};
        SAXParser parser = PARSER.get();
        parser.reset();
        try {
            parser.parse(new InputSource(new StringReader(page)), new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts) {
                    depth[0]++;
                    if (depth[0] == 3) { // html > head|body > the markup's own elements
                        Map<String, String> m = new LinkedHashMap<>();
                        for (int i = 0; i < atts.getLength(); i++) {
                            m.put(atts.getQName(i), atts.getValue(i));
                        }
                        names.add(localName);
                        attributes.add(m);
                    } else if (depth[0] > 3) {
                        fail("<%s> inside the rendered markup: %s", localName, BrowserHtml.visible(markup));
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    depth[0]--;
                }
            });
        } catch (SAXException | IOException e) {
            throw new AssertionError("not well-formed XML (an application/xhtml+xml page with it shows a parse error): "
                    + e.getMessage() + "\n" + BrowserHtml.visible(markup), e);
        }
        assertThat(names).as("elements an XML parser reads in %s", BrowserHtml.visible(markup)).hasSize(count);
        for (int i = 0; i < count; i++) {
            check.check(i, names.get(i), attributes.get(i));
        }
    }
}
