package io.atelier.platform.telegram.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.atelier.api.platform.AccountContext;
import io.atelier.api.platform.AuthExpiredException;
import io.atelier.api.platform.Capability;
import io.atelier.api.platform.CredentialField;
import io.atelier.api.platform.CredentialForm;
import io.atelier.api.platform.CredentialKind;
import io.atelier.api.platform.LengthRule;
import io.atelier.api.platform.Limits;
import io.atelier.api.platform.OutcomeUnknownException;
import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformException;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.api.platform.Problem;
import io.atelier.api.platform.PublishRequest;
import io.atelier.api.platform.PublishResult;
import io.atelier.api.platform.RatePolicy;
import io.atelier.api.platform.RejectedException;
import io.atelier.api.post.PostVariant;
import io.atelier.sdk.connector.http.Call;
import io.atelier.sdk.connector.http.ErrorMapping;
import io.atelier.sdk.connector.http.HttpSettings;

/**
 * Publishes to one Telegram channel or group through a bot of the Bot API:
 * plain-text messages (no parse mode, so nothing in the text is read as
 * markup), photos with the text as caption ({@code sendPhoto}, or an album of
 * up to ten with {@code sendMediaGroup}), threads whose parts answer the part
 * before, and deletes of every message a post made.
 * <p>
 * Exactly once: the Bot API has no idempotency key and no way for a bot to list
 * or search a chat's past messages, so nothing can tell afterwards whether a
 * message whose answer was lost was posted. {@link #publish} never repeats a
 * request, and {@link #reconcile} always answers that the outcome is unknown
 * (never "absent"), so the core never sends such a post again on its own; a
 * person looks at the channel. See the README.
 */
@Component(service = PlatformConnector.class,
        property = PlatformConnector.PLATFORM_ID + "=" + TelegramConstants.PLATFORM_ID)
public class TelegramConnector implements PlatformConnector {

    static final PlatformInfo INFO = new PlatformInfo(
            TelegramConstants.PLATFORM_ID,
            TelegramConstants.PLATFORM_NAME,
            EnumSet.of(Capability.PUBLISH, Capability.THREAD, Capability.MEDIA, Capability.DELETE),
            // Telegram counts UTF-16 code units, which no LengthRule names; validate() checks them (TextLength).
            new Limits(TelegramConstants.MAX_TEXT, LengthRule.CODE_POINTS, TelegramConstants.MAX_MEDIA,
                    TelegramConstants.MAX_PHOTO_BYTES, TelegramConstants.MEDIA_TYPES),
            new CredentialForm(CredentialKind.API_KEY, List.of(
                    new CredentialField(TelegramConstants.BOT_TOKEN, "Bot token", true, true,
                            "In Telegram, talk to @BotFather: /newbot (or /token for an existing bot) gives the token,"
                                    + " e.g. 123456789:AAH…"),
                    new CredentialField(TelegramConstants.CHAT_ID, "Channel or group", false, true,
                            "A public channel's @username, or the numeric chat id (e.g. -1001234567890). Add the bot"
                                    + " to it as an administrator allowed to post messages first."))),
            // Telegram's bot FAQ: about one message per second in a chat, no more than 20 per minute in a group.
            new RatePolicy(8, 1, 20));

    private final BotApi api;
    private final Posting posting;
    private final Membership membership;

    /** The connector as the framework creates it: real HTTP with the default timeouts. */
    public TelegramConnector() {
        this(HttpSettings.defaults());
    }

    TelegramConnector(HttpSettings settings) {
        this.api = new BotApi(settings);
        this.posting = new Posting(api);
        this.membership = new Membership(api);
    }

    @Override
    public PlatformInfo info() {
        return INFO;
    }

    @Override
    public List<Problem> validate(PostVariant variant, AccountContext account) {
        return PostRules.problems(variant);
    }

    /**
     * Checks the token ({@code getMe}), the chat ({@code getChat}) and that the bot
     * is an administrator there allowed to post ({@code getChatMember}).
     *
     * @throws AuthExpiredException naming what is wrong and how to fix it
     */
    @Override
    public void verify(AccountContext account) throws PlatformException {
        membership.check(BotAccount.of(account));
    }

    @Override
    public PublishResult publish(PublishRequest request, AccountContext account) throws PlatformException {
        List<Problem> problems = PostRules.problems(request.variant());
        if (!problems.isEmpty()) {
            throw new RejectedException("Telegram: post " + request.postId() + " cannot be published: "
                    + problems.stream().map(p -> p.field() + ": " + p.message()).toList());
        }
        return posting.publish(BotAccount.of(account), request, account);
    }

    /**
     * Always {@link OutcomeUnknownException}: a bot can neither list a chat's
     * messages nor find one by a key, so it can never tell that a post is absent —
     * and answering "absent" would have the post sent a second time.
     */
    @Override
    public Optional<PublishResult> reconcile(String idempotencyKey, AccountContext account) throws PlatformException {
        throw new OutcomeUnknownException("Telegram: the Bot API cannot list a chat's past messages nor find one by"
                + " key, so whether the post with key " + idempotencyKey + " reached the chat cannot be looked up;"
                + " look at the channel and publish it again only if it is missing");
    }

    /**
     * Deletes every message of the post ({@code deleteMessage} each); a message
     * already gone counts as deleted.
     *
     * @throws RejectedException when Telegram refuses, e.g. past its 48 hours
     */
    @Override
    public void delete(String remoteId, AccountContext account) throws PlatformException {
        BotAccount bot = BotAccount.of(account);
        RemoteId id = RemoteId.parse(remoteId);
        for (long message : id.messageIds()) {
            JsonObject params = new JsonObject();
            params.addProperty("chat_id", id.chatId());
            params.addProperty("message_id", message);
            Call call = Call.repeatableWrite("deleting message " + message + " of chat " + id.chatId());
            try {
                api.call(bot, "deleteMessage", params, call);
            } catch (RejectedException e) {
                String m = e.getMessage();
                if (m.contains("message to delete not found")) {
                    continue; // gone already: deleting it again succeeds
                }
                if (m.contains("can't be deleted")) {
                    throw new RejectedException(m + ". Telegram lets a bot delete a message only within 48 hours of"
                            + " sending it (in a channel, only with the right to post messages); delete it in a"
                            + " Telegram app instead", e);
                }
                throw e;
            }
        }
    }

    /** The message's {@code date} (Unix seconds), or now when Telegram gave none. */
    static Instant date(JsonElement message) {
        JsonElement d = message.isJsonObject() ? message.getAsJsonObject().get("date") : null;
        return d != null && d.isJsonPrimitive() ? Instant.ofEpochSecond(d.getAsLong()) : Instant.now();
    }

    /** {@code text} with the bot token (and its secret part) blanked, for messages built here. */
    static String redacted(String text, BotAccount bot) {
        return ErrorMapping.redacted(text, BotApi.safe(bot, Call.read("")));
    }

    @Override
    public String toString() {
        return "TelegramConnector[" + api + "]";
    }

    /** For messages listing the messages already posted. */
    static String ids(List<Long> ids) {
        List<String> s = new ArrayList<>();
        ids.forEach(i -> s.add(String.valueOf(i)));
        return String.join(", ", s);
    }
}
