package io.atelier.platform.mastodon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Plain text from the HTML of a status's {@code content}, with markup a person typed staying text. */
class HtmlTest {

    @Test
    void paragraphsAndLineBreaks() {
        assertEquals("first line\nsecond line\n\nnext paragraph",
                Html.toText("<p>first line<br />second line</p><p>next paragraph</p>"));
        assertEquals("a\nb", Html.toText("a<br>b"));
        assertEquals("one two", Html.toText("<p>one\n  two</p>"));
        assertEquals("", Html.toText("<p></p>"));
        assertEquals("", Html.toText(null));
    }

    @Test
    void aShortenedLinkReadsWhole() {
        String html = "<p>read <a href=\"https://example.com/page/that/is/very/long\" rel=\"nofollow noopener\""
                + " target=\"_blank\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">"
                + "example.com/page</span><span class=\"invisible\">/that/is/very/long</span></a> now</p>";
        assertEquals("read https://example.com/page/that/is/very/long now", Html.toText(html));
    }

    @Test
    void aMentionShowsItsUsername() {
        String html = "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://mastodon.social/@trwnh\""
                + " class=\"u-url mention\">@<span>trwnh</span></a></span> sup!</p>";
        assertEquals("@trwnh sup!", Html.toText(html));
    }

    @Test
    void escapedMarkupAndScriptStayText() {
        String html = "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;</p>";
        assertEquals("<script>alert(\"x\")</script> <b>bold</b>", Html.toText(html));
        // Decoded once: what was written as "&lt;" in the text stays "&lt;", never "<".
        assertEquals("&lt;i&gt; is how you write <i>", Html.toText("<p>&amp;lt;i&amp;gt; is how you write &lt;i&gt;</p>"));
    }

    @Test
    void rawScriptStyleAndCommentsAreDropped() {
        assertEquals("before after", Html.toText("<p>before <script type=\"text/javascript\">steal(\"<p>x</p>\")"
                + "</script>after</p>"));
        assertEquals("shown", Html.toText("<style>p { color: red }</style><p>shown</p>"));
        assertEquals("a b", Html.toText("a <!-- <b>hidden</b> --> b"));
        assertEquals("text", Html.toText("<p>text<script>never closed"));
    }

    @Test
    void attributesMayHoldAngleBrackets() {
        assertEquals("link", Html.toText("<a title=\"a > b\" href='x>y'>link</a>"));
    }

    @Test
    void characterReferences() {
        assertEquals("it's “quoted” — fine & 😀 é", Html.toText("it&#39;s &ldquo;quoted&rdquo; &mdash; fine &amp;"
                + " &#x1F600; &#233;"));
        assertEquals("\u00a0", Html.decode("&nbsp;"));
        // Invalid numbers become the replacement character; unknown names and bare ampersands stay as written.
        assertEquals("\uFFFD \uFFFD \uFFFD", Html.decode("&#0; &#xD800; &#x110000;"));
        assertEquals("&unknown; AT&T & co &#xZZ;", Html.decode("&unknown; AT&T & co &#xZZ;"));
    }

    @Test
    void aBareLessThanIsText() {
        assertEquals("a < b and 3<4", Html.toText("a < b and 3<4"));
    }
}
