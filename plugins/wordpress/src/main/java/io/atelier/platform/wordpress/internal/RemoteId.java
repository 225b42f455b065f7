package io.atelier.platform.wordpress.internal;

import io.atelier.api.platform.RejectedException;

/**
 * What a remote id of this connector names: a post, by WordPress's post id
 * ({@code 42}), or a comment, {@code wp-comment:} and its comment id
 * ({@code wp-comment:7}) — the forms {@code publish}, {@code reply} and
 * {@code mentions} give out and {@code delete}, {@code metrics} and {@code reply}
 * take back.
 *
 * @param comment whether it names a comment rather than a post
 * @param id      WordPress's id of the post or comment, positive
 */
record RemoteId(boolean comment, long id) {

    RemoteId {
        if (id < 1) {
            throw new IllegalArgumentException("a WordPress id is positive, not " + id);
        }
    }

    static RemoteId post(long id) {
        return new RemoteId(false, id);
    }

    static RemoteId comment(long id) {
        return new RemoteId(true, id);
    }

    /** The id {@code text} names, or a refusal that quotes it (shortened). */
    static RemoteId parse(String text) throws RejectedException {
        if (text != null) {
            boolean comment = text.startsWith(WordPressConstants.COMMENT_PREFIX);
            String digits = comment ? text.substring(WordPressConstants.COMMENT_PREFIX.length()) : text;
            if (digits.matches("[1-9][0-9]{0,17}")) {
                return new RemoteId(comment, Long.parseLong(digits));
            }
        }
        throw new RejectedException("not a WordPress post id (a number) or comment id (wp-comment:<number>): "
                + (text == null ? "null" : text.length() > 70 ? text.length() + " characters" : text));
    }

    @Override
    public String toString() {
        return comment ? WordPressConstants.COMMENT_PREFIX + id : Long.toString(id);
    }
}
