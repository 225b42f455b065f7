package io.atelier.sdk.connector.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The layout driven by element events, as a reader of well-formed markup (StAX) drives it. */
class TextLayoutTest {

    @Test
    void elementEventsGiveTheSameLinesAsHtmlSource() {
        TextLayout layout = new TextLayout();
        layout.open("div");
        layout.text("\n    ");
        layout.open("p");
        layout.text("Our new ");
        layout.open("strong");
        layout.text("roast");
        layout.close("strong");
        layout.text(" is\n bright.");
        layout.close("p");
        layout.open("SCRIPT");
        layout.open("p");
        layout.text("hidden, nested elements included");
        layout.close("p");
        layout.close("SCRIPT");
        layout.open("P");
        layout.text("Available in 250\u00A0g.");
        layout.open("br");
        layout.close("br");
        layout.text("Soon 1\u00A0kg.");
        layout.close("P");
        layout.close("div");
        assertEquals("Our new roast is bright.\n\nAvailable in 250 g.\nSoon 1 kg.", layout.toString());
        assertEquals("Our new roast is bright.\n\nAvailable in 250 g.\nSoon 1 kg.", HtmlText.toText("<div>\n    <p>Our new "
                + "<strong>roast</strong> is\n bright.</p><SCRIPT><p>hidden</p></SCRIPT><P>Available in 250&nbsp;g."
                + "<br/>Soon 1&#160;kg.</P></div>"));
    }

    @Test
    void lineBreaksWithoutElements() {
        TextLayout layout = new TextLayout();
        layout.lineBreak();
        layout.text("a");
        layout.lineBreak();
        layout.text("  b  ");
        layout.lineBreak();
        layout.lineBreak();
        layout.lineBreak();
        layout.text("c");
        layout.lineBreak();
        assertEquals("a\nb\n\nc", layout.toString());
    }

    @Test
    void nothingIsEmpty() {
        assertEquals("", new TextLayout().toString());
    }
}
