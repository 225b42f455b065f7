package io.atelier.platform.feeds.internal;

/** The kinds of feed this source reads, told apart by the document's root element. */
enum FeedFormat {
    /** {@code <rss>} (2.0, and the 0.9x versions it grew from). */
    RSS_2("RSS 2.0"),
    /** {@code <rdf:RDF>} with RSS 1.0 (or 0.90) items. */
    RSS_1("RSS 1.0"),
    /** {@code <feed xmlns="http://www.w3.org/2005/Atom">}. */
    ATOM("Atom 1.0");

    private final String label;

    FeedFormat(String label) {
        this.label = label;
    }

    /** The format's usual name, e.g. {@code Atom 1.0}. */
    String label() {
        return label;
    }
}
