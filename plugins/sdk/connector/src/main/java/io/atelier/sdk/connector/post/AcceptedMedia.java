package io.atelier.sdk.connector.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.atelier.api.platform.Problem;
import io.atelier.api.post.Media;

/** The common {@link MediaCheck}: accepted types, one size limit, an optional alt-text limit. */
record AcceptedMedia(String network, Set<String> types, long maxBytes, int maxAltText) implements MediaCheck {

    AcceptedMedia {
        Objects.requireNonNull(network, "network");
        types = Set.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types: a network that takes media accepts at least one type");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        if (maxAltText < 0) {
            throw new IllegalArgumentException("maxAltText must not be negative, not " + maxAltText);
        }
    }

    @Override
    public List<Problem> problems(String field, int index, Media medium) {
        List<Problem> problems = new ArrayList<>();
        int number = index + 1;
        if (!types.contains(medium.mediaType())) {
            problems.add(new Problem(field, "media " + number + " is " + medium.mediaType() + "; " + network
                    + " accepts " + String.join(", ", types.stream().sorted().toList())));
        }
        if (medium.size() > maxBytes) {
            problems.add(new Problem(field, "media " + number + " is " + medium.size() + " bytes; " + network
                    + " accepts up to " + maxBytes + " bytes"));
        }
        int alt = medium.altText().codePointCount(0, medium.altText().length());
        if (alt > maxAltText) {
            problems.add(new Problem(field, "the alt text of media " + number + " is " + alt + " characters; "
                    + network + " allows " + maxAltText));
        }
        return problems;
    }
}
