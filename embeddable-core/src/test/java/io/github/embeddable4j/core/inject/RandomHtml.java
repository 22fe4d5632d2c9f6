package io.github.embeddable4j.core.inject;

import java.util.Random;

/**
 * Generates documents that exercise every tokenizer state (markers real and fake, in every hiding place) and what
 * ends a head: half of them start with parts that keep the head open, the rest may end it at any point.
 */
final class RandomHtml {

    private static final String[] TEXT = {"hello ", "a < b ", "x > y", "&amp; ", " ", "\n", "\t", "</ head>", "< /head>",
        "</headx>", "</header >", "</bod>", "</bodyx>", "</>", "<3 ", "1<2", "\"quoted\" ", "'single' ", "--", "]]>"};
    /** The last three are chars whose low byte is '<', '/' or '>': no char above 0x7F may be read as ASCII. */
    private static final String[] NON_ASCII = {"é", "ü", "ÿ", "£", "中文", "😀", "\u2028", "\u013c\u012f\u013e", "\u3c3c",
        "\u2f3e"};
    private static final String[] LATIN1 = {"é", "ü", "ÿ", "£", "\u00a0"};
    private static final String[] TAGS = {"<div>", "<div class=\"a\">", "<meta content=\"</head>\">",
        "<meta content='</head>'>", "<a href=x>", "<br/>", "<img src=\"x\" alt='y' hidden>", "<p title=\"a>b\">", "</div>",
        "</p >", "<HEAD>", "<Body class=\"x\">", "<link rel=stylesheet href=\"/a.css?x=1&y=</body>\">", "<input value=''>",
        "<span\ndata-x=\"1\"\n>"};
    /** Start tags the parser keeps in the head, and templates. */
    private static final String[] HEAD_TAGS = {"<meta charset=\"utf-8\">", "<link rel=stylesheet href=\"/a.css?x=1&y=</body>\">",
        "<base href=\"/\">", "<meta content=\"</head>\">", "<meta content='</head>'>", "<html lang=en>", "<HEAD>",
        "<Meta name=x content=y/>", "<template>", "</template>", "<bgsound>", "<link\nhref=</head>>"};
    /** Parts that end the head (or a template) as a tree builder sees them. */
    private static final String[] TREE = {"<body>", "<BODY>", "</html>", "</br>", "<template>", "</template>", "<TEMPLATE>",
        "<textarea></head></textarea>"};
    private static final String[] WHITE_SPACE = {" ", "\n", "\t", "\r\n", "\f"};
    private static final String[] HEAD_RAW = {"script", "style", "title", "noscript", "SCRIPT", "Style"};
    private static final String[] MARKERS = {"</head>", "</HEAD>", "</head >", "</head\n>", "</head/>", "</body>",
        "</BODY>", "</body class=\"x\">", "</Head\t>"};
    private static final String[] HIDING = {"<!-- x -->", "<!-- </head> -->", "<!-- </body> - -->", "<!-->", "<!--->",
        "<!---->", "<!-- a - b -->", "<!DOCTYPE html>",
        "<?xml version=\"1.0\"?>", "<!x </head>>", "<!-x </body>>", "<!->", "<!-- a --!>", "<!-- a --!-> </head> -->",
        "<!-- --!-->", "<!--!>", "<!---!>", "<!-- --!x -->", "<!-- <!-- </body> -->", "<!-- <!-->", "<!-- <!-> -->",
        "<!-- <!--!>", "<!---x-->", "<!-- -!> -->", "<!-- --->", "<!-- --", "--!>", "-->"};
    // Pieces of tags with random attributes: every attribute state, and units that mean something in another one.
    private static final String[] TAG_NAMES = {"div", "a", "meta", "link", "SPAN", "p", "x-y", "h1", "br", "template", "head"};
    private static final String[] BETWEEN_ATTRIBUTES = {" ", "\n", "/", "", " / ", "\t", "\f"};
    private static final String[] ATTRIBUTE_NAMES = {"a", "data-x", "=", "\"q", "'", "<x", "x\"", "==", "a/b", "</head",
        "?", "`"};
    private static final String[] EQUALS = {"=", " = ", "=\n", "\n="};
    private static final String[] VALUES = {"\"v\"", "'v'", "v", "x=\"y", "\"a>b\"", "'</head>'", "</head", "x==\"y>z\"",
        "", "\"", "`a`", "'a\"b'", "\"a'b\"", "\"</body>\"", "a'b", "=\"c\""};
    private static final String[] TAG_ENDS = {">", " >", "/>", "", "\n>"};
    /** Rarer than the other hiding places: jsoup cannot judge a head with one (see JsoupOracle). */
    private static final String[] CDATA = {"<![CDATA[ </head> ]]>", "<![CDATA[a]b]]c]]>", "<![CDATA[ x]> </head> ]]>",
        "<![CDATA[ </body> ]]>"};
    /** Single units that change tokenizer states, and the white space HTML does and does not know. */
    private static final String TRICKY = "<>/!-?[]'\"=`&;\t\n\r\f \u000b\u0000aH";
    private static final String[] RAW = {"script", "style", "textarea", "title", "noscript", "SCRIPT", "xmp", "iframe",
        "noembed", "Script", "style", "script", "plaintext"};
    private static final String[] RAW_CONTENT = {"var a = '</head>';", "</scrip", "</scriptx>", "<!-- -->", "if (a < b) {}",
        "</body>", "</style", "x", "</titlex>", "\u00e9", "<!--", "-->", "<script>", "</script\n", "</"};

