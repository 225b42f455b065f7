package io.atelier.platform.feeds.internal.publishing;

import java.io.IOException;
import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atelier.api.storage.PluginStore;
import io.atelier.api.workbench.WorkbenchAddress;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the Atom feeds the {@code atom} platform publishes, through the HTTP
 * whiteboard at {@code /feeds/*}, to anyone: a feed holds only what was published
 * to it, and its address carries an account's or a workspace's random id. Only
 * {@code GET} (and {@code HEAD}); the answers are {@link FeedPages}'.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("atelier-atom-feeds")
@HttpWhiteboardServletPattern(FeedPaths.PATTERN)
public final class FeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient FeedPages pages;

    @Activate
    public FeedServlet(@Reference PluginStore store, @Reference WorkbenchAddress address) {
        this.pages = new FeedPages(new PublishedEntries(store, Clock.systemUTC()), () -> address.base().toString());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        FeedPages.Answer answer = pages.get(request.getPathInfo(), request.getHeader("If-None-Match"));
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (answer.body().length > 0) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }
}
