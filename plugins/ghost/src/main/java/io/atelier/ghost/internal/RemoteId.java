package io.atelier.ghost.internal;

import io.atelier.api.platform.RejectedException;

/**
 * What a remote id of this connector names: a post, by Ghost's id (24
 * hexadecimal digits), or a comment, {@code ghost-comment:} and its id — the forms
 * {@code publish}, {@code reply} and {@code mentions} give out and {@code delete},
 * {@code metrics}, {@code moderate} and {@code reply} take back.
 *
 * @param comment whether it names a comment rather than a post
 * @param id      Ghost's id of the post or comment, lower case
 */
record RemoteId(boolean comment, String id) {

    private static final String GHOST_ID = "[0-9a-f]{24}";

    RemoteId {
        if (id == null || !id.matches(GHOST_ID)) {
            throw new IllegalArgumentException("a Ghost id is 24 hexadecimal digits, not " + id);
        }
    }

    static RemoteId post(String id) {
        return new RemoteId(false, id);
    }

    static RemoteId comment(String id) {
        return new RemoteId(true, id);
    }

    /** The id {@code text} names, or a refusal that quotes it (shortened). */
    static RemoteId parse(String text) throws RejectedException {
        if (text != null) {
            boolean comment = text.startsWith(GhostConstants.COMMENT_PREFIX);
            String id = comment ? text.substring(GhostConstants.COMMENT_PREFIX.length()) : text;
            if (id.matches(GHOST_ID)) {
                return new RemoteId(comment, id);
            }
        }
        throw new RejectedException("not a Ghost post id (24 hexadecimal digits) or comment id (ghost-comment:<id>): "
                + (text == null ? "null" : text.length() > 70 ? text.length() + " characters" : text));
    }

    @Override
    public String toString() {
        return comment ? GhostConstants.COMMENT_PREFIX + id : id;
    }
}
