package io.atelier.platform.telegram.internal;

import java.util.ArrayList;
import java.util.List;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.post.ShortPost;

/**
 * What the Bot API will refuse in a post, known without asking it: an empty
 * message, a text over 4096 or a caption over 1024 UTF-16 code units
 * ({@link TextLength}), more than ten photos, a medium that is not a JPEG or PNG
 * photo or is over 10 MB, an empty or too long part of a thread. With photos the
 * post's text is the caption of the first one, so the caption's limit applies.
 * The order and the common words are the SDK's {@link ShortPost}.
 */
final class PostRules {

    private static final ShortPost SHORT_POST = new ShortPost("Telegram", "message", "a photo",
            TelegramConstants.MAX_MEDIA, PostRules::length, PostRules::photo);

    private PostRules() {
    }

    static List<Problem> problems(PostVariant variant) {
        return SHORT_POST.problems(variant);
    }

    private static List<Problem> length(String field, String text, boolean withMedia) {
        return withMedia
                ? length(field, text, TelegramConstants.MAX_CAPTION, "in a photo's caption (the text of a post with"
                        + " photos is the caption of its first photo)")
                : length(field, text, TelegramConstants.MAX_TEXT, "in a message");
    }

    private static List<Problem> length(String field, String text, int max, String where) {
        int n = TextLength.of(text);
        if (n <= max) {
            return List.of();
        }
        String how = TextLength.differsFromCodePoints(text)
                ? " (Telegram counts UTF-16 code units: an emoji or other character beyond U+FFFF counts 2)" : "";
        return List.of(new Problem(field, field + " is " + n + " characters" + how + "; Telegram allows " + max
                + " " + where));
    }

    /** Photos only (the plugin sends media as photos), each within the Bot API's photo size. */
    private static List<Problem> photo(String field, int index, Media m) {
        List<Problem> problems = new ArrayList<>();
        if (!TelegramConstants.MEDIA_TYPES.contains(m.mediaType())) {
            problems.add(new Problem(field, "media " + (index + 1) + " is " + m.mediaType() + "; it is not published"
                    + " to Telegram by this plugin: photos only, as image/jpeg or image/png"));
        }
        if (m.size() > TelegramConstants.MAX_PHOTO_BYTES) {
            problems.add(new Problem(field, "media " + (index + 1) + " is " + m.size() + " bytes; Telegram allows"
                    + " photos of at most 10 MB (" + TelegramConstants.MAX_PHOTO_BYTES + " bytes)"));
        }
        return problems;
    }
}