    private RandomHtml() {
    }

    static String document(Random r, boolean latin1Only) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + r.nextInt(30);
        int headParts = r.nextBoolean() ? r.nextInt(parts + 1) : 0;
        for (int i = 0; i < parts; i++) {
            if (i < headParts) {
                headPart(r, sb);
            } else {
                part(r, sb, latin1Only);
            }
        }
        return sb.toString();
    }

    /** A part that leaves the head open (or, now and then, ends it with text that looks like a comment end). */
    private static void headPart(Random r, StringBuilder sb) {
        int kind = r.nextInt(100);
        if (kind < 30) {
            sb.append(pick(r, HEAD_TAGS));
        } else if (kind < 45) {
            sb.append(pick(r, WHITE_SPACE));
        } else if (kind < 60) {
            sb.append(pick(r, MARKERS));
        } else if (kind < 85) {
            sb.append(pick(r, HIDING));
        } else {
            rawElement(r, sb, pick(r, HEAD_RAW));
        }
    }

    private static void part(Random r, StringBuilder sb, boolean latin1Only) {
        int kind = r.nextInt(100);
        if (kind < 22) {
            sb.append(pick(r, TEXT));
        } else if (kind < 32) {
            sb.append(pick(r, latin1Only ? LATIN1 : NON_ASCII));
        } else if (kind < 42) {
            sb.append(pick(r, TAGS));
        } else if (kind < 50) {
            randomTag(r, sb);
        } else if (kind < 55) {
            sb.append(pick(r, TREE));
        } else if (kind < 65) {
            sb.append(pick(r, MARKERS));
        } else if (kind < 79) {
            sb.append(pick(r, HIDING));
        } else if (kind < 80) {
            sb.append(pick(r, CDATA));
        } else if (kind < 86) {
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                sb.append(TRICKY.charAt(r.nextInt(TRICKY.length())));
            }
        } else {
            rawElement(r, sb, pick(r, RAW));
        }
    }

    /** A start or end tag with random attributes; it may not end, and then what follows is read as attributes. */
    private static void randomTag(Random r, StringBuilder sb) {
        sb.append(r.nextInt(4) == 0 ? "</" : "<").append(pick(r, TAG_NAMES));
        for (int n = r.nextInt(4); n > 0; n--) {
            sb.append(pick(r, BETWEEN_ATTRIBUTES)).append(pick(r, ATTRIBUTE_NAMES));
            if (r.nextBoolean()) {
                sb.append(pick(r, EQUALS)).append(pick(r, VALUES));
            }
        }
        sb.append(pick(r, TAG_ENDS));
    }

    private static void rawElement(Random r, StringBuilder sb, String name) {
        sb.append('<').append(name).append(r.nextBoolean() ? " type=\"t\">" : ">");
        int n = r.nextInt(4);
        for (int j = 0; j < n; j++) {
            sb.append(pick(r, RAW_CONTENT));
        }
        if (r.nextInt(10) > 0) { // sometimes the element never closes
            sb.append("</").append(r.nextBoolean() ? name : name.toUpperCase()).append(r.nextBoolean() ? ">" : " >");
        }
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
