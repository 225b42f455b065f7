package io.atelier.platform.feeds.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** HTML to plain text: tags, scripts, comments, references, white space. */
class HtmlTextTest {

    @Test
    void tagsGoAndBlocksBreakLines() {
        assertEquals("Title\nOne two\nItem", HtmlText.toPlain("<h2>Title</h2><p>One <b>two</b></p><ul><li>Item</li></ul>"));
        assertEquals("a\nb", HtmlText.toPlain("a<br>b"));
        assertEquals("a\nb", HtmlText.toPlain("a<BR/>b"));
        assertEquals("ab", HtmlText.toPlain("a<span class=\"x\">b</span>"));
    }

    @Test
    void attributesMayHoldAnAngleBracket() {
        assertEquals("Link text", HtmlText.toPlain("<a title=\"a > b\" href='x>y'>Link text</a>"));
    }

    @Test
    void scriptsStylesTemplatesAndCommentsAreDroppedWhole() {
        assertEquals("before after", HtmlText.toPlain("before <script>if (a < b) alert('</p>')</script>after"));
        assertEquals("x y", HtmlText.toPlain("x <STYLE type=\"text/css\">p{}</Style >y"));
        assertEquals("x y", HtmlText.toPlain("x <template><p>hidden</p></template>y"));
        assertEquals("x y", HtmlText.toPlain("x <!-- <script>alert(1)</script> -->y"));
        assertEquals("x", HtmlText.toPlain("x<script>never closed"));
        assertEquals("x", HtmlText.toPlain("x<!-- never closed"));
        assertEquals("x y", HtmlText.toPlain("x <script src=\"a.js\"/>y"), "a self-closed script hides nothing");
    }

    @Test
    void aLoneAngleBracketOrAmpersandIsText() {
        assertEquals("1 < 2 & 3 > 2", HtmlText.toPlain("1 < 2 & 3 > 2"));
        assertEquals("AT&T, R&D;", HtmlText.toPlain("AT&T, R&D;"));
        assertEquals("<3", HtmlText.toPlain("<3"));
    }

    @Test
    void characterReferencesAreDecoded() {
        assertEquals("café — « ok » ’ €", HtmlText.toPlain("caf&eacute; &mdash; &laquo; ok &raquo; &rsquo; &euro;"));
        assertEquals("<b> & \" '", HtmlText.toPlain("&lt;b&gt; &amp; &quot; &apos;"));
        assertEquals("é é 😀", HtmlText.toPlain("&#233; &#xE9; &#x1F600;"));
        assertEquals("– ™", HtmlText.toPlain("&#150; &#153;"), "0x80–0x9F as Windows-1252, as browsers read them");
        assertEquals("\uFFFD \uFFFD \uFFFD", HtmlText.toPlain("&#0; &#xD800; &#x110000;"));
        assertEquals("&unknown; &#; &#xZZ;", HtmlText.toPlain("&unknown; &#; &#xZZ;"));
        assertEquals("&lt;script&gt;", HtmlText.toPlain("&amp;lt;script&amp;gt;"), "decoded once, not twice");
    }

    @Test
    void whiteSpaceIsNormalised() {
        assertEquals("a b\nc", HtmlText.toPlain("  a \t\u00A0 b \n\n\n   c  "));
        assertEquals("a b", HtmlText.toPlain("a&nbsp;&nbsp;b"));
        assertEquals("ab", HtmlText.normalise("a\u0000\u0007b"), "control characters are dropped");
        assertEquals("", HtmlText.toPlain("<p> </p>\n<div></div>"));
    }
}
