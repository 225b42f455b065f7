package io.atelier.sdk.connector.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * HTML to plain text: the shapes feeds (WordPress, Ghost, Atom) and Mastodon's
 * status content take, the paragraph rule, references, and hostile input. Every
 * expected string is written out by hand.
 */
class HtmlTextTest {

    private static final int MB = 1 << 20;

    @Test
    void tagsGoAndBlocksBreakLines() {
        assertEquals("Title\n\nOne two\n\nItem", HtmlText.toText("<h2>Title</h2><p>One <b>two</b></p><ul><li>Item</li></ul>"));
        assertEquals("a\nb", HtmlText.toText("a<br>b"));
        assertEquals("a\nb", HtmlText.toText("a<BR/>b"));
        assertEquals("ab", HtmlText.toText("a<span class=\"x\">b</span>"));
    }

    @Test
    void paragraphsAreBlankLinesAndBrIsALineBreak() {
        assertEquals("first line\nsecond line\n\nnext paragraph",
                HtmlText.toText("<p>first line<br />second line</p><p>next paragraph</p>"));
        assertEquals("one two", HtmlText.toText("<p>one\n  two</p>"), "a line break of the source is white space");
        assertEquals("", HtmlText.toText("<p></p>"));
        assertEquals("", HtmlText.toText(null));
        assertEquals("", HtmlText.toText(""));
    }

    @Test
    void elementsWithAMarginAreParagraphsOthersLines() {
        assertEquals("Title\n\nIntro\n\nquoted\n\nafter",
                HtmlText.toText("<h1>Title</h1>Intro<blockquote>quoted</blockquote>after"));
        assertEquals("one\ntwo\nthree", HtmlText.toText("<div>one</div><div>two</div>three"));
        assertEquals("Shopping:\n\nbread\nmilk\n\nThanks",
                HtmlText.toText("Shopping:<ul><li>bread</li><li>milk</li></ul>Thanks"));
        assertEquals("a\nb\nc", HtmlText.toText("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"),
                "a list inside a list is no paragraph");
        assertEquals("x\n\ny", HtmlText.toText("x<hr>y"));
        assertEquals("cell 1\ncell 2\nrow 2", HtmlText.toText("<table><tr><td>cell 1<td>cell 2<tr><td>row 2</table>"));
        assertEquals("term\ndefinition", HtmlText.toText("<dl><dt>term</dt><dd>definition</dd></dl>"));
    }

    @Test
    void lineBreaksAddUpToOneBlankLineAtMost() {
        assertEquals("a\n\nb", HtmlText.toText("a<br><br>b"));
        assertEquals("a\n\nb", HtmlText.toText("a<br><br><br><br>b"));
        assertEquals("a\n\nb", HtmlText.toText("<p>a</p>\n\n<p></p><div> </div><p>b</p>"));
        assertEquals("a\n\nb", HtmlText.toText("<div>a</div><div><br></div><div>b</div>"), "an editor's empty line");
        assertEquals("a\nb", HtmlText.toText("<div>a<br></div><div>b</div>"), "a last <br> in a block adds nothing");
        assertEquals("a\nb", HtmlText.toText("a</br>b"), "</br> reads as <br>, as in browsers");
        assertEquals("text", HtmlText.toText("<br><p><br>text<br></p><br>"), "nothing at either end");
    }

    @Test
    void preformattedTextKeepsItsLines() {
        assertEquals("Code:\n\nint a = 1;\nint b = 2;\n\nend",
                HtmlText.toText("Code:<pre><code>\nint a = 1;\r\n  int   b = 2;\n</code></pre>end"));
    }

    @Test
    void attributesMayHoldAnAngleBracket() {
        assertEquals("Link text", HtmlText.toText("<a title=\"a > b\" href='x>y'>Link text</a>"));
        assertEquals("link", HtmlText.toText("<a href=\"x><b>bold</b>\">link</a>"));
    }

    @Test
    void aQuoteOpensAValueOnlyAfterAnEqualsSign() {
        assertEquals("text and more", HtmlText.toText("<b it's>text</b> and <a title=x\"y>more</a>"));
        assertEquals("a", HtmlText.toText("a<a title='never closed>b</a> c"), "an unterminated value runs to the end");
    }

    @Test
    void aShortenedMastodonLinkReadsWhole() {
        String html = "<p>read <a href=\"https://example.com/page/that/is/very/long\" rel=\"nofollow noopener\""
                + " target=\"_blank\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">"
                + "example.com/page</span><span class=\"invisible\">/that/is/very/long</span></a> now</p>";
        assertEquals("read https://example.com/page/that/is/very/long now", HtmlText.toText(html));
    }

