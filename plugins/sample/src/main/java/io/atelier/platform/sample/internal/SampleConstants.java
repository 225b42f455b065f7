package io.atelier.platform.sample.internal;

/**
 * The identity and limits of the sample platform, in one place so the
 * connector, the command and the view agree on them.
 */
final class SampleConstants {

    /** The platform id of accounts and URLs, also the service property {@code atelier.platform.id}. */
    static final String PLATFORM_ID = "sample";

    /** The name the workbench shows. */
    static final String PLATFORM_NAME = "Sample";

    /** Longest text, in Unicode code points. */
    static final int MAX_LENGTH = 500;

    /** The command that lists what was published. */
    static final String POSTS_COMMAND = "sample-posts";

    private SampleConstants() {
    }
}
