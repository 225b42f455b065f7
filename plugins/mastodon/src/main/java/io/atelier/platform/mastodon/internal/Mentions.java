package io.atelier.platform.mastodon.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.monitoring.Mention;
import io.atelier.api.monitoring.MentionPage;
import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;
import io.atelier.sdk.connector.json.Json;
import io.atelier.sdk.connector.text.HtmlText;

/**
 * The account's mentions, from {@code GET /api/v1/notifications?types[]=mention}.
 * The cursor is the id of the newest notification already returned; each poll
 * pages forward from it with {@code min_id} ("results immediately newer than
 * this id"), which leaves no gap however many arrived, up to {@link #MAX_PAGES}
 * pages — the rest comes with the next poll. The first poll (no cursor) takes
 * the newest page only: history older than that is not imported. When it finds
 * none, its cursor is {@value #FROM_THE_START}, so the first mentions to arrive
 * are all read, however many.
 * <p>
 * Each mention is the status that mentions the account: its id (the instance's
 * local status id, which {@code reply} answers), its link, its author's
 * {@code acct} ({@code user} on the same instance, {@code user@domain}
 * elsewhere), its content as plain text (the SDK's {@code HtmlText}), when it
 * was published and the status it answers.
 */
final class Mentions {

    /** The cursor before any notification: every id is newer. */
    static final String FROM_THE_START = "0";

    /** Pages read in one poll. */
    static final int MAX_PAGES = 5;

    private final MastodonHttp http;

    Mentions(MastodonHttp http) {
        this.http = http;
    }

    MentionPage poll(String cursor, AccountContext account) throws PlatformException {
        if (cursor != null && !cursor.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new RejectedException("the mentions cursor of Mastodon account " + account.account().handle()
                    + " is not a notification id: " + cursor.length() + " characters");
        }
        Call call = MastodonHttp.hiding(Call.read("reading the mentions of " + account.account().handle()), account);
        List<JsonObject> notifications = new ArrayList<>();
        String newest = cursor;
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/api/v1/notifications" + Query.of("types[]", "mention",
                    "limit", String.valueOf(MastodonConstants.NOTIFICATIONS_PAGE), "min_id", newest);
            JsonElement body = Json.element(http.require(http.get(account, path), call).text());
            JsonArray items = body != null && body.isJsonArray() ? body.getAsJsonArray() : new JsonArray();
            String before = newest;
            for (JsonElement e : items) {
                if (!e.isJsonObject()) {
                    continue;
                }
                JsonObject n = e.getAsJsonObject();
                String id = Statuses.string(n, "id");
                if (id == null || cursor != null && !Statuses.newer(id, cursor)) {
                    continue; // never step back behind the cursor
                }
                if (Statuses.newer(id, newest)) {
                    newest = id;
                }
                notifications.add(n);
            }
            // Without a cursor only the newest page; with one, on until a page is short or brings nothing new.
            if (cursor == null || items.size() < MastodonConstants.NOTIFICATIONS_PAGE || newest.equals(before)) {
                break;
            }
        }
        notifications.sort(Comparator.comparing((JsonObject n) -> Statuses.string(n, "id"), Mentions::compareIds));
        List<Mention> mentions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonObject n : notifications) {
            JsonObject status = Statuses.object(n, "status");
            // An older instance may ignore types[]: only mentions are kept, whatever else it sends.
            if (!"mention".equals(Statuses.string(n, "type")) || Statuses.string(status, "id") == null
                    || !seen.add(Statuses.string(status, "id"))) {
                continue;
            }
            mentions.add(mention(status, n));
        }
        // An account with no mention yet resumes from the very first one, not from "the newest page".
        return new MentionPage(mentions, newest == null ? FROM_THE_START : newest);
    }

    private static Mention mention(JsonObject status, JsonObject notification) {
        String url = Statuses.string(status, "url");
        Instant at = Statuses.instant(status, "created_at")
                .or(() -> Statuses.instant(notification, "created_at")).orElse(Instant.EPOCH);
        String author = Statuses.string(Statuses.object(status, "account"), "acct");
        if (author == null) {
            author = Statuses.string(Statuses.object(notification, "account"), "acct");
        }
        return new Mention(Statuses.string(status, "id"), MastodonConstants.PLATFORM_ID,
                url != null ? url : Statuses.string(status, "uri"), author,
                HtmlText.toText(Statuses.string(status, "content")), at, Statuses.string(status, "in_reply_to_id"),
                null);
    }

    private static int compareIds(String a, String b) {
        return a.equals(b) ? 0 : Statuses.newer(a, b) ? 1 : -1;
    }
}
