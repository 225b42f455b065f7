package io.atelier.ghost.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RejectedException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * The site's members, as far as the connector needs them: the member an account
 * answers comments as, and how many members the site has.
 * <p>
 * Only members comment on a Ghost site; staff who answer do it as a member (the
 * member with their e-mail). The Admin API lets an integration make a comment in a
 * member's name, so the account names that member by e-mail ({@code replyAs}); its
 * id is kept per site and e-mail once found, since a member's id never changes.
 */
final class Members {

    private final GhostHttp http;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    Members(GhostHttp http) {
        this.http = http;
    }

    /** The e-mail the account answers as, if it names one. */
    static Optional<String> replyAs(AccountContext account) {
        return account.credentials().get(GhostConstants.REPLY_AS).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The id of the member {@code email}, if the site has one. */
    Optional<String> idOf(AccountContext account, String email, String what) throws PlatformException {
        String key = Site.of(account.account()) + "\n" + email.toLowerCase(Locale.ROOT);
        String known = ids.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (email.indexOf('\'') >= 0 || email.indexOf('\\') >= 0) {
            return Optional.empty(); // no member's address holds a quote; it would not make a filter
        }
        JsonObject answer = http.require(http.get(account, "/members/", Query.of("filter",
                "email:'" + email + "'", "limit", "1", "fields", "id,email")),
                GhostHttp.hiding(Call.read(what), account)).json();
        Optional<String> id = GhostJson.first(answer, "members").map(m -> GhostJson.string(m, "id"));
        id.ifPresent(i -> ids.put(key, i));
        return id;
    }

    /**
     * The id of the member the account answers as.
     *
     * @throws RejectedException when the account names none, or the site has no such member
     */
    String replier(AccountContext account, String what) throws PlatformException {
        String email = replyAs(account).orElseThrow(() -> new RejectedException("Ghost account "
                + account.account().handle() + " cannot answer comments: only members comment on Ghost, and the"
                + " account names no member to answer as; set its 'Answer comments as' field ("
                + GhostConstants.REPLY_AS + ") to the e-mail of a member of the site, e.g. your own"));
        return idOf(account, email, what).orElseThrow(() -> new RejectedException("Ghost account "
                + account.account().handle() + " answers comments as member " + email + ", but the site has no"
                + " member with that e-mail; add one in Ghost (Members → New member) or change the account's"
                + " 'Answer comments as' field"));
    }

    /** How many members the site has (free and paid, subscribed to a newsletter or not). */
    long count(AccountContext account) throws PlatformException {
        JsonObject answer = http.require(http.get(account, "/members/", Query.of("limit", "1", "fields", "id")),
                GhostHttp.hiding(Call.read("counting the members of " + account.account().handle()), account))
                .json();
        return GhostJson.total(answer);
    }
}
