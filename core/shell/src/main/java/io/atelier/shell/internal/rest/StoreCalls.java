package io.atelier.shell.internal.rest;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.store.ConflictException;
import io.atelier.store.StoreException;

/**
 * How the shell calls the store, written once: a repository that is not there
 * (no store, or one still migrating) is {@code store_unavailable} (503), a
 * conflict is {@code conflict} (409), any other store failure is logged and
 * answered as {@code store_unavailable} without its details leaking further.
 */
public final class StoreCalls {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCalls.class);

    private StoreCalls() {
    }

    /** {@code repository}, or {@code store_unavailable} when it is missing. */
    public static <R> R require(R repository) {
        if (repository == null) {
            throw unavailable();
        }
        return repository;
    }

    /** Runs a store call, turning the store's failures into the API's errors. */
    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConflictException e) {
            throw ApiException.conflict(null, e.getMessage());
        } catch (StoreException e) {
            LOG.error("Store call failed: {}", e.getMessage(), e);
            throw new ApiException(ErrorCode.STORE_UNAVAILABLE, "the store failed: " + e.getMessage(), null);
        }
    }

    /** Runs a store call that answers nothing. */
    public static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    public static ApiException unavailable() {
        return new ApiException(ErrorCode.STORE_UNAVAILABLE, "the store is not available; see /api/v1/health", null);
    }
}
