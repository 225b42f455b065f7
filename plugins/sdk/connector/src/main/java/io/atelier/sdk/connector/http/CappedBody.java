package io.atelier.sdk.connector.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap: past it the subscription is
 * cancelled (which closes the connection) and the body fails with
 * {@link TooLarge}, so an endless or oversized answer costs at most the cap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was longer than the cap; {@code declared} is its {@code Content-Length}, or -1 when it streamed past. */
    static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        private final long declared;

        TooLarge(long limit, long declared) {
            super(declared >= 0 ? "Content-Length " + declared + " is over the limit of " + limit + " bytes"
                    : "body longer than the limit of " + limit + " bytes");
            this.declared = declared;
        }

        long declared() {
            return declared;
        }
    }

    private final long limit;
    private final long declared;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    private CappedBody(long limit, long declared) {
        this.limit = limit;
        this.declared = declared;
    }

    /** A handler giving each answer a body capped at {@code limit} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new CappedBody(limit, declaredLength(info.headers()));
    }

    /** The {@link TooLarge} among {@code failure} and its causes, if any. */
    static Optional<TooLarge> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    private static long declaredLength(java.net.http.HttpHeaders headers) {
        try {
            return headers.firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1; // the client itself refuses such an answer
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > limit) {
            s.cancel();
            body.completeExceptionally(new TooLarge(limit, declared));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            received += b.remaining();
            if (received > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(limit, -1));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