    @Test
    void aMastodonMentionShowsItsUsername() {
        String html = "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://mastodon.social/@trwnh\""
                + " class=\"u-url mention\">@<span>trwnh</span></a></span> sup!</p>";
        assertEquals("@trwnh sup!", HtmlText.toText(html));
    }

    @Test
    void scriptsStylesTemplatesAndCommentsAreDroppedWhole() {
        assertEquals("before after", HtmlText.toText("before <script>if (a < b) alert('</p>')</script>after"));
        assertEquals("before after", HtmlText.toText("<p>before <script type=\"text/javascript\">steal(\"<p>x</p>\")"
                + "</script>after</p>"));
        assertEquals("x y", HtmlText.toText("x <STYLE type=\"text/css\">p{}</Style >y"));
        assertEquals("shown", HtmlText.toText("<style>p { color: red }</style><p>shown</p>"));
        assertEquals("x y", HtmlText.toText("x <template><p>hidden</p></template>y"));
        assertEquals("x y", HtmlText.toText("x <!-- <script>alert(1)</script> -->y"));
        assertEquals("a b", HtmlText.toText("a <!-- <b>hidden</b> --> b"));
        assertEquals("x", HtmlText.toText("x<script>never closed"));
        assertEquals("text", HtmlText.toText("<p>text<script>never closed"));
        assertEquals("x", HtmlText.toText("x<!-- never closed"));
        assertEquals("x y", HtmlText.toText("x <script src=\"a.js\"/>y"), "a self-closed script hides nothing");
        assertEquals("c", HtmlText.toText("<script>a</scripts>b</script>c"), "</scripts> does not end a script");
        assertEquals("ab", HtmlText.toText("a<!---->b<!-->"), "empty comments, the short one too");
    }

    @Test
    void declarationsAndProcessingInstructionsAreNotText() {
        assertEquals("a b", HtmlText.toText("<!DOCTYPE html><?xml version=\"1.0\"?>a <![CDATA[x]]>b"));
        assertEquals("ab", HtmlText.toText("a</>b"));
        assertEquals("ab", HtmlText.toText("a</ 3>b"));
        assertEquals("a</", HtmlText.toText("a</"));
    }

    @Test
    void aLoneAngleBracketOrAmpersandIsText() {
        assertEquals("1 < 2 & 3 > 2", HtmlText.toText("1 < 2 & 3 > 2"));
        assertEquals("a < b and 3<4", HtmlText.toText("a < b and 3<4"));
        assertEquals("AT&T, R&D;", HtmlText.toText("AT&T, R&D;"));
        assertEquals("<3", HtmlText.toText("<3"));
        assertEquals("x <", HtmlText.toText("x <"));
    }

    @Test
    void escapedMarkupStaysText() {
        String html = "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;</p>";
        assertEquals("<script>alert(\"x\")</script> <b>bold</b>", HtmlText.toText(html));
        assertEquals("&lt;i&gt; is how you write <i>", HtmlText.toText("<p>&amp;lt;i&amp;gt; is how you write &lt;i&gt;</p>"),
                "decoded once: what was written as &lt; stays &lt;");
        assertEquals("&lt;script&gt;", HtmlText.toText("&amp;lt;script&amp;gt;"));
    }

    @Test
    void characterReferencesAreDecoded() {
        assertEquals("café — « ok » ’ €", HtmlText.toText("caf&eacute; &mdash; &laquo; ok &raquo; &rsquo; &euro;"));
        assertEquals("<b> & \" '", HtmlText.toText("&lt;b&gt; &amp; &quot; &apos;"));
        assertEquals("it's “quoted” — fine & 😀 é", HtmlText.toText("it&#39;s &ldquo;quoted&rdquo; &mdash; fine &amp;"
                + " &#x1F600; &#233;"));
        assertEquals("é é 😀 A A", HtmlText.toText("&#233; &#xE9; &#x1F600; &#X41; &#x0000000000000041;"));
        assertEquals("– ™", HtmlText.toText("&#150; &#153;"), "0x80–0x9F as Windows-1252, as browsers read them");
        assertEquals("Éé", HtmlText.toText("&Eacute;&eacute;"), "names are case-sensitive");
    }

    @Test
    void invalidReferencesStayOrBecomeTheReplacementCharacter() {
        assertEquals("\uFFFD \uFFFD \uFFFD", HtmlText.toText("&#0; &#xD800; &#x110000;"));
        assertEquals("\uFFFD \uFFFD \uFFFD \uFFFD", HtmlText.toText("&#99999999999999999999; &#x7FFFFFFF; &#xDFFF; &#x81;"));
        assertEquals("&unknown; &#; &#xZZ; &#x; &amp &#65", HtmlText.toText("&unknown; &#; &#xZZ; &#x; &amp &#65"),
                "no ';', no digits or an unknown name: as written");
        assertEquals("&EACUTE; &averyveryverylongname;", HtmlText.toText("&EACUTE; &averyveryverylongname;"));
    }

