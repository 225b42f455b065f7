package io.atelier.platform.wordpress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PostMetrics;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.HttpAnswer;
import io.atelier.sdk.connector.http.Query;

/**
 * The one counter WordPress keeps of a post: its approved comments, reported as
 * {@link PostMetrics#REPLIES} (for an answer the connector made, the approved
 * comments answering it). WordPress itself counts no likes, shares, views or
 * reach, so no other key is ever reported. The count is the {@code X-WP-Total}
 * WordPress gives for {@code GET /wp/v2/comments?post=} (or {@code ?parent=}).
 * A post or comment in the trash, or gone, gets no entry.
 */
final class CommentCounts {

    private final WordPressHttp http;

    CommentCounts(WordPressHttp http) {
        this.http = http;
    }

    List<PostMetrics> of(List<String> remoteIds, AccountContext account) throws PlatformException {
        List<PostMetrics> out = new ArrayList<>();
        for (String remoteId : remoteIds) {
            RemoteId id = RemoteId.parse(remoteId);
            Call exists = WordPressHttp.hiding(Call.read("reading " + (id.comment() ? "comment " : "post ") + id),
                    account);
            HttpAnswer item = http.send(http.get(account, (id.comment() ? "/wp/v2/comments/" : "/wp/v2/posts/")
                    + id.id(), Query.of("_fields", "id,status")), exists);
            if (item.status() == 404 || item.ok() && "trash".equals(WpJson.string(item.json(), "status"))) {
                continue; // deleted: nothing to count any more
            }
            if (!item.ok()) {
                throw http.failure(item, exists);
            }
            Call count = WordPressHttp.hiding(Call.read("counting the comments of " + id), account);
            HttpAnswer page = http.require(http.get(account, "/wp/v2/comments", Query.of(
                    id.comment() ? "parent" : "post", String.valueOf(id.id()), "per_page", "1", "_fields", "id")),
                    count);
            String total = page.header("X-WP-Total").map(String::strip).orElse("");
            if (!total.matches("\\d{1,18}")) {
                throw new RetryableException("WordPress answered " + count.what() + " without a total (X-WP-Total)");
            }
            out.add(new PostMetrics(id.toString(), http.settings().clock().instant(),
                    Map.of(PostMetrics.REPLIES, Long.parseLong(total))));
        }
        return out;
    }
}
