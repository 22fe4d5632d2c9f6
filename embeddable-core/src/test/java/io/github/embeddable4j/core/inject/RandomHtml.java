package io.github.embeddable4j.core.inject;

import java.util.Random;

/** Generates documents that exercise every tokenizer state: markers real and fake, in every hiding place. */
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
    private static final String[] MARKERS = {"</head>", "</HEAD>", "</head >", "</head\n>", "</head/>", "</body>",
        "</BODY>", "</body class=\"x\">", "</Head\t>"};
    private static final String[] HIDING = {"<!-- x -->", "<!-- </head> -->", "<!-- </body> - -->", "<!-->", "<!--->",
        "<!---->", "<!-- a - b -->", "<![CDATA[ </head> ]]>", "<![CDATA[a]b]]c]]>", "<![CDATA[ x]> </head> ]]>", "<!DOCTYPE html>",
        "<?xml version=\"1.0\"?>", "<!x </head>>", "<!-x </body>>", "<!->", "<!-- a --!>", "<!-- a --!-> </head> -->",
        "<!-- --!-->", "<!--!>", "<!---!>", "<!-- --!x -->", "<!-- <!-- </body> -->", "<!-- <!-->", "<!-- <!-> -->",
        "<!-- <!--!>", "<!---x-->", "<!-- -!> -->", "<!-- --->", "<!-- --", "--!>", "-->"};
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
        for (int i = 0; i < parts; i++) {
            int kind = r.nextInt(100);
            if (kind < 25) {
                sb.append(pick(r, TEXT));
            } else if (kind < 35) {
                sb.append(pick(r, latin1Only ? LATIN1 : NON_ASCII));
            } else if (kind < 55) {
                sb.append(pick(r, TAGS));
            } else if (kind < 65) {
                sb.append(pick(r, MARKERS));
            } else if (kind < 80) {
                sb.append(pick(r, HIDING));
            } else if (kind < 86) {
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    sb.append(TRICKY.charAt(r.nextInt(TRICKY.length())));
                }
            } else {
                String name = pick(r, RAW);
                sb.append('<').append(name).append(r.nextBoolean() ? " type=\"t\">" : ">");
                int n = r.nextInt(4);
                for (int j = 0; j < n; j++) {
                    sb.append(pick(r, RAW_CONTENT));
                }
                if (r.nextInt(10) > 0) { // sometimes the element never closes
                    sb.append("</").append(r.nextBoolean() ? name : name.toUpperCase()).append(r.nextBoolean() ? ">" : " >");
                }
            }
        }
        return sb.toString();
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
