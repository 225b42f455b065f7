package io.atelier.shell.internal.web;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.atelier.shell.internal.workbench.ViewRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves {@code /views/<viewId>/<path>} from the folder the view's bundle
 * declared ({@code atelier.view.resources}), so every bundle ships its view's
 * files inside its own jar and they disappear with it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("atelier-views")
@HttpWhiteboardServletPattern("/views/*")
public final class ViewResourceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ViewRegistry views;

    @Activate
    public ViewResourceServlet(@Reference ViewRegistry views) {
        this.views = views;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!BundleFiles.accept(request, response)) {
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        int slash = path.indexOf('/', 1);
        if (path.startsWith("/") && slash > 1) {
            String viewId = path.substring(1, slash);
            Optional<ViewRegistry.Source> source = views.source(viewId);
            if (source.isPresent()
                    && BundleFiles.serve(source.get().bundle(), source.get().folder(), path.substring(slash + 1), response)) {
                return;
            }
        }
        BundleFiles.fail(response, 404, "not_found", "no such view file: /views" + path);
    }
}
