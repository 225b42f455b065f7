package io.atelier.platform.wordpress.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.RetryableException;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.Query;

/**
 * The WordPress user an account signs in as ({@code GET /wp/v2/users/me}): its
 * record for {@code verify}, and its id — which leaves the account's own comments
 * out of its mentions and finds its own replies — kept per site and user name,
 * since a user's id never changes.
 */
final class Me {

    private final WordPressHttp http;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    Me(WordPressHttp http) {
        this.http = http;
    }

    /** The signed-in user with its roles and capabilities ({@code context=edit}, which a user may read of itself). */
    JsonObject read(AccountContext account, String what) throws PlatformException {
        JsonObject me = http.require(http.get(account, "/wp/v2/users/me", Query.of("context", "edit",
                "_fields", "id,username,roles,capabilities")), WordPressHttp.hiding(Call.read(what), account)).json();
        long id = WpJson.number(me, "id");
        if (id < 1) {
            throw new RetryableException("WordPress answered " + what + " without a user id");
        }
        ids.put(key(account), id);
        return me;
    }

    /** The signed-in user's id. */
    long id(AccountContext account) throws PlatformException {
        Long known = ids.get(key(account));
        if (known != null) {
            return known;
        }
        return WpJson.number(read(account, "reading the user of account " + account.account().handle()), "id");
    }

    private static String key(AccountContext account) throws PlatformException {
        return Site.of(account.account()) + "\n" + WordPressHttp.username(account);
    }
}
