package io.atelier.platform.feeds.internal.publishing;

import java.util.ArrayList;
import java.util.List;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.PostVariant;

/**
 * What an Atom feed entry accepts: text, at most {@link #MAX_LENGTH} code points
 * in the post's text and in each thread part, at most {@link #MAX_TOTAL} for the
 * whole entry, and no media. (The SDK's {@code ShortPost} is not used: its words
 * offer media in place of text, which a text-only feed cannot take.)
 * <p>
 * Media are refused because an enclosure in a feed is a link that must keep
 * working for every subscriber, for years; the workbench's media library gives
 * only short-lived signed addresses, and none at all without a public address.
 */
final class EntryRules {

    /** The longest text and thread part, in code points. */
    static final int MAX_LENGTH = 10_000;
    /** The longest entry, its thread parts included, in code points: it must fit one store value. */
    static final int MAX_TOTAL = 25_000;

    private EntryRules() {
    }

    static List<Problem> problems(PostVariant variant) {
        List<Problem> problems = new ArrayList<>();
        String text = EntryText.clean(variant.text());
        if (text.isBlank()) {
            problems.add(new Problem("text", "text is empty; an Atom feed entry needs text"));
        }
        length(problems, "text", "text", text);
        int total = EntryText.length(text);
        for (int i = 0; i < variant.thread().size(); i++) {
            String part = EntryText.clean(variant.thread().get(i));
            String field = "thread[" + i + "]";
            if (part.isBlank()) {
                problems.add(new Problem(field, "thread part " + (i + 2) + " is empty"));
            }
            length(problems, field, "thread part " + (i + 2), part);
            total += EntryText.length(part);
        }
        if (total > MAX_TOTAL) {
            problems.add(new Problem("thread", "the entry with its thread is " + total + " characters; an Atom feed"
                    + " entry holds at most " + MAX_TOTAL + " in all"));
        }
        for (int i = 0; i < variant.media().size(); i++) {
            problems.add(new Problem("media[" + i + "]", "an Atom feed entry carries text only: a medium in a feed"
                    + " needs a permanent public address, which the workbench does not give its media; link to the"
                    + " image in the text instead"));
        }
        return problems;
    }

    private static void length(List<Problem> problems, String field, String what, String text) {
        int length = EntryText.length(text);
        if (length > MAX_LENGTH) {
            // The limit as digits only: the composer and the conformance kit look for the number.
            problems.add(new Problem(field, what + " is " + length + " characters; an Atom feed entry allows "
                    + MAX_LENGTH));
        }
    }
}
