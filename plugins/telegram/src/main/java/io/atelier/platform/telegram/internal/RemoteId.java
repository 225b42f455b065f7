package io.atelier.platform.telegram.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.atelier.api.platform.RejectedException;

/**
 * A published post's id: the chat and every message the post made there (one
 * for a text or a photo, one per photo of an album, one per part of a thread),
 * written {@code <chat id>:<message id>,<message id>...} so that deleting the post
 * removes all of them.
 *
 * @param chatId     the chat's numeric id, as Telegram answered it
 * @param messageIds the messages, in the order they were sent
 */
record RemoteId(long chatId, List<Long> messageIds) {

    private static final Pattern FORM = Pattern.compile("-?[0-9]{1,20}:[0-9]{1,20}(,[0-9]{1,20})*");

    RemoteId {
        Objects.requireNonNull(messageIds, "messageIds");
        messageIds = List.copyOf(messageIds);
        if (messageIds.isEmpty()) {
            throw new IllegalArgumentException("a Telegram post has at least one message");
        }
    }

    /** The id {@link #toString()} wrote. */
    static RemoteId parse(String remoteId) throws RejectedException {
        if (remoteId == null || !FORM.matcher(remoteId).matches()) {
            throw new RejectedException("Telegram: '" + remoteId + "' is not the id of a Telegram post (expected"
                    + " <chat id>:<message id>[,<message id>...])");
        }
        int colon = remoteId.indexOf(':');
        List<Long> ids = new ArrayList<>();
        for (String id : remoteId.substring(colon + 1).split(",")) {
            ids.add(Long.parseLong(id));
        }
        return new RemoteId(Long.parseLong(remoteId.substring(0, colon)), ids);
    }

    /** The post's last message, which the next part of a thread answers. */
    long last() {
        return messageIds.get(messageIds.size() - 1);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(chatId).append(':');
        for (int i = 0; i < messageIds.size(); i++) {
            s.append(i == 0 ? "" : ",").append(messageIds.get(i));
        }
        return s.toString();
    }
}
