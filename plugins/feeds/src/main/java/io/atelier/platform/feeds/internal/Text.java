package io.atelier.platform.feeds.internal;

import io.atelier.sdk.connector.text.HtmlText;
import io.atelier.sdk.connector.text.PlainText;

/**
 * A piece of text from a feed and how it is written: as HTML (an RSS
 * description, an Atom {@code type="html"} construct) or already plain.
 *
 * @param value the text as the feed has it, after XML parsing
 * @param html  whether {@code value} is HTML that must be turned into text
 */
record Text(String value, boolean html) {

    static final Text EMPTY = new Text("", false);

    Text {
        value = value == null ? "" : value;
    }

    static Text plain(String value) {
        return new Text(value, false);
    }

    static Text html(String value) {
        return new Text(value, true);
    }

    boolean isBlank() {
        return value.isBlank();
    }

    /** The plain text a person reads, white space normalised (the SDK's rules: paragraphs as blank lines). */
    String plain() {
        return html ? HtmlText.toText(value) : PlainText.normalise(value);
    }
}
