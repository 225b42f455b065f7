package io.atelier.sdk.connector.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;
import io.atelier.api.post.PostVariant;

class BlogPostTest {

    private static final Limits LIMITS = new Limits(0, LengthRule.CODE_POINTS, 1, 1000,
            Set.of("image/webp", "image/png", "image/jpeg", "image/gif"));

    @Test
    void oneTextAndOneFeaturedImagePass() {
        assertEquals(List.of(), BlogPost.problems(new PostVariant("acc", "Text",
                List.of(new Media("m1", "image/png", 1000, "A loaf")), List.of()), "Blog", "featured image", LIMITS));
    }

    @Test
    void aThreadTooManyMediaAWrongTypeAndATooLargeImageAreEachNamed() {
        PostVariant variant = new PostVariant("acc", "Text", List.of(new Media("m1", "video/mp4", 10, ""),
                new Media("m2", "image/jpeg", 1001, "")), List.of("second part", "third part"));
        assertEquals(List.of(
                new Problem("thread", "Blog posts have no threads: put the 3 parts into the text of one post"),
                new Problem("media", "2 media are attached; a Blog post takes 1, its featured image"),
                new Problem("media[0]", "media 1 is video/mp4; a Blog featured image is a JPEG, PNG, GIF or WebP"
                        + " image"),
                new Problem("media[1]", "media 2 is 1001 bytes; at most 1000 bytes are sent to Blog (the site may"
                        + " accept less)")),
                BlogPost.problems(variant, "Blog", "featured image", LIMITS));
    }
}