    @Test
    void decodeChangesOnlyReferences() {
        assertEquals("\u00a0", HtmlText.decode("&nbsp;"));
        assertEquals("\uFFFD \uFFFD \uFFFD", HtmlText.decode("&#0; &#xD800; &#x110000;"));
        assertEquals("&unknown; AT&T & co &#xZZ;", HtmlText.decode("&unknown; AT&T & co &#xZZ;"));
        assertEquals("  <p>a\n\nb</p> ", HtmlText.decode("  &lt;p&gt;a\n\nb&lt;/p&gt; "));
        assertEquals("", HtmlText.decode(null));
    }

    @Test
    void whiteSpaceIsCollapsedWithinLines() {
        assertEquals("a b c", HtmlText.toText("  a \t\u00A0 b \n\n\n   c  "), "source line breaks are white space");
        assertEquals("a b", HtmlText.toText("a&nbsp;&nbsp;b"));
        assertEquals("a b", HtmlText.toText("a&#10;&#13;b"));
        assertEquals("ab", HtmlText.toText("a\u0000\u0007&#1;b"), "control characters are dropped");
        assertEquals("", HtmlText.toText("<p> </p>\n<div></div>"));
        assertEquals("one two\nthree", HtmlText.toText("<div>  one   <b> two </b> </div>\t<div> three </div>"));
    }

    @Test
    void hostileInputIsReadInOnePass() {
        String angles = "<".repeat(MB);
        assertEquals(angles, HtmlText.toText(angles), "a megabyte of '<' is text");
        String ampersands = "&".repeat(MB);
        assertEquals(ampersands, HtmlText.toText(ampersands));
        assertEquals("&amp".repeat(MB / 4), HtmlText.toText("&amp".repeat(MB / 4)));
        assertEquals("x", HtmlText.toText("<div>".repeat(200_000) + "x" + "</div>".repeat(200_000)), "deep nesting");
        assertEquals("x", HtmlText.toText("<ul><li><blockquote>".repeat(100_000) + "x"), "unclosed nesting");
        assertEquals("", HtmlText.toText("</".repeat(MB / 2)));
        assertEquals("", HtmlText.toText("<!".repeat(MB / 2)));
        assertEquals("", HtmlText.toText("<a\"".repeat(MB / 3)), "one tag name running to the end");
        assertEquals("", HtmlText.toText("<a b='".repeat(MB / 6)));
        assertEquals("", HtmlText.toText("<script>".repeat(MB / 8)));
        assertEquals("x".repeat(50_000), HtmlText.toText("<script></script>x".repeat(50_000)));
        assertEquals("x".repeat(50_000), HtmlText.toText("<STYLE>p{}</style >x".repeat(50_000)));
        assertEquals("a", HtmlText.toText("a<!--" + "-".repeat(MB)), "an unterminated comment");
        assertEquals("a", HtmlText.toText("a<!--" + "<!--".repeat(MB / 4)));
    }

    @Test
    void hostileReferences() {
        String digits = "&#" + "9".repeat(MB);
        assertEquals(digits, HtmlText.toText(digits), "an unterminated reference stays as written");
        assertEquals("\uFFFD", HtmlText.toText("&#" + "9".repeat(MB) + ";"), "a huge number is no code point");
        assertEquals("A", HtmlText.toText("&#x" + "0".repeat(MB) + "41;"), "leading zeros do not matter");
        assertEquals("&#x" + "f".repeat(MB), HtmlText.toText("&#x" + "f".repeat(MB)));
        assertEquals("&#1".repeat(MB / 3), HtmlText.toText("&#1".repeat(MB / 3)));
        assertEquals("&eacute".repeat(MB / 7), HtmlText.decode("&eacute".repeat(MB / 7)));
    }

    @Test
    void nestedGarbage() {
        assertEquals("<\n\n>a<\n\n>", HtmlText.toText("<<p>>a<</p>>"));
        assertEquals(">ok", HtmlText.toText("<b<i<u>>ok</b</i>"), "a tag name ends at white space, '/' or '>' only");
        assertEquals("1\n2", HtmlText.toText("<div><div>1</span></div></b><li>2"));
        assertEquals("text", HtmlText.toText("</div></div></ul></ol></pre></script></style>text"), "ends without starts");
    }
}
